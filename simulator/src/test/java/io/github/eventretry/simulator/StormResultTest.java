package io.github.eventretry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** StormResult: a value with a builder, and its JSON. */
class StormResultTest {
  private static StormResult.Builder minimal() {
    return StormResult.builder()
        .engine(Engine.ANALYTIC)
        .scenario(StormScenario.of(10, Duration.ofSeconds(3)))
        .rateLimitRps(150)
        .attemptsPerSecond(RateSeries.of(10, 5))
        .deliveriesPerSecond(RateSeries.of(0, 5));
  }

  @Test
  void theBuilderFillsDefaultsAndChecksValues() {
    StormResult r = minimal().attempts(15).delivered(10).build();
    assertThat(r.events()).isEqualTo(10.0);
    assertThat(r.findings()).isEmpty();
    assertThat(r.hasErrors()).isFalse();
    assertThatThrownBy(() -> minimal().attempts(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempts").hasMessageContaining("-1");
    assertThatThrownBy(() -> minimal().drainSeconds(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drainSeconds");
    assertThatThrownBy(() -> StormResult.builder().engine(Engine.ANALYTIC).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("scenario");
    assertThatThrownBy(() -> minimal().engine(Engine.MONTE_CARLO))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("engine was already set to ANALYTIC");
  }

  @Test
  void toBuilderLetsEachValueBeReplacedOnceAndKeepsTheRest() {
    Finding f = new Finding(Severity.ERROR, FindingCode.EVENTS_DROPPED_NO_DLQ, "10 of 10 dropped");
    StormResult r = minimal().attempts(15).dropped(10).findings(List.of(f)).build();
    StormResult changed = r.toBuilder().attempts(16).build();
    assertThat(changed.attempts()).isEqualTo(16.0);
    assertThat(changed.dropped()).isEqualTo(10.0);
    assertThat(changed.findings()).containsExactly(f);
    assertThat(changed.hasErrors()).isTrue();
    assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
    assertThat(changed).isNotEqualTo(r);
    assertThatThrownBy(() -> r.toBuilder().attempts(1).attempts(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("attempts was already set to 1.0");
  }

  @Test
  void toJsonHasEveryFieldWithCountsRounded() {
    StormResult r = RetryStorm.analytic(Policies.seed().toBuilder().noDeadLetterQueue().build(),
        StormScenario.of(100, Duration.ofMinutes(5)));
    String json = r.toJson();
    assertThat(json).startsWith("{\n  \"engine\": \"analytic\",\n  \"events\": 100,\n");
    assertThat(json).contains("\"dropped\": 100,").contains("\"outage_seconds\": 300.0,")
        .contains("\"rate_limit_rps\": 150.0,").contains("\"severity\": \"error\"")
        .contains("\"code\": \"EVENTS_DROPPED_NO_DLQ\"").doesNotEndWith("\n");
    for (String field : List.of("attempts", "delivered", "dead_lettered", "throttled",
        "peak_attempts_per_second", "seconds_over_rate_limit", "drain_seconds", "peak_bandwidth_kbps",
        "findings")) {
      assertThat(json).contains("\"" + field + "\": ");
    }
  }
}
