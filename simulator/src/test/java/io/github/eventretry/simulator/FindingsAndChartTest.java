package io.github.eventretry.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FindingsAndChartTest {
  @Test
  void withoutAnOutageThereAreNoRetriesAndTheBurstIsOnlyInformation() {
    RetryPolicy seed = Policies.seed();
    for (Engine e : new Engine[] {Engine.MONTE_CARLO, Engine.ANALYTIC}) {
      StormResult r = RetryStorm.run(e, seed, StormScenario.of(2_000_000, Duration.ZERO), 42L, 1);
      assertThat(r.attempts()).as(e.cliName()).isEqualTo(2_000_000, org.assertj.core.data.Offset.offset(1e-3));
      assertThat(r.hasErrors()).as(e.cliName()).isFalse();
      assertThat(r.findings()).extracting(Finding::code).contains(FindingCode.INITIAL_BURST)
          .doesNotContain(FindingCode.RATE_LIMIT_EXCEEDED);
    }
  }

  @Test
  void theRateLimitJudgesTheRetriesNotTheFirstAttempts() {
    RetryPolicy spread = Policies.seed().toBuilder().maxRetries(1).baseDelay(Duration.ofHours(24))
        .maxDelay(Duration.ofHours(24)).jitter(Jitter.full()).build();
    StormResult r = RetryStorm.monteCarlo(spread, StormScenario.of(2_000_000, Duration.ofMinutes(10)), 42L);
    assertThat(r.findings()).extracting(Finding::code).contains(FindingCode.INITIAL_BURST)
        .doesNotContain(FindingCode.RATE_LIMIT_EXCEEDED);
    StormResult seed = RetryStorm.monteCarlo(Policies.seed(),
        StormScenario.of(2_000_000, Duration.ofMinutes(10)), 42L);
    assertThat(seed.findings()).extracting(Finding::code).contains(FindingCode.RATE_LIMIT_EXCEEDED);
  }

  @Test
  void theChartSpansTheAttemptsNamesThePolicyAndLeavesEmptySecondsOut() {
    RetryPolicy seed = Policies.seed();
    StormResult r = RetryStorm.monteCarlo(seed, StormScenario.of(2_000_000, Duration.ofMinutes(10)), 42L);
    String svg = StormChart.svg(r, seed, "seed-policy.json");
    assertThat(svg).contains("seed-policy.json (" + seed.fingerprint().value().substring(0, 15) + "…)");
    // Attempts end after 17 s: the axis ends near there, not at the 600 s outage.
    assertThat(svg).contains("outage until 600 s").doesNotContain(">600</text>");
    // Log scale: seconds with no attempts break the line instead of touching the floor.
    String path = svg.substring(svg.indexOf("<path d=\""), svg.indexOf("\" fill=\"none\""));
    assertThat(path.chars().filter(c -> c == 'M').count()).isGreaterThan(1);
  }
}
