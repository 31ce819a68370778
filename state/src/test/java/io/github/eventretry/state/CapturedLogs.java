package io.github.eventretry.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The state tests' SLF4J binding (named by the {@code slf4j.provider} system property in state's pom,
 * as the module path ignores test resources' service files): every level is on, and every line is kept
 * with the thread's MDC at the time, so a test can see what a log line of a rollout carries. Its MDC
 * adapter works (SLF4J's no-operation fallback and slf4j-simple drop every entry).
 */
public final class CapturedLogs implements SLF4JServiceProvider {
  /** One logged line: its level, logger, formatted message, and the MDC entries it was logged with. */
  public record Line(Level level, String logger, String message, Map<String, String> mdc) {}

  private static final ConcurrentLinkedQueue<Line> LINES = new ConcurrentLinkedQueue<>();
  private final ILoggerFactory factory = CapturingLogger::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  /**
   * Returns every line logged so far.
   *
   * @return a copy
   */
  public static List<Line> lines() {
    return new ArrayList<>(LINES);
  }

  /** Forgets the lines logged so far. */
  public static void clear() {
    LINES.clear();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable t) {
      Map<String, String> context = MDC.getCopyOfContextMap();
      LINES.add(new Line(level, name, MessageFormatter.basicArrayFormat(pattern, args),
          context == null ? Map.of() : Map.copyOf(context)));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
