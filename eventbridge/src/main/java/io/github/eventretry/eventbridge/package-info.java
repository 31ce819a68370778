/**
 * AWS's side of delivery: {@link io.github.eventretry.eventbridge.EventBridgeTargets} applies a policy to
 * the {@code RetryPolicy} and {@code DeadLetterConfig} of EventBridge rule targets (a
 * {@code PolicyTarget}, with traffic splits over targets, exact restore, and drift);
 * {@link io.github.eventretry.eventbridge.CloudWatchDeliveryMetrics} judges a rollout by CloudWatch's
 * {@code AWS/Events} metrics (a {@code DeliveryMetricsSource}); both reach AWS through an
 * {@link io.github.eventretry.eventbridge.AwsConnection}.
 */
package io.github.eventretry.eventbridge;
