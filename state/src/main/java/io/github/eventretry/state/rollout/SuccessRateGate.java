package io.github.eventretry.state.rollout;

import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.state.spi.RolloutGate;
import io.github.eventretry.state.spi.StageCheck;
import io.github.eventretry.state.spi.StageQuery;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link RolloutGate}: reads the {@link DeliveryMetricsSource} over the bake window and
 * passes a stage when it saw at least the stage's minimum sample, at a success rate at or above its
 * threshold. Too little data is not success. Refuses, before anything is applied, a plan with a stage
 * that bakes for zero time yet needs deliveries: it could never pass. Thread-safe if the source is.
 */
public final class SuccessRateGate implements RolloutGate {
  private final DeliveryMetricsSource metrics;

  private SuccessRateGate(DeliveryMetricsSource metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Returns the gate reading a metrics source.
   *
   * @param metrics where delivery metrics come from
   * @return the gate
   */
  public static SuccessRateGate of(DeliveryMetricsSource metrics) {
    return new SuccessRateGate(metrics);
  }

  /**
   * Reads the window's metrics and compares them with the stage's minimum sample and threshold.
   *
   * @param q the stage and window
   * @return passed, or failed with what was short
   * @throws io.github.eventretry.core.EventRetryException if the metrics could not be read
   */
  @Override
  public StageCheck check(StageQuery q) {
    DeliveryMetrics m = metrics.fetch(q.integrationId(), q.from(), q.to());
    String rate = String.format(Locale.ROOT, "%.4f", m.successRate());
    String threshold = String.format(Locale.ROOT, "%.4f", q.stage().successThreshold());
    if (m.sampleSize() < q.stage().minimumSample()) {
      return StageCheck.failed("insufficient data: " + m.sampleSize() + " deliveries, at least "
          + q.stage().minimumSample() + " needed", Optional.of(m));
    }
    if (m.successRate() < q.stage().successThreshold()) {
      return StageCheck.failed("success rate " + rate + " below threshold " + threshold + " over "
          + m.sampleSize() + " deliveries", Optional.of(m));
    }
    return StageCheck.passed("success rate " + rate + " >= " + threshold + " over " + m.sampleSize()
        + " deliveries", Optional.of(m));
  }

  /**
   * Refuses a plan with a stage whose bake time is zero and whose minimum sample is above 0.
   *
   * @param plan the plan
   * @throws IllegalArgumentException naming the stage, its bake time and its minimum sample
   */
  @Override
  public void checkPlan(RolloutPlan plan) {
    for (int i = 0; i < plan.stages().size(); i++) {
      RolloutStage s = plan.stages().get(i);
      if (s.bakeTime().isZero() && s.minimumSample() > 0) {
        throw new IllegalArgumentException("stage " + (i + 1) + " (" + s.split() + ") bakes for 0 s"
            + " but needs at least " + s.minimumSample() + " deliveries: none can arrive in no time,"
            + " so it can never pass. Give it a bake time, or a minimum sample of 0 to deploy"
            + " unchecked");
      }
    }
  }

  /**
   * Returns {@code SuccessRateGate[source]}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "SuccessRateGate[" + metrics + "]";
  }
}
