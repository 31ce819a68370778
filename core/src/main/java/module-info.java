/**
 * eventretry core: the immutable retry-policy model, its validation, JSON form and fingerprint, the
 * payloads Genesys Cloud and AWS EventBridge take, and the SPIs the other modules meet in.
 *
 * <p>Exports API and SPI packages only. The internal package is opened to Hibernate Validator,
 * which reads the constraint annotations of the internal policy draft reflectively.
 */
module io.github.eventretry.core {
  requires transitive com.fasterxml.jackson.databind;
  requires jakarta.validation;
  requires org.hibernate.validator;
  requires org.slf4j;

  exports io.github.eventretry.core;
  exports io.github.eventretry.core.json;
  exports io.github.eventretry.core.payload;
  exports io.github.eventretry.core.spi;
  exports io.github.eventretry.core.text to
      io.github.eventretry.simulator,
      io.github.eventretry.genesys,
      io.github.eventretry.state,
      io.github.eventretry.eventbridge;

  opens io.github.eventretry.core.internal to org.hibernate.validator;
}
