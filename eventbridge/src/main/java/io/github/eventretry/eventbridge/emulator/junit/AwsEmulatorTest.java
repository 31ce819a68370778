package io.github.eventretry.eventbridge.emulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against an {@link io.github.eventretry.eventbridge.emulator.AwsEmulator} with the
 * emulator's defaults: the emulator is started before the class's first test (or before each test,
 * with {@link #lifecycle()} {@link AwsEmulatorExtension.Lifecycle#PER_METHOD PER_METHOD}), given to
 * every test, {@code @BeforeEach}, {@code @AfterEach} (and, once per class, {@code @BeforeAll} and
 * {@code @AfterAll}) method that declares an {@code AwsEmulator} parameter, and stopped after the class
 * (or the test).
 *
 * <p>For other settings (the Genesys example's bus, rule and targets, credentials, region, clock,
 * delivery model...) register an {@link AwsEmulatorExtension} built with
 * {@link AwsEmulatorExtension#builder()} on a static field instead. The rules for nested classes and parallel execution are those of
 * {@link AwsEmulatorExtension}.
 *
 * <p>Needs JUnit Jupiter on the test class path; eventretry depends on it optionally, so it brings
 * no JUnit to an application that does not test with it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AwsEmulatorExtension.class)
@SuppressWarnings("exports")
public @interface AwsEmulatorTest {
  /**
   * When the emulator starts and stops.
   *
   * @return {@link AwsEmulatorExtension.Lifecycle#PER_CLASS PER_CLASS} (the default): one
   *     emulator for the class and its nested classes; or
   *     {@link AwsEmulatorExtension.Lifecycle#PER_METHOD PER_METHOD}: a new one for every test
   */
  AwsEmulatorExtension.Lifecycle lifecycle() default AwsEmulatorExtension.Lifecycle.PER_CLASS;
}
