/**
 * eventretry's Genesys Cloud client on the JDK {@code HttpClient} and its loopback Genesys Cloud
 * emulator.
 *
 * <p>Exports the client API ({@code io.github.eventretry.genesys}) and the emulator
 * ({@code io.github.eventretry.genesys.emulator}); the {@code internal} packages (the retry loop, the
 * token cache, the wire vocabulary, the emulator's fake Genesys and its certificates) are not
 * exported. No Jackson type appears in an exported signature: values cross as JSON text, so Jackson
 * is read by this module only, not passed on.
 *
 * <p>{@code io.github.eventretry.genesys.emulator.junit} holds the emulator's JUnit Jupiter extension;
 * JUnit is an optional dependency ({@code requires static}), needed only by that package, so an
 * application that does not test with JUnit neither needs nor gets it.
 */
module io.github.eventretry.genesys {
  requires transitive io.github.eventretry.core;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires jdk.httpserver;
  requires org.slf4j;
  // Optional: only the emulator.junit package uses JUnit. Not transitive, although JUnit's types are in
  // that package's API: "requires static transitive" makes javac demand JUnit from every consumer that
  // reads this module, with or without JUnit ("module not found", ModulePathConsumerIT); a consumer
  // that uses the extension requires org.junit.jupiter.api itself, as it must to write a test.
  requires static org.junit.jupiter.api;

  exports io.github.eventretry.genesys;
  exports io.github.eventretry.genesys.emulator;
  exports io.github.eventretry.genesys.emulator.junit;
}
