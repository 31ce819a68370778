package io.github.eventretry.genesys.emulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a {@link io.github.eventretry.genesys.emulator.GenesysCloudEmulator} with
 * the emulator's defaults: the emulator is started before the class's first test (or before each test,
 * with {@link #lifecycle()} {@link GenesysEmulatorExtension.Lifecycle#PER_METHOD PER_METHOD}), given to
 * every test, {@code @BeforeEach}, {@code @AfterEach} (and, once per class, {@code @BeforeAll} and
 * {@code @AfterAll}) method that declares a {@code GenesysCloudEmulator} parameter, and stopped after
 * the class (or the test).
 *
 * <p>For other settings (clients, integrations, rate limit, clock, TLS...) register a
 * {@link GenesysEmulatorExtension} built with {@link GenesysEmulatorExtension#builder()} on a static
 * field instead. The rules for nested classes and parallel execution are those of
 * {@link GenesysEmulatorExtension}.
 *
 * <p>Needs JUnit Jupiter on the test class path; eventretry depends on it optionally, so it brings
 * no JUnit to an application that does not test with it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GenesysEmulatorExtension.class)
@SuppressWarnings("exports")
public @interface GenesysEmulatorTest {
  /**
   * When the emulator starts and stops.
   *
   * @return {@link GenesysEmulatorExtension.Lifecycle#PER_CLASS PER_CLASS} (the default): one
   *     emulator for the class and its nested classes; or
   *     {@link GenesysEmulatorExtension.Lifecycle#PER_METHOD PER_METHOD}: a new one for every test
   */
  GenesysEmulatorExtension.Lifecycle lifecycle() default GenesysEmulatorExtension.Lifecycle.PER_CLASS;
}
