package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.testing.Fixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  @Test
  void eachStatusHasItsType() {
    Map<Integer, Class<? extends GenesysApiException>> expected = Map.of(
        400, GenesysApiException.BadRequest.class,
        403, GenesysApiException.Forbidden.class,
        404, GenesysApiException.NotFound.class,
        409, GenesysApiException.Conflict.class,
        418, GenesysApiException.BadRequest.class,
        500, GenesysApiException.ServerError.class,
        501, GenesysApiException.ServerError.class);
    expected.forEach((status, type) -> {
      try (Fixture f = new Fixture()) {
        f.emulator.enqueue(Fault.error(status, "code." + status, "message " + status));
        GenesysApiException e = catchThrowableOfType(GenesysApiException.class,
            () -> f.client.getIntegration(Fixture.INTEGRATION));
        assertThat(e).as("HTTP %d", status).isExactlyInstanceOf(type);
        assertThat(e.status()).hasValue(status);
        assertThat(e.code()).contains("code." + status);
        assertThat(e.genesysMessage()).contains("message " + status);
      }
    });
  }

  @Test
  void errorsCarryContextIdAndTheCorrelationHeader() {
    try (Fixture f = new Fixture()) {
      GenesysApiException.NotFound e = catchThrowableOfType(GenesysApiException.NotFound.class,
          () -> f.client.getConfiguration("no-such-integration"));
      assertThat(e.status()).hasValue(404);
      assertThat(e.code()).contains("not.found");
      assertThat(e.genesysMessage()).contains("Integration no-such-integration not found");
      assertThat(e.correlationId()).isPresent();
      // The emulator, like Genesys Cloud, uses the correlation id as the body's contextId.
      assertThat(e.contextId()).isEqualTo(e.correlationId());
      assertThat(e.operation())
          .isEqualTo("GET /api/v2/integrations/no-such-integration/config/current");
      assertThat(e.getMessage())
          .startsWith("GET /api/v2/integrations/no-such-integration/config/current: HTTP 404 not.found:")
          .contains("ININ-Correlation-ID=" + e.correlationId().orElseThrow())
          .contains("contextId=" + e.contextId().orElseThrow())
          .contains("after 1 attempt");
    }
  }

  @Test
  void aNonJsonErrorBodyStillGivesTheStatus() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueue(Fault.respond(403, "<html>forbidden</html>"));
      GenesysApiException.Forbidden e = catchThrowableOfType(GenesysApiException.Forbidden.class,
          () -> f.client.getIntegration(Fixture.INTEGRATION));
      assertThat(e.status()).hasValue(403);
      assertThat(e.code()).isEmpty();
      assertThat(e.genesysMessage()).isEmpty();
      assertThat(e.correlationId()).isPresent();
    }
  }

  @Test
  void anEchoedTokenIsRedacted() {
    try (Fixture f = new Fixture()) {
      f.emulator.dispatcher(r -> r.isTokenRequest() ? java.util.Optional.empty()
          : java.util.Optional.of(Fault.error(400, "echo",
              "you sent " + r.header("Authorization").orElse(""))));
      GenesysApiException.BadRequest e = catchThrowableOfType(GenesysApiException.BadRequest.class,
          () -> f.client.getIntegration(Fixture.INTEGRATION));
      String token = f.emulator.issuedTokens().get(0);
      assertThat(e.genesysMessage()).contains("you sent Bearer [redacted]");
      assertThat(e.getMessage()).contains("you sent Bearer [redacted]").doesNotContain(token);
    }
  }

  @Test
  void theFamilyExtendsCoresRoot() {
    assertThat(io.github.eventretry.core.EventRetryException.class)
        .isAssignableFrom(GenesysApiException.class);
    assertThat(GenesysApiException.class.isSealed()).isTrue();
    assertThat(GenesysApiException.class.getPermittedSubclasses()).hasSize(9);
  }
}
