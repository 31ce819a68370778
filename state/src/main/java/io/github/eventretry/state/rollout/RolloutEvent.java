package io.github.eventretry.state.rollout;

import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.state.spi.StageCheck;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One step of a rollout, rollback, resume or unlock, for a {@link RolloutListener}: what happened
 * ({@link #step()}, the same vocabulary as the audit log's actions), to which integration and version,
 * at which stage and split, what a check found, and until when a bake runs. A metrics listener can count
 * steps by integration and {@link RolloutStep#outcome() outcome}, follow the current split, and record
 * each check's success rate and sample. Immutable and thread-safe.
 */
public final class RolloutEvent {
  private final RolloutStep step;
  private final String integrationId;
  private final Optional<String> versionId;
  private final OptionalInt stageIndex;
  private final int stageCount;
  private final Optional<TrafficSplit> split;
  private final Optional<StageCheck> check;
  private final Optional<Instant> bakeEndsAt;
  private final String message;
  private final Instant at;

  private RolloutEvent(Builder b) {
    this.step = b.step;
    this.integrationId = b.integrationId;
    this.versionId = b.versionId;
    this.stageIndex = b.stageIndex;
    this.stageCount = b.stageCount;
    this.split = b.split;
    this.check = b.check;
    this.bakeEndsAt = b.bakeEndsAt;
    this.message = b.message;
    this.at = b.at;
  }

  /**
   * Returns a builder of an event.
   *
   * @param step what happened
   * @param integrationId the integration
   * @param at when (wall-clock time)
   * @return the builder; message empty and everything else absent until set
   */
  public static Builder builder(RolloutStep step, String integrationId, Instant at) {
    return new Builder(step, integrationId, at);
  }

  /**
   * Returns what happened.
   *
   * @return the step
   */
  public RolloutStep step() {
    return step;
  }

  /**
   * Returns the integration.
   *
   * @return the id
   */
  public String integrationId() {
    return integrationId;
  }

  /**
   * Returns the version concerned.
   *
   * @return the version id, or empty for a step about no version (such as clearing a lock)
   */
  public Optional<String> versionId() {
    return versionId;
  }

  /**
   * Returns the stage concerned.
   *
   * @return the 0-based stage index, or empty when the step is not about a stage
   */
  public OptionalInt stageIndex() {
    return stageIndex;
  }

  /**
   * Returns how many stages the rollout's plan has.
   *
   * @return 1 or more, or 0 when the step is not about a plan
   */
  public int stageCount() {
    return stageCount;
  }

  /**
   * Returns the share of traffic the version holds after this step.
   *
   * @return the split, if the step is about one
   */
  public Optional<TrafficSplit> split() {
    return split;
  }

  /**
   * Returns what a stage's check found.
   *
   * @return the check, for {@link RolloutStep#STAGE_PASSED}, {@link RolloutStep#STAGE_HELD},
   *     {@link RolloutStep#DEPLOY_COMPLETED} and a rollback a check started
   */
  public Optional<StageCheck> check() {
    return check;
  }

  /**
   * Returns when the bake that begins with this step ends.
   *
   * @return the time, for {@link RolloutStep#STAGE_APPLIED}, {@link RolloutStep#STAGE_HELD} and
   *     {@link RolloutStep#ROLLOUT_RESUMED} into a bake
   */
  public Optional<Instant> bakeEndsAt() {
    return bakeEndsAt;
  }

  /**
   * Returns one line for a person. Values taken from input (reasons, actors) are escaped.
   *
   * @return the line
   */
  public String message() {
    return message;
  }

  /**
   * Returns when the step happened.
   *
   * @return a wall-clock time
   */
  public Instant at() {
    return at;
  }

  /**
   * Returns {@code RolloutEvent[step, integration, version, message]}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "RolloutEvent[" + step + ", " + integrationId + versionId.map(v -> ", " + v).orElse("")
        + ", " + message + "]";
  }

  /** Builds a {@link RolloutEvent}. {@link #build()} copies. Not thread-safe. */
  public static final class Builder {
    private final RolloutStep step;
    private final String integrationId;
    private final Instant at;
    private Optional<String> versionId = Optional.empty();
    private OptionalInt stageIndex = OptionalInt.empty();
    private int stageCount;
    private Optional<TrafficSplit> split = Optional.empty();
    private Optional<StageCheck> check = Optional.empty();
    private Optional<Instant> bakeEndsAt = Optional.empty();
    private String message = "";

    private Builder(RolloutStep step, String integrationId, Instant at) {
      this.step = Objects.requireNonNull(step, "step");
      this.integrationId = Objects.requireNonNull(integrationId, "integrationId");
      this.at = Objects.requireNonNull(at, "at");
    }

    /**
     * Sets the version.
     *
     * @param id the version id
     * @return this builder
     */
    public Builder versionId(String id) {
      versionId = Optional.of(id);
      return this;
    }

    /**
     * Sets the stage.
     *
     * @param index 0-based, below {@code count}
     * @param count the plan's stage count, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if the index is not within the count
     */
    public Builder stage(int index, int count) {
      if (index < 0 || index >= count) {
        throw new IllegalArgumentException("stage index must be 0.." + (count - 1) + " (rejected: "
            + index + ")");
      }
      stageIndex = OptionalInt.of(index);
      stageCount = count;
      return this;
    }

    /**
     * Sets the split.
     *
     * @param s the split
     * @return this builder
     */
    public Builder split(TrafficSplit s) {
      split = Optional.of(s);
      return this;
    }

    /**
     * Sets the check.
     *
     * @param c the check
     * @return this builder
     */
    public Builder check(StageCheck c) {
      check = Optional.of(c);
      return this;
    }

    /**
     * Sets when the bake ends.
     *
     * @param t the time
     * @return this builder
     */
    public Builder bakeEndsAt(Instant t) {
      bakeEndsAt = Optional.of(t);
      return this;
    }

    /**
     * Sets the message.
     *
     * @param m one line
     * @return this builder
     */
    public Builder message(String m) {
      message = Objects.requireNonNull(m, "message");
      return this;
    }

    /**
     * Builds the event.
     *
     * @return the event
     */
    public RolloutEvent build() {
      return new RolloutEvent(this);
    }
  }
}
