/**
 * A loopback Amazon EventBridge and Amazon CloudWatch for tests and credential-free runs:
 * {@link io.github.eventretry.eventbridge.emulator.AwsEmulator}, its scripted
 * {@link io.github.eventretry.eventbridge.emulator.AwsFault faults} and
 * {@link io.github.eventretry.eventbridge.emulator.RecordedRequest request records}, and the
 * {@link io.github.eventretry.eventbridge.emulator.DeliveryModel} behind its {@code AWS/Events}
 * metrics.
 */
package io.github.eventretry.eventbridge.emulator;
