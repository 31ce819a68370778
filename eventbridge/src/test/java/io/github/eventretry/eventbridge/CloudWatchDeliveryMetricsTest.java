package io.github.eventretry.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import io.github.eventretry.eventbridge.emulator.AwsFault;
import io.github.eventretry.eventbridge.emulator.DeliveryModel;
import io.github.eventretry.eventbridge.emulator.Destination;
import io.github.eventretry.eventbridge.emulator.internal.Cbor;
import io.github.eventretry.eventbridge.testing.Aws;
import io.github.eventretry.eventbridge.testing.ManualClock;
import io.github.eventretry.eventbridge.testing.Policies;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link CloudWatchDeliveryMetrics} against the emulator's AWS/Events metrics. */
class CloudWatchDeliveryMetricsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final String BUS = Aws.genesysBus();
  private static final String RULE = AwsEmulator.GENESYS_RULE;

  private final ManualClock clock = new ManualClock(T0);
  private AwsEmulator emulator;
  private EventBridgeTargets targets;
  private CloudWatchDeliveryMetrics metrics;

  private void start(AwsEmulator.Builder b) throws Exception {
    emulator = b.clock(clock).seedGenesysExample().start();
    targets = EventBridgeTargets.builder().connection(Aws.connection(emulator)).eventBus(BUS).rules(RULE)
        .build();
    metrics = CloudWatchDeliveryMetrics.builder().connection(Aws.connection(emulator)).rulesOf(targets).build();
  }

  @AfterEach
  void stop() {
    if (metrics != null) {
      metrics.close();
      targets.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private static AwsEmulator.Builder outage(int seconds) {
    return AwsEmulator.builder().deliveryModel(DeliveryModel.destination(Destination.builder()
        .eventsPerMinute(60).outagePerMinute(Duration.ofSeconds(seconds)).build()));
  }

  @Test
  void aHealthyDestinationSucceedsEverything() throws Exception {
    start(AwsEmulator.builder());
    clock.advance(Duration.ofMinutes(10));
    DeliveryMetrics m = metrics.fetch("i", T0, clock.instant());
    assertThat(m.sampleSize()).as("60 events a minute to each of 2 targets for 10 minutes").isEqualTo(1200);
    assertThat(m.successRate()).isEqualTo(1.0);
    assertThat(m.retryCount()).isZero();
    assertThat(m.deadLetteredCount()).isZero();
    assertThat(m.meanDeliveryLatency()).isEqualTo(Duration.ofMillis(120));
    assertThat(emulator.requests("GetMetricData")).singleElement()
        .satisfies(r -> assertThat(Cbor.decode(r.body()).toString())
            .contains("Name=EventBusName, Value=" + BUS).contains("Name=RuleName, Value=" + RULE)
            .contains("Namespace=AWS/Events"));
  }

  @Test
  void aPolicyWithTooFewRetriesShowsFailuresAndAGoodOneDoesNot() throws Exception {
    start(outage(20));
    targets.apply("i", Policies.aggressive(), TrafficSplit.FULL);
    clock.advance(Duration.ofMinutes(10));
    DeliveryMetrics bad = metrics.fetch("i", T0, clock.instant());
    assertThat(bad.sampleSize()).isEqualTo(1200);
    assertThat(bad.successRate()).isLessThan(0.9);
    assertThat(bad.retryCount()).isPositive();
    assertThat(bad.deadLetteredCount()).as("the aggressive policy has no dead-letter queue").isZero();
    Instant t1 = clock.instant();
    targets.apply("i", Policies.seed(), TrafficSplit.FULL);
    clock.advance(Duration.ofMinutes(10));
    DeliveryMetrics good = metrics.fetch("i", t1, clock.instant());
    assertThat(good.successRate()).isEqualTo(1.0);
    assertThat(good.meanDeliveryLatency()).isGreaterThan(Duration.ofMillis(120));
    assertThat(metrics.fetch("i", T0, t1)).as("the past keeps the policy it had").isEqualTo(
        new DeliveryMetrics("i", T0, t1, bad.sampleSize(), bad.successRate(), bad.retryCount(),
            bad.meanDeliveryLatency(), bad.deadLetteredCount()));
  }

  @Test
  void failedEventsGoToTheDeadLetterQueueWhenThereIsOne() throws Exception {
    start(outage(50));
    targets.apply("i", Policies.seed(), TrafficSplit.FULL);
    clock.advance(Duration.ofMinutes(5));
    DeliveryMetrics m = metrics.fetch("i", T0, clock.instant());
    assertThat(m.successRate()).isLessThan(1.0);
    long failed = Math.round(m.sampleSize() * (1 - m.successRate()));
    assertThat(m.deadLetteredCount()).isEqualTo(failed);
  }

  @Test
  void noInvocationsIsInsufficientDataNeverSuccess() throws Exception {
    start(AwsEmulator.builder());
    clock.advance(Duration.ofMinutes(10));
    DeliveryMetrics before = metrics.fetch("i", T0.minus(Duration.ofHours(2)), T0.minus(Duration.ofHours(1)));
    assertThat(before.sampleSize()).isZero();
    assertThat(before.successRate()).isZero();
    assertThat(before.meanDeliveryLatency()).isZero();
  }

  @Test
  void readsEveryPage() throws Exception {
    start(AwsEmulator.builder().pageSize(4));
    clock.advance(Duration.ofMinutes(10));
    DeliveryMetrics m = metrics.fetch("i", T0, clock.instant());
    assertThat(m.sampleSize()).isEqualTo(1200);
    assertThat(emulator.requests("GetMetricData")).as("20 datapoints, 4 a page").hasSize(5);
  }

  @Test
  void judgesOnlyTheRulesWhoseTargetsCarryTheNewPolicy() throws Exception {
    start(AwsEmulator.builder());
    try (var eb = Aws.eventBridge(emulator)) {
      eb.putRule(b -> b.name("other").eventBusName(BUS).eventPattern("{\"source\":[\"x\"]}"));
      eb.putTargets(b -> b.rule("other").eventBusName(BUS).targets(t -> t.id("q")
          .arn("arn:aws:sqs:us-east-1:123456789012:q")));
    }
    targets.apply("i", Policies.seed(), TrafficSplit.FULL);
    assertThat(targets.appliedRules()).containsExactly(RULE);
    clock.advance(Duration.ofMinutes(1));
    assertThat(metrics.fetch("i", T0, clock.instant()).sampleSize()).isEqualTo(120);
  }

  @Test
  void aQueryCloudWatchCouldNotAnswerFails() throws Exception {
    start(AwsEmulator.builder());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("Id", "r0inv");
    result.put("Timestamps", List.of());
    result.put("Values", List.of());
    result.put("StatusCode", "InternalError");
    result.put("Messages", List.of(Map.of("Code", "InternalError", "Value", "try later")));
    byte[] body = Cbor.encode(Map.of("MetricDataResults", List.of(result), "Messages", List.of()));
    emulator.enqueue("GetMetricData", new AwsFault.Respond(200, "application/cbor", body));
    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> metrics.fetch("i", T0, clock.instant()))
        .isInstanceOf(AwsException.class)
        .hasMessage("CloudWatch answered InternalError for query r0inv of event bus " + BUS + ": try later")
        .satisfies(e -> assertThat(((AwsException) e).errorCode()).hasValue("InternalError"));
  }

  @Test
  void throttlingFailsNamingCloudWatchsCode() throws Exception {
    start(AwsEmulator.builder());
    clock.advance(Duration.ofMinutes(1));
    emulator.enqueue("GetMetricData", AwsFault.throttle());
    assertThatThrownBy(() -> metrics.fetch("i", T0, clock.instant()))
        .isInstanceOf(AwsException.class)
        .hasMessage("reading the AWS/Events metrics of rules " + RULE + " on event bus " + BUS
            + ": AWS answered Throttling (HTTP 400): Rate exceeded")
        .satisfies(e -> assertThat(((AwsException) e).errorCode()).hasValue("Throttling"));
  }

  @Test
  void refusesAnEmptyWindow() throws Exception {
    start(AwsEmulator.builder());
    assertThatThrownBy(() -> metrics.fetch("i", T0, T0)).isInstanceOf(IllegalArgumentException.class);
  }
}
