package io.github.eventretry.genesys.emulator.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a sample test class through JUnit's own launcher, as a build would, and keeps what happened to
 * each class and test: which succeeded, which failed and why.
 */
final class SampleRun {
  /** The configuration parameter that enables sample classes; they are skipped anywhere else. */
  static final String ENABLED = "eventretry.samples";

  final Set<String> succeeded = ConcurrentHashMap.newKeySet();
  final Map<String, Throwable> failed = new ConcurrentHashMap<>();

  private SampleRun() {}

  static SampleRun of(Class<?> sample) {
    return of(sample, Map.of());
  }

  static SampleRun of(Class<?> sample, Map<String, String> configuration) {
    Map<String, String> config = new LinkedHashMap<>(configuration);
    config.put(ENABLED, "true");
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(sample))
        .configurationParameters(config)
        .build();
    SampleRun run = new SampleRun();
    LauncherFactory.create().execute(request, new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<String> name = id.getSource().flatMap(SampleRun::name);
        if (name.isEmpty()) {
          return;
        }
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
          run.succeeded.add(name.get());
        } else {
          run.failed.put(name.get(), result.getThrowable()
              .orElseGet(() -> new AssertionError(result.getStatus().toString())));
        }
      }
    });
    return run;
  }

  private static Optional<String> name(TestSource source) {
    if (source instanceof MethodSource m) {
      return Optional.of(m.getMethodName());
    }
    if (source instanceof ClassSource c) {
      return Optional.of(c.getJavaClass().getSimpleName());
    }
    return Optional.empty();
  }

  /** Whether nothing listens on the port of 127.0.0.1 any more. */
  static boolean closed(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      return false;
    } catch (ConnectException refused) {
      return true;
    }
  }

  /** Put on sample classes: they run only when {@link SampleRun} runs them, not in the build's own run. */
  static final class OnlyInSampleRun implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(ENABLED).isPresent()
          ? ConditionEvaluationResult.enabled("run by SampleRun")
          : ConditionEvaluationResult.disabled("a sample, run by SampleRun only");
    }
  }
}
