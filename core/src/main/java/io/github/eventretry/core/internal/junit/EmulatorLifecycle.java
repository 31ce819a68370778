package io.github.eventretry.core.internal.junit;

import io.github.eventretry.core.text.SafeText;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.net.BindException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * What both emulators' JUnit Jupiter extensions do, written once: start an emulator per test class
 * (nested classes share it) or per test, remember which one the calling thread's test runs against,
 * resolve it as a parameter, stop it, and say in words why it did not start or cannot be had. Each
 * public extension holds one of these and passes JUnit's callbacks on to it; it is also the key of the
 * emulator in JUnit's store, so two extensions on one class never see each other's.
 *
 * <p>Not part of eventretry's API: exported to eventretry's emulator modules only. Thread-safe: tests
 * may run in parallel.
 *
 * @param <E> the emulator's type
 */
public final class EmulatorLifecycle<E> {

  /** When an emulator starts and stops. */
  public enum Mode {
    /** One emulator for a test class and its nested classes. */
    PER_CLASS,
    /** A new emulator for every test. */
    PER_METHOD
  }

  /**
   * Configures and starts one emulator.
   *
   * @param <E> the emulator's type
   */
  @FunctionalInterface
  public interface Starter<E> {
    /**
     * Starts a new emulator.
     *
     * @return the running emulator
     * @throws IOException if it cannot listen (or write its files)
     */
    E start() throws IOException;
  }

  private final String name;
  private final Class<E> type;
  private final Class<? extends Annotation> annotation;
  private final Function<Annotation, Mode> annotatedMode;
  private final Optional<Mode> fixedMode;
  private final Starter<E> starter;
  private final Consumer<E> stopper;
  private final String ioFallback;
  private final Set<Running> running = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Running> current = new ThreadLocal<>();

  /**
   * Creates the lifecycle of one extension.
   *
   * @param <A> the annotation type
   * @param name what the emulator is called in messages, such as {@code "AWS emulator"}
   * @param type the emulator's class, the parameter type resolved
   * @param annotation the annotation that registers the extension and may give the mode
   * @param annotatedMode reads the mode from that annotation
   * @param fixedMode the mode the extension was built with; empty: the nearest annotation's, else
   *     {@link Mode#PER_CLASS}
   * @param starter configures and starts a new emulator
   * @param stopper stops one
   * @param ioFallback what to say when starting fails with an I/O error without a message
   */
  public <A extends Annotation> EmulatorLifecycle(String name, Class<E> type, Class<A> annotation,
      Function<A, Mode> annotatedMode, Optional<Mode> fixedMode, Starter<E> starter,
      Consumer<E> stopper, String ioFallback) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.annotation = Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(annotatedMode, "annotatedMode");
    this.annotatedMode = a -> annotatedMode.apply(annotation.cast(a));
    this.fixedMode = Objects.requireNonNull(fixedMode, "fixedMode");
    this.starter = Objects.requireNonNull(starter, "starter");
    this.stopper = Objects.requireNonNull(stopper, "stopper");
    this.ioFallback = Objects.requireNonNull(ioFallback, "ioFallback");
  }

  /**
   * Returns the emulator of the calling thread's test, or the only one running.
   *
   * @return the running emulator
   * @throws IllegalStateException if none runs now, or several do and this thread runs none
   */
  public E emulator() {
    Running mine = current.get();
    if (mine != null && !mine.stopped.get()) {
      return mine.emulator;
    }
    List<Running> now = List.copyOf(running);
    if (now.size() == 1) {
      return now.get(0).emulator;
    }
    if (now.isEmpty()) {
      throw new IllegalStateException("No " + name + " of this extension is running now: it"
          + " runs from before a test class's first test (PER_CLASS) or before each test (PER_METHOD)"
          + " until after it; ask for it from a test, @BeforeEach or @AfterEach method");
    }
    throw new IllegalStateException(now.size() + " " + name + "s of this extension are"
        + " running at once, one for each test running in parallel, and this thread runs none of"
        + " those tests: take the emulator as a parameter of the test method");
  }

  /**
   * JUnit's {@code beforeAll}: with {@link Mode#PER_CLASS}, starts the class's emulator unless an
   * enclosing class's already runs.
   *
   * @param context the class's context
   */
  public void beforeAll(ExtensionContext context) {
    if (mode(context) != Mode.PER_CLASS) {
      return;
    }
    ExtensionContext.Store store = context.getStore(namespace());
    // A nested class finds its enclosing class's emulator here (stores look up their parents).
    if (store.get(this, Running.class) == null) {
      store.put(this, start(context));
    }
  }

  /**
   * JUnit's {@code beforeEach}: starts the test's emulator ({@link Mode#PER_METHOD}) or finds the
   * class's, and makes it what {@link #emulator()} answers on this thread.
   *
   * @param context the test's context
   */
  public void beforeEach(ExtensionContext context) {
    Running r;
    if (mode(context) == Mode.PER_METHOD) {
      r = start(context);
      context.getStore(namespace()).put(this, r);
    } else {
      r = context.getStore(namespace()).get(this, Running.class);
      if (r == null) {
        throw new ExtensionConfigurationException("The " + name + " was to start once for "
            + where(context) + " (PER_CLASS), but this extension never heard the class start: JUnit"
            + " tells only an extension on a static field (or registered by @"
            + annotation.getSimpleName() + "). Make the field static, or build the extension with"
            + " lifecycle(PER_METHOD)");
      }
    }
    current.set(r);
  }

  /**
   * JUnit's {@code afterEach}: stops the test's emulator ({@link Mode#PER_METHOD}).
   *
   * @param context the test's context
   */
  public void afterEach(ExtensionContext context) {
    current.remove();
    stopOwn(context);
  }

  /**
   * JUnit's {@code afterAll}: stops the emulator this class started, if it started one.
   *
   * @param context the class's context
   */
  public void afterAll(ExtensionContext context) {
    stopOwn(context);
  }

  /**
   * JUnit's {@code supportsParameter}: parameters of the emulator's type.
   *
   * @param parameter the parameter
   * @return whether its type is the emulator's
   */
  public boolean supportsParameter(ParameterContext parameter) {
    return parameter.getParameter().getType() == type;
  }

  /**
   * JUnit's {@code resolveParameter}: the emulator running for the context.
   *
   * @param parameter the parameter
   * @param context the context
   * @return the running emulator
   * @throws ParameterResolutionException if none runs there yet, saying where to ask instead
   */
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Running r = context.getStore(namespace()).get(this, Running.class);
    if (r != null) {
      return r.emulator;
    }
    Executable asker = parameter.getDeclaringExecutable();
    String where = asker instanceof Constructor
        ? "the constructor of " + asker.getDeclaringClass().getSimpleName()
        : asker.getDeclaringClass().getSimpleName() + "." + asker.getName() + "()";
    throw new ParameterResolutionException(mode(context) == Mode.PER_METHOD
        ? "No " + name + " runs for " + where + ": with PER_METHOD it starts before each"
            + " test, after the test instance is made and after @BeforeAll methods. Take it as a"
            + " parameter of the test method, or of a @BeforeEach or @AfterEach method"
        : "No " + name + " runs for " + where + " yet: with PER_CLASS it starts before the"
            + " class's @BeforeAll methods, and a test instance that lives for the whole class"
            + " (@TestInstance(PER_CLASS)) is made before that. Take it as a parameter of a @BeforeAll,"
            + " @BeforeEach or test method");
  }

  /**
   * Describes the lifecycle for the extension's {@code toString}.
   *
   * @return the fixed mode, or that the annotation gives it
   */
  public String describeMode() {
    return fixedMode.map(Mode::name).orElse("as annotated");
  }

  // ---------------------------------------------------------------------------------------------

  private ExtensionContext.Namespace namespace() {
    return ExtensionContext.Namespace.create(EmulatorLifecycle.class, type);
  }

  private Mode mode(ExtensionContext context) {
    if (fixedMode.isPresent()) {
      return fixedMode.get();
    }
    for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
      Annotation a = c.getAnnotation(annotation);
      if (a != null) {
        return annotatedMode.apply(a);
      }
    }
    return Mode.PER_CLASS;
  }

  private Running start(ExtensionContext context) {
    try {
      Running r = new Running(starter.start());
      running.add(r);
      return r;
    } catch (BindException e) {
      throw new ExtensionConfigurationException("The " + name + " did not start for "
          + where(context) + ": it could not listen on 127.0.0.1 (" + SafeText.escape(
              Objects.requireNonNullElse(e.getMessage(), "port in use")) + "); the default port, 0,"
          + " takes a free one", e);
    } catch (IOException e) {
      throw new ExtensionConfigurationException("The " + name + " did not start for "
          + where(context) + ": " + SafeText.escape(
              Objects.requireNonNullElse(e.getMessage(), ioFallback)), e);
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new ExtensionConfigurationException("The " + name + " is misconfigured for "
          + where(context) + ": " + (e instanceof NullPointerException
              ? "a setting was given no value (" + e.getMessage() + ")" : e.getMessage()), e);
    }
  }

  private void stopOwn(ExtensionContext context) {
    // remove() acts on this context's store only: a nested class leaves its enclosing class's emulator.
    Running r = context.getStore(namespace()).remove(this, Running.class);
    if (r != null) {
      r.close();
    }
  }

  private static String where(ExtensionContext context) {
    String cls = context.getTestClass().map(Class::getSimpleName).orElse("the tests");
    return context.getTestMethod().map(m -> cls + "." + m.getName() + "()").orElse(cls);
  }

  /**
   * An emulator this lifecycle started. AutoCloseable so that JUnit also stops it when the context
   * closes, should an after-callback be skipped; stopping twice does nothing.
   */
  private final class Running implements AutoCloseable {
    final E emulator;
    final AtomicBoolean stopped = new AtomicBoolean();

    Running(E emulator) {
      this.emulator = emulator;
    }

    @Override
    public void close() {
      if (stopped.compareAndSet(false, true)) {
        running.remove(this);
        stopper.accept(emulator);
      }
    }
  }
}
