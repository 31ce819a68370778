package io.github.eventretry.genesys.emulator.junit;

import io.github.eventretry.core.internal.junit.EmulatorLifecycle;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that starts a {@link GenesysCloudEmulator} for a test class or for each
 * test, gives it to the tests as a parameter, and stops it.
 *
 * <p>With the defaults, annotate the class with {@link GenesysEmulatorTest @GenesysEmulatorTest}. With
 * settings of your own, register one on a static field; the function given to
 * {@link Builder#configure} gets a new {@link GenesysCloudEmulator.Builder} for every emulator the
 * extension starts:
 *
 * <pre>{@code
 * @RegisterExtension
 * static GenesysEmulatorExtension genesys = GenesysEmulatorExtension.builder()
 *     .lifecycle(GenesysEmulatorExtension.Lifecycle.PER_METHOD)      // a new emulator for each test
 *     .configure(emulator -> emulator
 *         .client("my-client", "my-secret")
 *         .integration("orders"))
 *     .build();
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link Lifecycle#PER_CLASS PER_CLASS} (the default) starts one emulator before
 * the class's {@code @BeforeAll} methods and stops it after its {@code @AfterAll} methods: every test
 * of the class sees the state the others left (integration versions, scripted replies not yet played,
 * recorded requests). {@link Lifecycle#PER_METHOD PER_METHOD} starts a new emulator before each test's
 * {@code @BeforeEach} methods and stops it after its {@code @AfterEach} methods, so each test starts
 * from the defaults. Stopping closes the port: nothing listens on it afterwards. {@code PER_CLASS}
 * needs the extension to hear that the class starts, which JUnit tells only an extension registered
 * on a static field or by the annotation; registered on an instance field it is refused with a
 * message that says so (choose {@code PER_METHOD} there).
 *
 * <p><b>Injection.</b> A parameter of type {@code GenesysCloudEmulator} of a test method, a
 * {@code @BeforeEach} or {@code @AfterEach} method, or (with {@code PER_CLASS}) a {@code @BeforeAll}
 * or {@code @AfterAll} method or a test class's constructor, gets the running emulator. Asked where
 * none runs (a constructor or {@code @BeforeAll} method with {@code PER_METHOD}), resolution fails
 * with a message saying where to ask instead. {@link #emulator()} returns it too, for code that holds
 * the extension's field. No field is injected: the registered field and parameters are JUnit's own
 * ways, and a second annotation for fields would be one more thing to learn. Two extensions of this
 * type on one class make such a parameter ambiguous (JUnit refuses it); take each one's emulator from
 * its field's {@link #emulator()} then.
 *
 * <p><b>Nested classes</b> ({@code @Nested}) inherit the extension. With {@code PER_CLASS}, a nested
 * class uses its enclosing class's emulator (one emulator for the whole tree, stopped after the
 * outermost class); with {@code PER_METHOD}, each of its tests gets its own. A
 * {@code @GenesysEmulatorTest} on a nested class sets that class's lifecycle; the nearest annotation
 * wins.
 *
 * <p><b>Parallel execution</b> (JUnit's {@code junit.jupiter.execution.parallel.enabled}) is supported:
 * test classes running at once each have their own emulator; with {@code PER_METHOD}, so has every
 * test running at once; with {@code PER_CLASS}, tests of one class running at once share its emulator,
 * which is thread-safe, but then see each other's requests and state, so a test that counts requests
 * or takes them in order wants {@code PER_METHOD} (or {@code @Execution(SAME_THREAD)} on its class).
 *
 * <p><b>A failure to start</b> (the configuring function rejecting a value, {@code domain} without
 * {@code tls}, a port in use, a TLS folder that cannot be written) fails the class (or the test) with a
 * message naming the test and what was wrong, and the cause attached; no test of it runs.
 *
 * <p>Thread-safe: one instance may serve tests running at once. Needs JUnit Jupiter, an optional
 * dependency of this module (built and tested with JUnit 5.14).
 */
// JUnit types in this API are the point; module-info says why JUnit is not "requires transitive".
@SuppressWarnings("exports")
public final class GenesysEmulatorExtension implements BeforeAllCallback, AfterAllCallback,
    BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /** When the emulator starts and stops. */
  public enum Lifecycle {
    /** One emulator for a test class and its nested classes, started before and stopped after. */
    PER_CLASS,
    /** A new emulator for every test, started before it and stopped after it. */
    PER_METHOD
  }

  private final EmulatorLifecycle<GenesysCloudEmulator> lifecycle;

  /**
   * Creates the extension {@link GenesysEmulatorTest @GenesysEmulatorTest} registers (and
   * {@code @ExtendWith(GenesysEmulatorExtension.class)}): the emulator's defaults, the lifecycle of the
   * nearest {@code @GenesysEmulatorTest} on the test class or an enclosing class, else
   * {@link Lifecycle#PER_CLASS}.
   */
  public GenesysEmulatorExtension() {
    this(Optional.empty(), emulator -> { });
  }

  private GenesysEmulatorExtension(Builder b) {
    this(Optional.of(b.lifecycle), b.configuration);
  }

  private GenesysEmulatorExtension(Optional<Lifecycle> fixed,
      Consumer<GenesysCloudEmulator.Builder> configuration) {
    this.lifecycle = new EmulatorLifecycle<>(
        "Genesys Cloud emulator", GenesysCloudEmulator.class, GenesysEmulatorTest.class,
        a -> mode(a.lifecycle()), fixed.map(GenesysEmulatorExtension::mode), () -> {
          GenesysCloudEmulator.Builder builder = GenesysCloudEmulator.builder();
          configuration.accept(builder);
          return builder.start();
        }, GenesysCloudEmulator::close, "it could not listen or write its files");
  }

  private static EmulatorLifecycle.Mode mode(Lifecycle l) {
    return l == Lifecycle.PER_METHOD ? EmulatorLifecycle.Mode.PER_METHOD
        : EmulatorLifecycle.Mode.PER_CLASS;
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with the defaults: {@link Lifecycle#PER_CLASS}, the emulator's own defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the emulator this extension runs for the test on the calling thread; from any other thread
   * (a {@code @BeforeAll} method, a thread a test started), the one it runs if it runs only one.
   *
   * @return the running emulator
   * @throws IllegalStateException if none runs now (outside the lifecycle, such as in a
   *     {@code @BeforeAll} method with {@link Lifecycle#PER_METHOD}), or several do and the calling
   *     thread runs none of their tests (tests in parallel: take the emulator as a parameter)
   */
  public GenesysCloudEmulator emulator() {
    return lifecycle.emulator();
  }

  /**
   * With {@link Lifecycle#PER_CLASS}, starts the class's emulator, unless an enclosing class's already
   * runs (a nested class uses that one).
   *
   * @param context the class's context
   * @throws ExtensionConfigurationException if the emulator does not start, saying why
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    lifecycle.beforeAll(context);
  }

  /**
   * With {@link Lifecycle#PER_METHOD}, starts the test's emulator; with {@link Lifecycle#PER_CLASS},
   * finds the class's. Either becomes what {@link #emulator()} answers on this thread.
   *
   * @param context the test's context
   * @throws ExtensionConfigurationException if the emulator does not start, or if with
   *     {@code PER_CLASS} none was started for the class (the extension is on an instance field)
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    lifecycle.beforeEach(context);
  }

  /**
   * Stops the test's emulator ({@link Lifecycle#PER_METHOD}); the class's keeps running.
   *
   * @param context the test's context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    lifecycle.afterEach(context);
  }

  /**
   * Stops the emulator this class started, if it started one (a nested class leaves its enclosing
   * class's running).
   *
   * @param context the class's context
   */
  @Override
  public void afterAll(ExtensionContext context) {
    lifecycle.afterAll(context);
  }

  /**
   * Supports parameters of type {@link GenesysCloudEmulator}.
   *
   * @param parameter the parameter
   * @param context the context
   * @return whether the parameter's type is {@code GenesysCloudEmulator}
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return lifecycle.supportsParameter(parameter);
  }

  /**
   * Returns the emulator running for the context.
   *
   * @param parameter the parameter
   * @param context the context
   * @return the running emulator
   * @throws ParameterResolutionException if none runs there yet, saying where to ask instead
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return lifecycle.resolveParameter(parameter, context);
  }

  /**
   * Describes the extension.
   *
   * @return its lifecycle, or that the annotation gives it
   */
  @Override
  public String toString() {
    return "GenesysEmulatorExtension[" + lifecycle.describeMode() + "]";
  }

  /**
   * Builds a {@link GenesysEmulatorExtension}. Each setting can be set once; a second set is an
   * {@link IllegalStateException} naming the value already set. Not thread-safe.
   */
  public static final class Builder {
    private Lifecycle lifecycle = Lifecycle.PER_CLASS;
    private Consumer<GenesysCloudEmulator.Builder> configuration = emulator -> { };
    private final Set<String> set = new HashSet<>();

    private Builder() {}

    private void once(String name, Object current) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }

    /**
     * Sets when the emulator starts and stops. Default {@link Lifecycle#PER_CLASS}.
     *
     * @param lifecycle per class or per test
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder lifecycle(Lifecycle lifecycle) {
      Objects.requireNonNull(lifecycle, "lifecycle");
      once("lifecycle", this.lifecycle);
      this.lifecycle = lifecycle;
      return this;
    }

    /**
     * Sets the emulator's settings: the function is given a new
     * {@link GenesysCloudEmulator#builder()} for every emulator the extension starts, and sets what
     * it wants on it (it must not start it). Its exceptions, and those of the emulator's
     * {@code start()}, fail the class (or the test) with their message. Default: the emulator's
     * defaults.
     *
     * @param configuration sets values on the emulator's builder
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder configure(Consumer<GenesysCloudEmulator.Builder> configuration) {
      Objects.requireNonNull(configuration, "configuration");
      once("configure", "a function");
      this.configuration = configuration;
      return this;
    }

    /**
     * Builds the extension. Nothing starts until JUnit runs the class.
     *
     * @return the extension, to put on a static field annotated {@code @RegisterExtension}
     */
    public GenesysEmulatorExtension build() {
      return new GenesysEmulatorExtension(this);
    }
  }
}
