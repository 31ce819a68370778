/**
 * eventretry's Genesys Cloud client on the JDK {@code HttpClient} and its loopback Genesys Cloud
 * emulator.
 *
 * <p>Exports the client API ({@code io.github.eventretry.genesys}) and the emulator
 * ({@code io.github.eventretry.genesys.emulator}); the {@code internal} packages (the retry loop, the
 * token cache, the wire vocabulary, the emulator's fake Genesys and its certificates) are not
 * exported. No Jackson type appears in an exported signature: values cross as JSON text, so Jackson
 * is read by this module only, not passed on.
 */
module io.github.eventretry.genesys {
  requires transitive io.github.eventretry.core;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires jdk.httpserver;
  requires org.slf4j;

  exports io.github.eventretry.genesys;
  exports io.github.eventretry.genesys.emulator;
}
