package io.github.eventretry.eventbridge.testing;

import io.github.eventretry.eventbridge.AwsConnection;
import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Real AWS SDK clients pointed at an emulator, with the SDK's retries off (its default retries a
 * throttled call for about 2.7 s).
 */
public final class Aws {
  private Aws() {}

  public static EventBridgeClient eventBridge(AwsEmulator e) {
    return eventBridge(e, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY);
  }

  public static EventBridgeClient eventBridge(AwsEmulator e, String secret) {
    return EventBridgeClient.builder()
        .endpointOverride(e.endpoint())
        .region(Region.of(e.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(AwsEmulator.DEFAULT_ACCESS_KEY_ID, secret)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  public static CloudWatchClient cloudWatch(AwsEmulator e) {
    return cloudWatch(e, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY);
  }

  public static CloudWatchClient cloudWatch(AwsEmulator e, String secret) {
    return CloudWatchClient.builder()
        .endpointOverride(e.endpoint())
        .region(Region.of(e.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(AwsEmulator.DEFAULT_ACCESS_KEY_ID, secret)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** Our connection to the emulator, one attempt per call. */
  public static AwsConnection connection(AwsEmulator e) {
    return AwsConnection.builder()
        .endpoint(e.endpoint())
        .region(e.region())
        .credentials(AwsEmulator.DEFAULT_ACCESS_KEY_ID, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY)
        .maxAttempts(1)
        .build();
  }

  /** The partner bus {@link AwsEmulator.Builder#seedGenesysExample()} creates. */
  public static String genesysBus() {
    return AwsEmulator.genesysPartnerBus(AwsEmulator.GENESYS_ORG_ID,
        AwsEmulator.GENESYS_EVENT_SOURCE_SUFFIX);
  }
}
