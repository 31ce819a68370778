package io.github.eventretry.simulator.internal;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.Engine;
import io.github.eventretry.simulator.Finding;
import io.github.eventretry.simulator.FindingCode;
import io.github.eventretry.simulator.Severity;
import io.github.eventretry.simulator.StormScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Turns a storm's numbers into findings. The one place the thresholds and messages live. */
public final class FindingRules {
  /** EventBridge's largest {@code MaximumEventAgeInSeconds}: 24 hours. */
  public static final Duration EVENTBRIDGE_MAX_EVENT_AGE = Duration.ofHours(24);

  private FindingRules() {}

  /**
   * The load on the destination, split into what the policy causes (retries) and what it does not
   * (the events' first attempts).
   *
   * @param retryPeak the most retries in one second
   * @param retrySecondsOver seconds whose retries exceed the rate limit
   * @param firstPeak the most first attempts in one second
   * @param firstSecondsOver seconds whose first attempts exceed the rate limit
   */
  public record Load(double retryPeak, int retrySecondsOver, double firstPeak, int firstSecondsOver) {}

  /**
   * Evaluates every rule.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @param engine the engine
   * @param load the retries' and the first attempts' load per second
   * @param throttled attempts the destination refused
   * @param exhausted events whose retries ran out
   * @return the findings, most severe first
   */
  public static List<Finding> evaluate(
      RetryPolicy policy, StormScenario scenario, Engine engine, Load load,
      double throttled, double exhausted) {
    List<Finding> out = new ArrayList<>();
    double limit = policy.destinationRateLimitRps();
    if (load.retrySecondsOver() > 0) {
      String what = engine == Engine.CLOSED_LOOP
          ? String.format(Locale.ROOT, "; the destination throttled %s attempts", count(throttled))
          : "";
      out.add(new Finding(Severity.ERROR, FindingCode.RATE_LIMIT_EXCEEDED, String.format(Locale.ROOT,
          "the policy's retries peak at %s per second, %.1fx the destination limit of %s rps, and"
              + " stay above it for %d s%s. Spread retries: use full or decorrelated jitter, raise"
              + " base_delay_ms, or raise destination_rate_limit_rps if the destination can take it.",
          number(load.retryPeak()), load.retryPeak() / limit, number(limit), load.retrySecondsOver(),
          what)));
    }
    double kb = scenario.payloadSizeKb();
    double bandwidthLimit = scenario.bandwidthLimitKbps();
    double firstKbps = load.firstPeak() * kb;
    if (load.firstSecondsOver() > 0 || firstKbps > bandwidthLimit) {
      String rate = load.firstSecondsOver() > 0 ? String.format(Locale.ROOT,
          "reach %s per second, %.1fx the destination limit of %s rps, for %d s",
          number(load.firstPeak()), load.firstPeak() / limit, number(limit), load.firstSecondsOver())
          : "stay within the destination limit of " + number(limit) + " rps";
      String bandwidth = firstKbps > bandwidthLimit ? String.format(Locale.ROOT,
          " and peak at %s KB/s, above the bandwidth limit of %s KB/s", number(firstKbps),
          number(bandwidthLimit)) : "";
      out.add(new Finding(Severity.INFO, FindingCode.INITIAL_BURST, String.format(Locale.ROOT,
          "the events' own first attempts %s%s; that burst comes with the events, not from the retry"
              + " policy, which can only spread the retries that follow.", rate, bandwidth)));
    }
    // Like the rate limit, bandwidth judges the load the policy causes: its retries.
    double retryKbps = load.retryPeak() * kb;
    if (retryKbps > bandwidthLimit) {
      out.add(new Finding(Severity.WARNING, FindingCode.BANDWIDTH_EXCEEDED, String.format(Locale.ROOT,
          "the policy's retries peak at %s KB/s (%s retries/s x %s KB), above the bandwidth limit of"
              + " %s KB/s. Spread retries with jitter or a larger base_delay_ms, or check the link can"
              + " carry it.",
          number(retryKbps), number(load.retryPeak()), number(kb), number(bandwidthLimit))));
    }
    Duration window = policy.worstCaseRetryWindow();
    if (window.compareTo(scenario.outage()) < 0) {
      out.add(new Finding(Severity.WARNING, FindingCode.RETRY_WINDOW_SHORTER_THAN_OUTAGE,
          String.format(Locale.ROOT,
              "the longest retry window is %s s but the outage lasts %s s: events failing at its"
                  + " start run out of retries before it ends. Raise max_retries or max_delay_ms to"
                  + " cover the outages you plan for.",
              number(window.toMillis() / 1000.0), number(scenario.outageMillis() / 1000.0))));
    }
    boolean lost = exhausted >= 0.5;
    if (lost && policy.deadLetterQueue().isEmpty()) {
      out.add(new Finding(Severity.ERROR, FindingCode.EVENTS_DROPPED_NO_DLQ, String.format(Locale.ROOT,
          "%s of %s events run out of retries and are dropped: the policy has no dead-letter queue."
              + " Set dead_letter_queue_arn to an SQS standard queue.",
          count(exhausted), count(scenario.events()))));
    } else if (lost) {
      out.add(new Finding(Severity.INFO, FindingCode.EVENTS_DEAD_LETTERED, String.format(Locale.ROOT,
          "%s of %s events run out of retries and go to the dead-letter queue %s; replay them"
              + " after the outage.",
          count(exhausted), count(scenario.events()),
          policy.deadLetterQueue().orElseThrow().arn())));
    }
    if (window.compareTo(EVENTBRIDGE_MAX_EVENT_AGE) > 0) {
      out.add(new Finding(Severity.ERROR, FindingCode.EVENT_AGE_BEYOND_EVENTBRIDGE_LIMIT,
          String.format(Locale.ROOT,
              "the longest retry window is %s h, beyond EventBridge's maximum event age of 24 h:"
                  + " EventBridge drops the event before the last retries. Lower max_retries or"
                  + " max_delay_ms so the window fits in 24 h.",
              number(window.toMillis() / 3_600_000.0))));
    }
    out.sort(Comparator.comparing(Finding::severity).reversed());
    return out;
  }

  private static String count(double v) {
    return String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  private static String number(double v) {
    // Expected values land a hair off whole numbers (599.9999998): print those as whole numbers.
    if (Math.abs(v - Math.rint(v)) < 1e-6 * Math.max(1.0, Math.abs(v)) && Math.abs(v) < 1e15) {
      v = Math.rint(v);
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return String.format(Locale.ROOT, "%,.1f", v);
  }
}
