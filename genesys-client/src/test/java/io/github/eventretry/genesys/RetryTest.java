package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.emulator.RecordedRequest;
import io.github.eventretry.genesys.testing.FixedRandom;
import io.github.eventretry.genesys.testing.Fixture;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryTest {
  private static long apiRequests(Fixture f) {
    return f.emulator.requests().stream().filter(r -> !r.isTokenRequest()).count();
  }

  @Test
  void a429WaitsItsRetryAfterSeconds() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueue(Fault.retryAfter(7));
      assertThat(f.client.getConfiguration(Fixture.INTEGRATION).version()).isEqualTo(1);
      assertThat(f.time.sleeps()).containsExactly(Duration.ofSeconds(7));
      assertThat(apiRequests(f)).isEqualTo(2);
    }
  }

  @Test
  void a429WithoutRetryAfterWaitsThreeSecondsAsTheSdkDoes() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueue(Fault.respond(429, "{\"message\":\"slow down\",\"code\":\"too.many.requests\"}"));
      f.client.getConfiguration(Fixture.INTEGRATION);
      assertThat(f.time.sleeps()).containsExactly(Duration.ofSeconds(3));
    }
  }

  @Test
  void theEmulatorsOwnRateLimitIsWaitedOut() {
    try (Fixture f = new Fixture(e -> e.requestsPerMinute(3), c -> c)) {
      for (int i = 0; i < 4; i++) {
        f.client.getIntegration(Fixture.INTEGRATION);
      }
      // The fourth call in the same minute got 429 Retry-After 60; waiting it out is enough.
      assertThat(f.time.sleeps()).containsExactly(Duration.ofSeconds(60));
      assertThat(apiRequests(f)).isEqualTo(5);
    }
  }

  @Test
  void gatewayErrorsBackOffWithFullJitter() {
    try (Fixture f = new Fixture(e -> e, c -> c.random(new FixedRandom(0.5))
        .backoff(Duration.ofMillis(500), Duration.ofSeconds(30)))) {
      f.emulator.enqueue(Fault.error(502, "bad.gateway", "Bad Gateway"));
      f.emulator.enqueue(Fault.error(503, "service.unavailable", "Service Unavailable"));
      f.emulator.enqueue(Fault.respond(504, ""));
      assertThat(f.client.getConfiguration(Fixture.INTEGRATION).version()).isEqualTo(1);
      // u = 0.5 of min(30 s, 500 ms * 2^n)
      assertThat(f.time.sleeps()).containsExactly(
          Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
    }
  }

  @Test
  void aDroppedConnectionIsRetried() {
    try (Fixture f = new Fixture(e -> e, c -> c.random(new FixedRandom(0.0)))) {
      f.emulator.enqueue(Fault.dropConnection());
      assertThat(f.client.getConfiguration(Fixture.INTEGRATION).version()).isEqualTo(1);
    }
  }

  @Test
  void serverErrorsStopAtMaxAttempts() {
    try (Fixture f = new Fixture(e -> e, c -> c.maxAttempts(3))) {
      f.emulator.dispatcher(r -> r.isTokenRequest()
          ? Optional.empty()
          : Optional.of(Fault.error(503, "service.unavailable", "down for maintenance")));
      GenesysApiException.ServerError e = catchThrowableOfType(GenesysApiException.ServerError.class,
          () -> f.client.getConfiguration(Fixture.INTEGRATION));
      assertThat(e.status()).hasValue(503);
      assertThat(e.attempts()).isEqualTo(3);
      assertThat(e.getMessage()).contains("(retry limit reached) after 3 attempts");
      assertThat(f.time.sleeps()).hasSize(2);
      assertThat(apiRequests(f)).isEqualTo(3);
    }
  }

  @Test
  void rateLimitsStopAtMaxAttempts() {
    try (Fixture f = new Fixture(e -> e, c -> c.maxAttempts(2))) {
      f.emulator.dispatcher(r -> r.isTokenRequest() ? Optional.empty() : Optional.of(Fault.retryAfter(2)));
      GenesysApiException.RateLimited e = catchThrowableOfType(GenesysApiException.RateLimited.class,
          () -> f.client.getIntegration(Fixture.INTEGRATION));
      assertThat(e.attempts()).isEqualTo(2);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
      assertThat(f.time.sleeps()).containsExactly(Duration.ofSeconds(2));
    }
  }

  @Test
  void aRetryAfterBeyondTheDeadlineIsNotWaited() {
    try (Fixture f = new Fixture(e -> e, c -> c.retryDeadline(Duration.ofSeconds(10)))) {
      f.emulator.enqueue(Fault.retryAfter(30));
      GenesysApiException.RateLimited e = catchThrowableOfType(GenesysApiException.RateLimited.class,
          () -> f.client.getConfiguration(Fixture.INTEGRATION));
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
      assertThat(e.code()).contains("too.many.requests.retry.after");
      assertThat(e.getMessage()).contains("would pass the retry deadline of 10000 ms");
      assertThat(f.time.sleeps()).isEmpty();
    }
  }

  @Test
  void theDeadlineBoundsASeriesOfWaits() {
    try (Fixture f = new Fixture(e -> e,
        c -> c.retryDeadline(Duration.ofSeconds(20)).maxAttempts(20))) {
      f.emulator.dispatcher(r -> r.isTokenRequest() ? Optional.empty() : Optional.of(Fault.retryAfter(6)));
      GenesysApiException.RateLimited e = catchThrowableOfType(GenesysApiException.RateLimited.class,
          () -> f.client.getIntegration(Fixture.INTEGRATION));
      // 6 + 6 + 6 = 18 s; a fourth wait would end at 24 s.
      assertThat(f.time.sleeps()).hasSize(3);
      assertThat(e.attempts()).isEqualTo(4);
    }
  }

  @Test
  void otherClientErrorsAreNeverRetried() {
    int[] statuses = {400, 403, 404, 405, 409, 422};
    for (int status : statuses) {
      try (Fixture f = new Fixture()) {
        f.emulator.enqueue(Fault.error(status, "some.code", "refused"));
        GenesysApiException e = catchThrowableOfType(GenesysApiException.class,
            () -> f.client.getIntegration(Fixture.INTEGRATION));
        assertThat(e.status()).hasValue(status);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(apiRequests(f)).isEqualTo(1);
        assertThat(f.time.sleeps()).isEmpty();
      }
    }
  }

  @Test
  void aMalformedBodyIsNotRetried() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueue(Fault.malformedBody());
      GenesysApiException.MalformedResponse e = catchThrowableOfType(GenesysApiException.MalformedResponse.class,
          () -> f.client.getConfiguration(Fixture.INTEGRATION));
      assertThat(e.status()).hasValue(200);
      assertThat(e.correlationId()).isPresent();
      assertThat(e.getMessage()).contains("not JSON");
      assertThat(apiRequests(f)).isEqualTo(1);
    }
  }

  @Test
  void aSlowAnswerTimesOutAndIsRetriedThenReportedAsTransport() {
    try (Fixture f = new Fixture(e -> e,
        c -> c.requestTimeout(Duration.ofMillis(200)).maxAttempts(2).random(new FixedRandom(0.0)))) {
      f.emulator.enqueue(Fault.delay(Duration.ofSeconds(2)));
      f.emulator.enqueue(Fault.delay(Duration.ofSeconds(2)));
      GenesysApiException.Transport e = catchThrowableOfType(GenesysApiException.Transport.class,
          () -> f.client.getConfiguration(Fixture.INTEGRATION));
      assertThat(e.status()).isEmpty();
      assertThat(e.attempts()).isEqualTo(2);
      assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class);
      assertThat(e.getMessage()).contains("timed out");
    }
  }

  @Test
  void aSlowAnswerWithinTheTimeoutSucceeds() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueue(Fault.delay(Duration.ofMillis(50)));
      assertThat(f.client.getConfiguration(Fixture.INTEGRATION).version()).isEqualTo(1);
      assertThat(f.time.sleeps()).isEmpty();
    }
  }

  @Test
  void aRefusedConnectionIsTransport() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HttpGenesysClient c = HttpGenesysClient.builder()
        .baseUri(URI.create("http://127.0.0.1:" + port))
        .credentials(new ClientCredentials("id", "a-secret-value"))
        .maxAttempts(2)
        .sleeper(d -> { })
        .build();
    GenesysApiException.Transport e = catchThrowableOfType(GenesysApiException.Transport.class,
        () -> c.getIntegration("x"));
    assertThat(e.operation()).isEqualTo("POST /oauth/token");
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e.getMessage()).contains("no answer");
  }

  @Test
  void theClientSideLimiterKeepsUnderItsRate() {
    try (Fixture f = new Fixture(e -> e, c -> c.requestsPerMinute(2))) {
      f.client.getIntegration(Fixture.INTEGRATION);
      assertThat(f.time.sleeps()).isEmpty();
      f.client.getIntegration(Fixture.INTEGRATION);
      // token + first call filled the minute: the second call waits for the token request to age out.
      assertThat(f.time.sleeps()).containsExactly(Duration.ofSeconds(60));
      assertThat(f.emulator.requests()).extracting(RecordedRequest::isTokenRequest)
          .containsExactly(true, false, false);
    }
  }
}
