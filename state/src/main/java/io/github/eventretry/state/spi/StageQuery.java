package io.github.eventretry.state.spi;

import io.github.eventretry.state.rollout.RolloutStage;
import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link RolloutGate} is asked to check: one bake of one stage. Immutable and thread-safe.
 *
 * @param integrationId the integration
 * @param versionId the version being rolled out
 * @param stageIndex the stage, 0-based
 * @param stage the stage (its split, bake time, threshold and minimum sample)
 * @param from the start of the bake window, inclusive
 * @param to the end of the bake window, exclusive; after {@code from}
 */
public record StageQuery(
    String integrationId, String versionId, int stageIndex, RolloutStage stage, Instant from, Instant to) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   * @throws IllegalArgumentException if the index is negative or {@code to} is not after {@code from}
   */
  public StageQuery {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (stageIndex < 0) {
      throw new IllegalArgumentException("stageIndex must be 0 or more (rejected: " + stageIndex + ")");
    }
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
    }
  }
}
