/**
 * A Genesys Cloud client on the JDK {@code HttpClient}: {@link io.github.eventretry.genesys.GenesysClient}
 * and its implementation {@link io.github.eventretry.genesys.HttpGenesysClient} (OAuth client
 * credentials, {@link io.github.eventretry.genesys.GenesysRegion regions}, integration configuration
 * read-modify-write, the tutorial's metrics query), the typed
 * {@link io.github.eventretry.genesys.GenesysApiException} family, and
 * {@link io.github.eventretry.genesys.HttpTelemetrySink}.
 *
 * <p>Clients and sinks are thread-safe and meant to be shared; values are immutable.
 */
package io.github.eventretry.genesys;
