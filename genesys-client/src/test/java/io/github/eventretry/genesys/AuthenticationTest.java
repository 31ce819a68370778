package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.eventretry.genesys.emulator.Dispatcher;
import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.genesys.emulator.RecordedRequest;
import io.github.eventretry.genesys.emulator.Response;
import io.github.eventretry.genesys.testing.FixedRandom;
import io.github.eventretry.genesys.testing.Fixture;
import io.github.eventretry.genesys.testing.ManualTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
  @Test
  void tokenRequestIsClientCredentialsWithBasicAuthOnTheSameLoopbackHost() throws Exception {
    try (Fixture f = new Fixture()) {
      f.client.getConfiguration(Fixture.INTEGRATION);
      RecordedRequest token = f.emulator.takeRequest();
      assertThat(token.method()).isEqualTo("POST");
      assertThat(token.path()).isEqualTo("/oauth/token");
      assertThat(token.header("Content-Type")).contains("application/x-www-form-urlencoded");
      assertThat(token.body()).isEqualTo("grant_type=client_credentials");
      String basic = Base64.getEncoder().encodeToString(
          (GenesysCloudEmulator.DEFAULT_CLIENT_ID + ":" + Fixture.SECRET)
              .getBytes(StandardCharsets.UTF_8));
      assertThat(token.header("Authorization")).contains("Basic " + basic);
      RecordedRequest api = f.emulator.takeRequest();
      assertThat(api.path()).isEqualTo("/api/v2/integrations/" + Fixture.INTEGRATION + "/config/current");
      assertThat(api.header("Authorization"))
          .contains("Bearer " + f.emulator.issuedTokens().get(0));
    }
  }

  @Test
  void tokenIsCachedAcrossCalls() {
    try (Fixture f = new Fixture()) {
      for (int i = 0; i < 5; i++) {
        f.client.getIntegration(Fixture.INTEGRATION);
      }
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(1);
      assertThat(f.emulator.requestCount()).isEqualTo(6);
    }
  }

  @Test
  void tokenIsRefreshedAMarginBeforeItExpires() {
    try (Fixture f = new Fixture(e -> e.tokenLifetime(Duration.ofSeconds(600)), c -> c)) {
      f.client.getIntegration(Fixture.INTEGRATION);
      f.time.advance(Duration.ofSeconds(539));
      f.client.getIntegration(Fixture.INTEGRATION);
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(1);
      // 600 s lifetime - 60 s margin: replaced from 540 s on, before the emulator would refuse it.
      f.time.advance(Duration.ofSeconds(1));
      f.client.getIntegration(Fixture.INTEGRATION);
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void shortLivedTokenIsRefreshedAfterHalfItsLife() {
    try (Fixture f = new Fixture(e -> e.tokenLifetime(Duration.ofSeconds(30)), c -> c)) {
      f.client.getIntegration(Fixture.INTEGRATION);
      f.time.advance(Duration.ofSeconds(14));
      f.client.getIntegration(Fixture.INTEGRATION);
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(1);
      f.time.advance(Duration.ofSeconds(1));
      f.client.getIntegration(Fixture.INTEGRATION);
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(2);
    }
  }

  /**
   * A dispatcher that holds the token request until {@code joined} reaches zero, that is until every
   * other caller is waiting for it. No sleep and no timing window: the latch is the proof that they
   * all arrived while it was under way. (The 30 s bound only keeps a broken cache from hanging.)
   */
  private static Dispatcher holdTokenUntil(CountDownLatch joined) {
    return (request, genesys) -> {
      if (request.isTokenRequest()) {
        await(joined);
      }
      return genesys.get();
    };
  }

  private static void await(CountDownLatch joined) {
    try {
      if (!joined.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the other callers never joined the token request");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void manyThreadsWaitingForATokenCauseExactlyOneTokenRequest() throws Exception {
    int threads = 32;
    CountDownLatch joined = new CountDownLatch(threads - 1);
    try (Fixture f = new Fixture(e -> e, c -> c.onTokenWait(joined::countDown))) {
      f.emulator.dispatcher(holdTokenUntil(joined));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          results.add(pool.submit(() -> {
            go.await();
            return f.client.getConfiguration(Fixture.INTEGRATION).version();
          }));
        }
        go.countDown();
        for (Future<Long> r : results) {
          assertThat(r.get()).isEqualTo(1L);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(joined.getCount()).isZero();
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(1);
      assertThat(f.emulator.requestCount()).isEqualTo(threads + 1);
    }
  }

  @Test
  void manyThreadsWaitingForAFailingTokenShareOneTokenRequestAndItsFailure() throws Exception {
    CountDownLatch joined = new CountDownLatch(7);
    try (Fixture f = new Fixture()) {
      HttpGenesysClient wrong = HttpGenesysClient.builder()
          .baseUri(f.emulator.baseUri())
          .credentials(new ClientCredentials(GenesysCloudEmulator.DEFAULT_CLIENT_ID, "not-the-secret"))
          .clock(f.time)
          .sleeper(f.time)
          .onTokenWait(joined::countDown)
          .build();
      f.emulator.dispatcher(holdTokenUntil(joined));
      List<Throwable> failures = concurrently(8, () -> wrong.getIntegration(Fixture.INTEGRATION));
      assertThat(failures).hasSize(8).allSatisfy(t -> {
        assertThat(t).isInstanceOf(GenesysApiException.Unauthorized.class);
        assertThat(((GenesysApiException) t).code()).contains("invalid_client");
      });
      // The very exception of the one request, not eight of their own.
      assertThat(failures).allSatisfy(t -> assertThat(t).isSameAs(failures.get(0)));
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(1);
      assertThat(f.emulator.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void manyThreadsWaitingForATokenEndpointThatKeepsFailingShareOneRetrySequence() throws Exception {
    ManualTime time = new ManualTime();
    CountDownLatch joined = new CountDownLatch(7);
    try (Fixture f = new Fixture()) {
      HttpGenesysClient client = HttpGenesysClient.builder()
          .baseUri(f.emulator.baseUri())
          .credentials(new ClientCredentials(GenesysCloudEmulator.DEFAULT_CLIENT_ID, Fixture.SECRET))
          .clock(time)
          .sleeper(time)
          .maxAttempts(3)
          .random(new FixedRandom(0.5))
          .onTokenWait(joined::countDown)
          .build();
      // The first token request is held until the seven other callers wait for it; it and the two
      // retries get 503.
      f.emulator.dispatcher((r, genesys) -> {
        if (!r.isTokenRequest()) {
          return genesys.get();
        }
        await(joined);
        return Fault.error(503, "service.unavailable", "down");
      });
      List<Throwable> failures = concurrently(8, () -> client.getIntegration(Fixture.INTEGRATION));
      assertThat(failures).hasSize(8).allSatisfy(t -> {
        assertThat(t).isInstanceOf(GenesysApiException.ServerError.class);
        assertThat(((GenesysApiException) t).attempts()).isEqualTo(3);
      });
      // One sequence of 3 attempts for all 8 callers, not 8 sequences one after the other.
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(3);
      assertThat(time.sleeps()).hasSize(2);
      // Once it has failed, the next caller starts a new sequence.
      f.emulator.dispatcher(Dispatcher.genesys());
      assertThat(client.getIntegration(Fixture.INTEGRATION).integrationTypeId())
          .isEqualTo("amazon-eventbridge-source");
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(4);
    }
  }

  /** Runs a call on n threads released together; returns what each threw (all must throw). */
  private static List<Throwable> concurrently(int n, Runnable call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Throwable>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        results.add(pool.submit(() -> {
          go.await();
          try {
            call.run();
            return null;
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      go.countDown();
      List<Throwable> thrown = new ArrayList<>();
      for (Future<Throwable> r : results) {
        thrown.add(r.get());
      }
      return thrown;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a401DropsTheTokenAndRetriesOnce() {
    try (Fixture f = new Fixture()) {
      f.client.getIntegration(Fixture.INTEGRATION);
      f.emulator.revokeTokens();
      Integration i = f.client.getIntegration(Fixture.INTEGRATION);
      assertThat(i.integrationTypeId()).isEqualTo("amazon-eventbridge-source");
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(2);
      // token, call, call (401), token, call
      assertThat(f.emulator.requests()).extracting(RecordedRequest::isTokenRequest)
          .containsExactly(true, false, false, true, false);
    }
  }

  @Test
  void aSecond401InARowIsUnauthorized() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueue(Fault.error(401, "bad.credentials", "Invalid login credentials."));
      f.emulator.enqueue(Fault.error(401, "bad.credentials", "Invalid login credentials."));
      GenesysApiException.Unauthorized e = catchThrowableOfType(GenesysApiException.Unauthorized.class,
          () -> f.client.getIntegration(Fixture.INTEGRATION));
      assertThat(e.status()).hasValue(401);
      assertThat(e.code()).contains("bad.credentials");
      assertThat(e.attempts()).isEqualTo(2);
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void theTokenRequestIsRetriedLikeAnyOther() {
    try (Fixture f = new Fixture(e -> e, c -> c.random(new io.github.eventretry.genesys.testing
        .FixedRandom(0.5)))) {
      f.emulator.enqueueToken(Fault.retryAfter(5));
      f.emulator.enqueueToken(Fault.dropConnection());
      f.emulator.enqueueToken(Fault.error(503, "service.unavailable", "down"));
      assertThat(f.client.getConfiguration(Fixture.INTEGRATION).version()).isEqualTo(1);
      // 429: Retry-After 5 s; then full jitter at u = 0.5 of 1 s (second retry) and 2 s (third).
      assertThat(f.time.sleeps()).containsExactly(
          Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofMillis(1000));
      assertThat(f.emulator.tokenRequestCount()).isEqualTo(4);
    }
  }

  @Test
  void aMalformedTokenAnswerIsReported() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueueToken(Response.json(200, "{\"token_type\":\"bearer\"}"));
      GenesysApiException.MalformedResponse e = catchThrowableOfType(
          GenesysApiException.MalformedResponse.class,
          () -> f.client.getIntegration(Fixture.INTEGRATION));
      assertThat(e.operation()).isEqualTo("POST /oauth/token");
      assertThat(e.getMessage()).contains("no access_token");
    }
  }

  @Test
  void wrongSecretIsInvalidClient() {
    try (Fixture f = new Fixture(e -> e, c -> c)) {
      HttpGenesysClient wrong = HttpGenesysClient.builder()
          .baseUri(f.emulator.baseUri())
          .credentials(new ClientCredentials(GenesysCloudEmulator.DEFAULT_CLIENT_ID, "not-the-secret"))
          .build();
      GenesysApiException.Unauthorized e = catchThrowableOfType(GenesysApiException.Unauthorized.class,
          () -> wrong.getIntegration(Fixture.INTEGRATION));
      assertThat(e.operation()).isEqualTo("POST /oauth/token");
      assertThat(e.code()).contains("invalid_client");
      assertThat(e.genesysMessage()).contains("authentication failed");
      assertThat(e.correlationId()).isPresent();
      assertThat(e.getMessage()).doesNotContain("not-the-secret");
      assertThat(f.emulator.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void unknownClientIsInvalidClientNotFound() {
    try (Fixture f = new Fixture()) {
      HttpGenesysClient wrong = HttpGenesysClient.builder()
          .baseUri(f.emulator.baseUri())
          .credentials(new ClientCredentials("nobody", "whatever-secret"))
          .build();
      GenesysApiException.Unauthorized e = catchThrowableOfType(GenesysApiException.Unauthorized.class,
          () -> wrong.getIntegration(Fixture.INTEGRATION));
      assertThat(e.genesysMessage()).contains("client not found");
    }
  }
}
