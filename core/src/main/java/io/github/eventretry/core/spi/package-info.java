/**
 * Where the modules meet. {@link io.github.eventretry.core.spi.PolicyTarget} applies a policy (the
 * Genesys client implements it), {@link io.github.eventretry.core.spi.DeliveryMetricsSource} reports
 * how deliveries fare, and {@link io.github.eventretry.core.spi.TelemetrySink} exports metrics. The
 * state module's rollout engine uses all three without knowing who implements them; the host wires
 * them together.
 *
 * <p>Implementations must be thread-safe unless they say otherwise. Value types here are immutable.
 */
package io.github.eventretry.core.spi;
