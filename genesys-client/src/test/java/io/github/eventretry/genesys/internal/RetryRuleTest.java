package io.github.eventretry.genesys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryRuleTest {
  private static final RandomGenerator HALF = new RandomGenerator() {
    @Override
    public long nextLong() {
      return Long.MAX_VALUE / 2;
    }

    @Override
    public double nextDouble() {
      return 0.5;
    }
  };

  private static HttpHeaders headers(String... retryAfter) {
    return HttpHeaders.of(retryAfter.length == 0 ? Map.of() : Map.of("Retry-After", List.of(retryAfter)),
        (a, b) -> true);
  }

  private static RetryRule rule(int maxAttempts) {
    return new RetryRule(maxAttempts,
        new FullJitterBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), HALF));
  }

  @Test
  void retryAfterIsWholeNonNegativeSecondsElseEmpty() {
    assertThat(RetryRule.retryAfter(headers("5"))).contains(Duration.ofSeconds(5));
    assertThat(RetryRule.retryAfter(headers(" 7 "))).contains(Duration.ofSeconds(7));
    assertThat(RetryRule.retryAfter(headers("0"))).contains(Duration.ZERO);
    assertThat(RetryRule.retryAfter(headers())).isEmpty();
    assertThat(RetryRule.retryAfter(headers("-1"))).isEmpty();
    assertThat(RetryRule.retryAfter(headers("1.5"))).isEmpty();
    assertThat(RetryRule.retryAfter(headers("Wed, 21 Oct 2026 07:28:00 GMT"))).isEmpty();
  }

  @Test
  void a429WaitsItsRetryAfterOrThreeSeconds() {
    assertThat(rule(4).afterAnswer(429, headers("9"), 1))
        .contains(new RetryRule.Wait(Duration.ofSeconds(9), true));
    assertThat(rule(4).afterAnswer(429, headers(), 1))
        .contains(new RetryRule.Wait(RetryRule.DEFAULT_RETRY_AFTER, true));
    assertThat(RetryRule.DEFAULT_RETRY_AFTER).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void gatewayErrorsAndNoAnswerWaitTheBackoffOfTheirRetry() {
    for (int status : new int[] {502, 503, 504}) {
      // Attempt 2 failed: its retry is the second, n = 1: 0.5 * 1000 ms.
      assertThat(rule(4).afterAnswer(status, headers("1"), 2))
          .contains(new RetryRule.Wait(Duration.ofMillis(500), false));
    }
    assertThat(rule(4).afterNoAnswer(1)).isEqualTo(new RetryRule.Wait(Duration.ofMillis(250), false));
  }

  @Property
  void onlyThe429And502To504AreRetried(@ForAll @IntRange(min = 100, max = 599) int status) {
    boolean expected = status == 429 || status == 502 || status == 503 || status == 504;
    assertThat(RetryRule.retryable(status)).isEqualTo(expected);
    assertThat(rule(4).afterAnswer(status, headers(), 1).isPresent()).isEqualTo(expected);
  }

  @Property
  void attemptsStopAtTheLimit(@ForAll @IntRange(min = 1, max = 20) int max,
      @ForAll @IntRange(min = 1, max = 25) int attempt) {
    assertThat(rule(max).mayRetry(attempt)).isEqualTo(attempt < max);
  }

  @Test
  void waitsDescribeThemselves() {
    assertThat(new RetryRule.Wait(Duration.ofSeconds(4), true).describe())
        .isEqualTo("Retry-After of 4000 ms");
    assertThat(new RetryRule.Wait(Duration.ofMillis(250), false).describe())
        .isEqualTo("back-off of 250 ms");
  }
}
