package io.github.eventretry.state.spi;

import io.github.eventretry.core.spi.DeliveryMetrics;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of checking one bake of one stage. It travels in the rollout's events (so a metrics
 * listener can record each check's success rate and sample) and in its audit records (its summary).
 * Immutable and thread-safe.
 *
 * @param verdict passed, failed or not checked
 * @param summary one line for a person, such as {@code success rate 0.9950 >= 0.9500 over 600
 *     deliveries}
 * @param metrics the delivery metrics the check read, if any
 */
public record StageCheck(Verdict verdict, String summary, Optional<DeliveryMetrics> metrics) {

  /** How a check came out. */
  public enum Verdict {
    /** The stage may advance. */
    PASSED,
    /** The stage is held, or rolled back at its failure limit. */
    FAILED,
    /** The stage was not checked (bake 0 and minimum sample 0): it advances unchecked. */
    UNCHECKED
  }

  /**
   * Checks the values.
   *
   * @throws NullPointerException if any is null
   */
  public StageCheck {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Returns a passed check.
   *
   * @param summary one line
   * @param metrics what was read
   * @return the check
   */
  public static StageCheck passed(String summary, Optional<DeliveryMetrics> metrics) {
    return new StageCheck(Verdict.PASSED, summary, metrics);
  }

  /**
   * Returns a failed check.
   *
   * @param summary one line
   * @param metrics what was read, if anything
   * @return the check
   */
  public static StageCheck failed(String summary, Optional<DeliveryMetrics> metrics) {
    return new StageCheck(Verdict.FAILED, summary, metrics);
  }

  /**
   * Returns whether the stage may advance (passed or unchecked).
   *
   * @return true unless failed
   */
  public boolean mayAdvance() {
    return verdict != Verdict.FAILED;
  }
}
