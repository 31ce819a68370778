package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.emulator.MetricsModel;
import io.github.eventretry.genesys.emulator.RecordedRequest;
import io.github.eventretry.genesys.emulator.Response;
import io.github.eventretry.genesys.testing.Fixture;
import io.github.eventretry.genesys.testing.Trees;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsTest {
  static final Instant FROM = Instant.parse("2026-11-29T11:00:00Z");
  static final Instant TO = Instant.parse("2026-11-29T12:00:00Z");

  @Test
  void sendsTheTutorialsQueryAndReadsTheAnswer() throws Exception {
    try (Fixture f = new Fixture()) {
      DeliveryMetrics m = TutorialMetricsSource.of(f.client).fetch(Fixture.INTEGRATION, FROM, TO);
      assertThat(m.sampleSize()).isEqualTo(1200);
      assertThat(m.successRate()).isEqualTo(0.995);
      assertThat(m.retryCount()).isEqualTo(12);
      assertThat(m.meanDeliveryLatency()).isEqualTo(Duration.ofMillis(120));
      RecordedRequest q = f.emulator.requests().get(1);
      assertThat(q.method()).isEqualTo("POST");
      assertThat(q.path()).isEqualTo("/api/v2/analytics/events/summary/query");
      JsonNode body = Trees.tree(q.body());
      assertThat(q.body()).isEqualTo(TutorialMetricsSource.queryJson(Fixture.INTEGRATION, FROM, TO));
      assertThat(body.path("interval").asText()).isEqualTo("PT1H");
      assertThat(body.path("view").asText()).isEqualTo("events");
      assertThat(body.path("date_from").asText()).isEqualTo("2026-11-29T11:00:00Z");
      assertThat(body.path("date_to").asText()).isEqualTo("2026-11-29T12:00:00Z");
      assertThat(body.path("group_by").get(0).asText()).isEqualTo("integrationId");
      assertThat(body.path("filter").path("clauses").get(0).path("value").asText())
          .isEqualTo(Fixture.INTEGRATION);
      assertThat(body.path("metrics").toString())
          .isEqualTo("[\"retryCount\",\"successRate\",\"deliveryLatency\"]");
    }
  }

  @Test
  void successRateFallsWhenABadPolicyIsApplied() {
    // A model where a policy without a dead-letter queue loses events, in proportion to its split.
    MetricsModel model = q -> {
      double loss = q.applied()
          .filter(a -> a.policy().deadLetterQueue().isEmpty())
          .map(a -> 0.30 * a.trafficSplit().fraction())
          .orElse(0.0);
      return new MetricsModel.Sample(1000, 0.99 - loss, 10, 100);
    };
    RetryPolicy noDlq = ApplyTest.SEED.toBuilder().noDeadLetterQueue().build();
    try (Fixture f = new Fixture(e -> e.metricsModel(model), c -> c)) {
      assertThat(TutorialMetricsSource.of(f.client).fetch(Fixture.INTEGRATION, FROM, TO).successRate()).isEqualTo(0.99);
      f.client.apply(Fixture.INTEGRATION, ApplyTest.SEED, TrafficSplit.FULL);
      assertThat(TutorialMetricsSource.of(f.client).fetch(Fixture.INTEGRATION, FROM, TO).successRate()).isEqualTo(0.99);
      f.client.apply(Fixture.INTEGRATION, noDlq, TrafficSplit.ofPercent(50));
      assertThat(TutorialMetricsSource.of(f.client).fetch(Fixture.INTEGRATION, FROM, TO).successRate())
          .isCloseTo(0.84, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void severalIntervalsAreWeighted() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueue(Response.json(200, """
          {"entities":[
            {"integrationId":"%1$s","interval":"a","deliveryCount":100,"successRate":1.0,
             "retryCount":0,"deliveryLatency":100},
            {"integrationId":"%1$s","interval":"b","deliveryCount":300,"successRate":0.8,
             "retryCount":40,"deliveryLatency":200},
            {"integrationId":"someone-else","interval":"b","deliveryCount":5,"successRate":0.0,
             "retryCount":5,"deliveryLatency":9}]}""".formatted(Fixture.INTEGRATION)));
      DeliveryMetrics m = TutorialMetricsSource.of(f.client).fetch(Fixture.INTEGRATION, FROM, TO);
      assertThat(m.sampleSize()).isEqualTo(400);
      assertThat(m.successRate()).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(m.retryCount()).isEqualTo(40);
      assertThat(m.meanDeliveryLatency()).isEqualTo(Duration.ofMillis(175));
    }
  }

  @Test
  void anEmptyWindowHasNoSamples() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueue(Response.json(200, "{\"entities\":[]}"));
      DeliveryMetrics m = TutorialMetricsSource.of(f.client).fetch(Fixture.INTEGRATION, FROM, TO);
      assertThat(m.sampleSize()).isZero();
      assertThat(m.successRate()).isZero();
    }
  }

  @Test
  void aWrongShapeIsMalformed() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueue(Response.json(200, "{\"entities\":[{\"successRate\":2}]}"));
      assertThat(catchThrowableOfType(GenesysApiException.MalformedResponse.class,
          () -> TutorialMetricsSource.of(f.client).fetch(Fixture.INTEGRATION, FROM, TO))).hasMessageContaining("deliveryCount");
      f.emulator.enqueue(Response.json(200, "{\"results\":[]}"));
      assertThat(catchThrowableOfType(GenesysApiException.MalformedResponse.class,
          () -> TutorialMetricsSource.of(f.client).fetch(Fixture.INTEGRATION, FROM, TO))).hasMessageContaining("entities");
    }
  }

  @Test
  void anUnknownIntegrationIsNotFound() {
    try (Fixture f = new Fixture()) {
      assertThat(catchThrowableOfType(GenesysApiException.NotFound.class,
          () -> TutorialMetricsSource.of(f.client).fetch("nope", FROM, TO)).status()).hasValue(404);
    }
  }

  @Test
  void theWindowMustBeOrdered() {
    try (Fixture f = new Fixture()) {
      assertThat(catchThrowableOfType(IllegalArgumentException.class,
          () -> TutorialMetricsSource.of(f.client).fetch(Fixture.INTEGRATION, TO, FROM))).hasMessageContaining("must be after");
      assertThat(f.emulator.requestCount()).isZero();
    }
  }
}
