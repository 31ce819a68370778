package io.github.eventretry.core.spi;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;

/**
 * Something a policy can be applied to: in production, a Genesys Cloud integration's configuration.
 *
 * <p>Applying the same policy and split twice must leave the same result (a rollout that resumes after
 * a crash applies its current stage again). Implementations must be thread-safe.
 */
public interface PolicyTarget {
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
}
