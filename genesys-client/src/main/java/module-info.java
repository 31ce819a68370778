/**
 * eventretry's Genesys Cloud client on the JDK {@code HttpClient} and its loopback Genesys Cloud
 * emulator.
 *
 * <p>Exports the client API ({@code io.github.eventretry.genesys}) and the emulator
 * ({@code io.github.eventretry.genesys.emulator}); the {@code internal} package is not exported.
 */
module io.github.eventretry.genesys {
  requires transitive io.github.eventretry.core;
  // The client's own JSON, and the Jackson types its API still shows; core no longer passes Jackson on.
  requires transitive com.fasterxml.jackson.databind;
  requires java.net.http;
  requires jdk.httpserver;
  requires org.slf4j;

  exports io.github.eventretry.genesys;
  exports io.github.eventretry.genesys.emulator;
}
