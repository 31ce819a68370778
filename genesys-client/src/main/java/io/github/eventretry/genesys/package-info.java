/**
 * A Genesys Cloud client on the JDK {@code HttpClient}: {@link io.github.eventretry.genesys.GenesysClient}
 * and its implementation {@link io.github.eventretry.genesys.HttpGenesysClient} (OAuth client
 * credentials, {@link io.github.eventretry.genesys.GenesysRegion regions}, integration configuration
 * read-modify-write, your own {@code HttpClient} if you like), the typed
 * {@link io.github.eventretry.genesys.GenesysApiException} family, the tutorial's metrics query
 * {@link io.github.eventretry.genesys.TutorialMetricsSource}, and
 * {@link io.github.eventretry.genesys.HttpTelemetrySink}. Values such as
 * {@link io.github.eventretry.genesys.IntegrationConfiguration} hold JSON text: no JSON library's type
 * is part of this API.
 *
 * <p>Clients and sinks are thread-safe and meant to be shared; values are immutable.
 */
package io.github.eventretry.genesys;
