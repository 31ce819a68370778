/**
 * A loopback Genesys Cloud for tests and credential-free runs, built like OkHttp's MockWebServer:
 * {@link io.github.eventretry.genesys.emulator.GenesysCloudEmulator} serves OAuth, integrations,
 * configuration versions, the tutorial's metrics query, rate limits and Genesys error bodies from
 * memory, plays scripted {@link io.github.eventretry.genesys.emulator.Fault faults}, and records every
 * request ({@link io.github.eventretry.genesys.emulator.RecordedRequest}).
 *
 * <p>The emulator is thread-safe; its values are immutable.
 */
package io.github.eventretry.genesys.emulator;
