package io.github.eventretry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.Backoff;
import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The Java snippets of docs/simulator.md, compiled and run (examples' DocsSnippetsTest checks that they match). */
class DocsExamplesTest {

  @Test
  void delaySchedule() {
    RetryPolicy policy = Policies.seed();
    DelaySchedule schedule = DelaySchedule.of(policy);

    // The pure formula: pin the draw to test it.
    double d = Backoff.of(BackoffStrategy.EXPONENTIAL, Jitter.full(), 500, 60000)
        .delayMillis(3, 500, 0.25); // 1000.0

    // Draws from your generator, no allocation per delay.
    RandomGenerator random = new SplittableRandom(42);
    double previous = schedule.initialPreviousMillis();
    for (int n = 0; n < schedule.retries(); n++) {
      previous = schedule.nextDelayMillis(n, previous, random);
    }

    // Or let a sampler remember the retry and the previous delay, for a client's own backoff loop.
    DelaySampler backoff = schedule.sampler(new SplittableRandom(7));
    while (backoff.hasNext()) {
      long waitNanos = backoff.nextDelayNanos();
      // wait waitNanos, then try again
    }

    assertThat(d).isEqualTo(1000.0);
    assertThat(previous).isBetween(8000.0, 8800.0);
    assertThat(backoff.retry()).isEqualTo(5);
    backoff.reset();
    while (backoff.hasNext()) {
      assertThat(backoff.nextDelayNanos()).isBetween(500_000_000L, 8_800_000_000L);
    }
  }

  @Test
  void retryStorm() {
    RetryPolicy policy = Policies.seed();
    StormScenario scenario = StormScenario.builder()
        .events(2_000_000)
        .outage(Duration.ofMinutes(10))
        .payloadSizeKb(2.5)              // the tutorial's event_payload_size_kb (default)
        .bandwidthLimitKbps(50_000)      // 50 MB/s (default)
        .build();
    StormResult r = RetryStorm.monteCarlo(policy, scenario, 42L, 2);
    List<Finding> errors = r.findings().stream()
        .filter(f -> f.severity() == Severity.ERROR)
        .toList();
    String svg = StormChart.svg(r);

    assertThat(errors).extracting(Finding::code).containsExactly(FindingCode.RATE_LIMIT_EXCEEDED);
    assertThat(svg).startsWith("<svg");
  }

  @Test
  void progress() {
    RetryPolicy policy = Policies.seed();
    StormScenario scenario = StormScenario.of(200_000, Duration.ofSeconds(20));
    AtomicBoolean stop = new AtomicBoolean();
    StormResult watched = RetryStorm.run(Engine.CLOSED_LOOP, policy, scenario, 42L, 2,
        fraction -> !stop.get()); // set stop from another thread to cancel

    assertThat(watched).isEqualTo(RetryStorm.closedLoop(policy, scenario, 42L));
    stop.set(true);
    assertThatThrownBy(() -> RetryStorm.run(Engine.CLOSED_LOOP, policy, scenario, 42L, 2,
        fraction -> !stop.get())).isInstanceOf(SimulationCancelledException.class);
  }

  /** A snippet must be a complete piece of code: every block it opens, it closes. */
  @Test
  void everyJavaSnippetOfTheDocsIsComplete() throws IOException {
    String doc = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/simulator.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    int snippets = 0;
    while (m.find()) {
      String code = m.group(1);
      int depth = 0;
      for (char c : code.toCharArray()) {
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        assertThat(depth).as("a } closes nothing in:%n%s", code).isNotNegative();
      }
      assertThat(depth).as("unclosed { in:%n%s", code).isZero();
      snippets++;
    }
    assertThat(snippets).isGreaterThanOrEqualTo(3);
  }
}
