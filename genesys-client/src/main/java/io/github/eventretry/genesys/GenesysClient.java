package io.github.eventretry.genesys;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.PolicyTarget;

/**
 * The Genesys Cloud calls eventretry makes: read an integration and its configuration, write the
 * configuration back with its version, and apply a retry policy to it (a {@link PolicyTarget}).
 * Delivery metrics come from a separate {@link io.github.eventretry.core.spi.DeliveryMetricsSource},
 * such as {@link TutorialMetricsSource}.
 *
 * <p>{@link HttpGenesysClient} is the implementation on the JDK {@code HttpClient}. Implementations
 * must be thread-safe; one instance is meant to be shared.
 */
public interface GenesysClient extends PolicyTarget {
  /**
   * Reads an integration: {@code GET /api/v2/integrations/{id}}.
   *
   * @param integrationId the integration id
   * @return the integration
   * @throws GenesysApiException (a subclass) if the call failed
   */
  Integration getIntegration(String integrationId);

  /**
   * Reads an integration's configuration: {@code GET /api/v2/integrations/{id}/config/current}.
   *
   * @param integrationId the integration id
   * @return the configuration with its version
   * @throws GenesysApiException (a subclass) if the call failed
   */
  IntegrationConfiguration getConfiguration(String integrationId);

  /**
   * Writes an integration's configuration: {@code PUT /api/v2/integrations/{id}/config/current}. The
   * body must carry the {@code version} it was read with; Genesys Cloud refuses a stale one.
   *
   * @param integrationId the integration id
   * @param configuration the whole configuration, with the {@code version} it was read with
   * @return the configuration as stored, with its new version
   * @throws GenesysApiException.Conflict if the version is stale (409, or 400 saying so), or the
   *     write got a 408 Request Timeout (it may or may not have been stored: read again)
   * @throws GenesysApiException (another subclass) if the call failed otherwise
   */
  IntegrationConfiguration putConfiguration(
      String integrationId, IntegrationConfiguration configuration);

  /**
   * Applies a policy to a share of an integration's traffic: reads {@code config/current}, merges the
   * policy block into {@code advanced} with
   * {@link io.github.eventretry.core.payload.GenesysPayloads#mergeIntoConfiguration}, and writes it
   * back with the version read. On a version conflict (or a 408 on the write, as Genesys's Terraform
   * provider treats it) it reads again and retries, a bounded number of times. {@code properties}, {@code notes}, {@code credentials} and every other member are written
   * back as read. When the configuration already holds exactly this policy and split, nothing is
   * written.
   *
   * @param integrationId the integration id
   * @param policy the policy
   * @param split the share of traffic
   * @return the applied fingerprint and split, and the configuration version that holds them
   * @throws GenesysApiException.Conflict if every write met a newer version or a 408
   * @throws GenesysApiException (another subclass) if a call failed
   */
  @Override
  ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split);
}
