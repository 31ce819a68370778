/**
 * A loopback Genesys Cloud for tests and credential-free runs, built like OkHttp's MockWebServer:
 * {@link io.github.eventretry.genesys.emulator.GenesysCloudEmulator} serves OAuth, integrations,
 * configuration versions, the tutorial's metrics query, rate limits and Genesys error bodies from
 * memory, over plain HTTP or, in its TLS mode, as {@code api.<domain>} and {@code login.<domain>} for
 * Genesys's own SDKs; it plays scripted {@link io.github.eventretry.genesys.emulator.Reply replies}
 * ({@link io.github.eventretry.genesys.emulator.Response responses} and
 * {@link io.github.eventretry.genesys.emulator.Fault faults}), asks a
 * {@link io.github.eventretry.genesys.emulator.Dispatcher} for the rest, and records every request
 * ({@link io.github.eventretry.genesys.emulator.RecordedRequest}).
 *
 * <p>The emulator is thread-safe; its values are immutable.
 */
package io.github.eventretry.genesys.emulator;
