/**
 * JUnit Jupiter support for the Genesys Cloud emulator:
 * {@link io.github.eventretry.genesys.emulator.junit.GenesysEmulatorTest @GenesysEmulatorTest} runs a
 * test class against an emulator with the defaults, and
 * {@link io.github.eventretry.genesys.emulator.junit.GenesysEmulatorExtension}, registered on a static
 * field, against one configured with the emulator's own builder; either starts the emulator per class
 * or per test, passes it to the tests as a parameter, and stops it.
 *
 * <p>JUnit Jupiter is an optional dependency of {@code eventretry-genesys-client}: this package is the
 * only one that uses it, and a user who does not test with JUnit neither needs it nor gets it. The
 * extension is thread-safe; the annotation is a value.
 */
package io.github.eventretry.genesys.emulator.junit;
