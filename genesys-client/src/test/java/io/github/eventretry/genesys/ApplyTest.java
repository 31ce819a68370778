package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.genesys.testing.Trees;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.core.payload.GenesysPayloads;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.testing.Fixture;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApplyTest {
  static final RetryPolicy SEED = PolicyJson.read("""
      {"max_retries":5,"backoff_strategy":"exponential","base_delay_ms":500,"max_delay_ms":60000,
       "jitter":{"mode":"proportional","factor":0.1},
       "dead_letter_queue_arn":"arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq",
       "destination_rate_limit_rps":150.0,"storage_availability_class":"standard"}""");

  private static long puts(Fixture f) {
    return f.emulator.requests().stream().filter(r -> r.method().equals("PUT")).count();
  }

  @Test
  void appliesThePolicyAndKeepsEverythingElse() {
    try (Fixture f = new Fixture()) {
      ObjectNode before = Trees.object(f.emulator.configuration(Fixture.INTEGRATION).json());
      ApplyResult r = f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.ofPercent(25));
      assertThat(r.configurationVersion()).isEqualTo(2);
      assertThat(r.fingerprint()).isEqualTo(SEED.fingerprint());
      assertThat(r.split()).isEqualTo(TrafficSplit.ofPercent(25));
      ObjectNode after = Trees.object(f.emulator.configuration(Fixture.INTEGRATION).json());
      for (String kept : new String[] {"name", "properties", "notes", "credentials"}) {
        assertThat(after.get(kept)).as(kept).isEqualTo(before.get(kept));
      }
      assertThat(after.path("properties").path("awsAccountId").asText()).isEqualTo("123456789012");
      AppliedPolicy applied = GenesysPayloads.readApplied(after.toString()).orElseThrow();
      assertThat(applied.policy()).isEqualTo(SEED);
      assertThat(applied.trafficSplit().percent()).isEqualTo(25);
      assertThat(applied.fingerprintMatches()).isTrue();
    }
  }

  @Test
  void thePutCarriesTheVersionRead() throws Exception {
    try (Fixture f = new Fixture()) {
      f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.FULL);
      JsonNode put = f.emulator.requests().stream().filter(r -> r.method().equals("PUT"))
          .map(r -> {
            try {
              return Trees.tree(r.body());
            } catch (RuntimeException e) {
              throw new AssertionError(e);
            }
          }).findFirst().orElseThrow();
      assertThat(put.path("version").asLong()).isEqualTo(1);
    }
  }

  @Test
  void applyingTheSameTwiceWritesOnce() {
    try (Fixture f = new Fixture()) {
      ApplyResult first = f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.ofPercent(50));
      ApplyResult again = f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.ofPercent(50));
      assertThat(again).isEqualTo(first);
      assertThat(puts(f)).isEqualTo(1);
      ApplyResult wider = f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.FULL);
      assertThat(wider.configurationVersion()).isEqualTo(3);
    }
  }

  @Test
  void aConcurrentWriteIsReadAgainAndKept() {
    try (Fixture f = new Fixture()) {
      AtomicInteger putsSeen = new AtomicInteger();
      // Another writer changes the notes between our read and our first write: a real 409.
      f.emulator.dispatcher(r -> {
        if (r.method().equals("PUT") && putsSeen.getAndIncrement() == 0) {
          f.emulator.editConfiguration(Fixture.INTEGRATION,
              Trees.edit(c -> c.put("notes", "edited by a person")));
        }
        return Optional.empty();
      });
      ApplyResult r = f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.ofPercent(10));
      assertThat(r.configurationVersion()).isEqualTo(3);
      ObjectNode after = Trees.object(f.emulator.configuration(Fixture.INTEGRATION).json());
      assertThat(after.path("notes").asText()).isEqualTo("edited by a person");
      assertThat(GenesysPayloads.readApplied(after.toString())).isPresent();
      assertThat(puts(f)).isEqualTo(2);
    }
  }

  @Test
  void aVersionMismatch400IsTreatedAsAConflict() {
    try (Fixture f = new Fixture()) {
      AtomicInteger n = new AtomicInteger();
      f.emulator.dispatcher(r -> r.method().equals("PUT") && n.getAndIncrement() == 0
          ? Optional.of(Fault.error(400, "bad.request",
              "The version supplied does not match the current version of the configuration"))
          : Optional.empty());
      ApplyResult r = f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.ofPercent(10));
      assertThat(r.configurationVersion()).isEqualTo(2);
      assertThat(puts(f)).isEqualTo(2);
    }
  }

  @Test
  void conflictsAreBounded() {
    try (Fixture f = new Fixture(e -> e, c -> c.maxConflictRetries(2))) {
      f.emulator.dispatcher(r -> {
        if (r.method().equals("PUT")) {
          f.emulator.editConfiguration(Fixture.INTEGRATION, c -> c);
        }
        return Optional.empty();
      });
      GenesysApiException.Conflict e = catchThrowableOfType(GenesysApiException.Conflict.class,
          () -> f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.FULL));
      assertThat(e.status()).hasValue(409);
      assertThat(e.genesysMessage().orElseThrow()).contains("does not match the current version");
      assertThat(puts(f)).isEqualTo(3);
    }
  }

  @Test
  void a408OnThePutIsReadAgainAndRetried() {
    try (Fixture f = new Fixture()) {
      AtomicInteger n = new AtomicInteger();
      f.emulator.dispatcher(r -> r.method().equals("PUT") && n.getAndIncrement() == 0
          ? Optional.of(Fault.error(408, "request.timeout", "The request timed out"))
          : Optional.empty());
      ApplyResult r = f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.ofPercent(10));
      assertThat(r.configurationVersion()).isEqualTo(2);
      assertThat(puts(f)).isEqualTo(2);
      // GET (token first), PUT 408, GET again, PUT.
      assertThat(f.emulator.requests().stream().filter(q -> !q.isTokenRequest())
          .map(q -> q.method())).containsExactly("GET", "PUT", "GET", "PUT");
    }
  }

  @Test
  void a408WhoseWriteWasStoredAnywayIsNotWrittenAgain() {
    try (Fixture f = new Fixture()) {
      AtomicInteger n = new AtomicInteger();
      // The server stores the write but the answer is a 408: the re-read finds the policy in place.
      f.emulator.dispatcher(r -> {
        if (r.method().equals("PUT") && n.getAndIncrement() == 0) {
          f.emulator.editConfiguration(Fixture.INTEGRATION, c -> r.body());
          return Optional.of(Fault.error(408, "request.timeout", "The request timed out"));
        }
        return Optional.empty();
      });
      ApplyResult r = f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.ofPercent(10));
      assertThat(r.configurationVersion()).isEqualTo(2);
      assertThat(puts(f)).isEqualTo(1);
      AppliedPolicy applied = GenesysPayloads.readApplied(
          f.emulator.configuration(Fixture.INTEGRATION).json()).orElseThrow();
      assertThat(applied.policy().fingerprint()).isEqualTo(SEED.fingerprint());
      assertThat(applied.trafficSplit()).isEqualTo(TrafficSplit.ofPercent(10));
    }
  }

  @Test
  void repeated408sAreBoundedAndThrownAsAConflictWithTheirStatus() {
    try (Fixture f = new Fixture(e -> e, c -> c.maxConflictRetries(2))) {
      f.emulator.dispatcher(r -> r.method().equals("PUT")
          ? Optional.of(Fault.error(408, "request.timeout", "The request timed out"))
          : Optional.empty());
      GenesysApiException.Conflict e = catchThrowableOfType(GenesysApiException.Conflict.class,
          () -> f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.FULL));
      assertThat(e.status()).hasValue(408);
      assertThat(e.code()).contains("request.timeout");
      assertThat(e.getMessage()).contains("HTTP 408").contains("may or may not have been stored");
      assertThat(puts(f)).isEqualTo(3);
    }
  }

  @Test
  void a408OnAReadIsNotAConflict() {
    try (Fixture f = new Fixture()) {
      f.emulator.enqueue(Fault.error(408, "request.timeout", "The request timed out"));
      GenesysApiException.BadRequest e = catchThrowableOfType(GenesysApiException.BadRequest.class,
          () -> f.client.getConfiguration(Fixture.INTEGRATION));
      assertThat(e.status()).hasValue(408);
    }
  }

  @Test
  void anOrdinary400IsNotAConflict() {
    try (Fixture f = new Fixture()) {
      f.emulator.dispatcher(r -> r.method().equals("PUT")
          ? Optional.of(Fault.error(400, "bad.request", "properties.awsAccountId is invalid"))
          : Optional.empty());
      GenesysApiException.BadRequest e = catchThrowableOfType(GenesysApiException.BadRequest.class,
          () -> f.client.apply(Fixture.INTEGRATION, SEED, TrafficSplit.FULL));
      assertThat(e.genesysMessage()).contains("properties.awsAccountId is invalid");
      assertThat(puts(f)).isEqualTo(1);
    }
  }

  @Test
  void putWithAStaleVersionIsAConflict() {
    try (Fixture f = new Fixture()) {
      IntegrationConfiguration c = f.client.getConfiguration(Fixture.INTEGRATION);
      f.client.putConfiguration(Fixture.INTEGRATION, c);
      GenesysApiException.Conflict e = catchThrowableOfType(GenesysApiException.Conflict.class,
          () -> f.client.putConfiguration(Fixture.INTEGRATION, c));
      assertThat(e.status()).hasValue(409);
    }
  }

  @Test
  void readsTheIntegration() {
    try (Fixture f = new Fixture()) {
      Integration i = f.client.getIntegration(Fixture.INTEGRATION);
      assertThat(i.id()).isEqualTo(Fixture.INTEGRATION);
      assertThat(i.integrationTypeId()).isEqualTo(Integration.EVENTBRIDGE_TYPE);
      assertThat(i.intendedState()).contains("ENABLED");
      IntegrationConfiguration c = f.client.getConfiguration(Fixture.INTEGRATION);
      assertThat(c.properties().keySet())
          .containsExactly("awsAccountId", "awsAccountRegion", "eventSourceSuffix", "eventFilter");
      assertThat(c.properties().get("awsAccountId")).isEqualTo("\"123456789012\"");
      assertThat(c.member("advanced")).contains("{}");
      assertThat(c.member("nothing-here")).isEmpty();
      assertThat(i.json()).contains("\"integrationType\"");
      assertThat(Integration.fromJson(i.json())).isEqualTo(i);
      assertThat(IntegrationConfiguration.fromJson(c.json())).isEqualTo(c);
    }
  }
}
