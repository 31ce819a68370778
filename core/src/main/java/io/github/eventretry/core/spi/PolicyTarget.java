package io.github.eventretry.core.spi;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import java.util.List;

/**
 * Something a policy can be applied to: a Genesys Cloud integration's configuration, or the targets of
 * EventBridge rules on the integration's partner event bus.
 *
 * <p>The rollout engine uses a target in this order: {@link #checkSplits} and {@link #read} before any
 * version exists (a preflight: credentials work, the integration exists, its configuration is readable,
 * the plan can be expressed), the snapshot read becomes the baseline of a first deploy, then
 * {@link #apply} per stage, and {@link #restore} when a rollback goes back to the baseline.
 *
 * <p>Applying the same policy and split twice must leave the same result (a rollout that resumes after
 * a crash applies its current stage again); so must restoring the same snapshot twice. Implementations
 * must be thread-safe.
 */
public interface PolicyTarget {
  /**
   * Reads what the target holds for an integration now, in the form {@link #restore} puts back.
   *
   * @param integrationId the integration
   * @return the current content, verbatim
   * @throws EventRetryException (or a subclass) if it could not be read: the preflight of a deploy fails
   *     on it before anything is applied
   */
  TargetSnapshot read(String integrationId);

  /**
   * Applies a policy to a share of an integration's traffic.
   *
   * @param integrationId the integration
   * @param policy the policy
   * @param split the share of traffic
   * @return what was applied, with the configuration version it produced
   * @throws EventRetryException (or a subclass) if the policy could not be applied; the target is then
   *     unchanged or holds a complete earlier configuration, never a partial one
   */
  ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split);

  /**
   * Puts back exactly what a snapshot recorded, replacing any policy applied since.
   *
   * @param integrationId the integration
   * @param snapshot a snapshot this kind of target returned from {@link #read}
   * @return what the target holds now
   * @throws IllegalArgumentException if the snapshot was written by another kind of target or its content
   *     is not in this target's shape
   * @throws EventRetryException (or a subclass) if it could not be restored; the target is then unchanged
   *     or holds a complete earlier configuration, never a partial one
   */
  RestoreResult restore(String integrationId, TargetSnapshot snapshot);

  /**
   * Checks, before anything is applied, that this target can carry out a plan's traffic splits. A
   * Genesys configuration records any split; a set of EventBridge rule targets can only express a share
   * of its targets, so a stage that selects none, or the same targets as the stage before, is refused.
   *
   * <p>The default accepts every split.
   *
   * @param integrationId the integration
   * @param splits the stages' splits, in order
   * @throws IllegalArgumentException if a split cannot be expressed; the message names the stage, the
   *     split and what this target allows
   * @throws EventRetryException (or a subclass) if what the check needs could not be read
   */
  default void checkSplits(String integrationId, List<TrafficSplit> splits) {
    // Every split can be expressed.
  }
}
