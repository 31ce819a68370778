/**
 * eventretry core: the immutable retry-policy model, its validation, JSON form and fingerprint, the
 * back-off formulas, the payloads Genesys Cloud and AWS EventBridge take, and the SPIs the other modules
 * meet in.
 *
 * <p>Exports API and SPI packages only; no type of a library it uses (Jackson, Hibernate Validator)
 * appears in their signatures, so neither is read by a consumer's module. The JSON machinery
 * ({@code core.json}) and the escaping rule ({@code core.text}) are exported to eventretry's own
 * modules only, as is the lifecycle the emulators' JUnit extensions share
 * ({@code core.internal.junit}, the only user of JUnit, an optional dependency). The internal package
 * is opened to Hibernate Validator, which reads the fields of the internal policy draft that the
 * programmatic constraint mapping names.
 */
module io.github.eventretry.core {
  requires com.fasterxml.jackson.databind;
  requires jakarta.validation;
  requires org.hibernate.validator;
  requires org.slf4j;
  // Optional: only core.internal.junit, the emulators' shared JUnit lifecycle, uses JUnit.
  requires static org.junit.jupiter.api;

  exports io.github.eventretry.core;
  exports io.github.eventretry.core.payload;
  exports io.github.eventretry.core.spi;
  exports io.github.eventretry.core.json to
      io.github.eventretry.genesys,
      io.github.eventretry.state;
  exports io.github.eventretry.core.text to
      io.github.eventretry.simulator,
      io.github.eventretry.genesys,
      io.github.eventretry.state,
      io.github.eventretry.eventbridge;

  exports io.github.eventretry.core.internal.junit to
      io.github.eventretry.genesys,
      io.github.eventretry.eventbridge;

  opens io.github.eventretry.core.internal to org.hibernate.validator;
}
