package io.github.eventretry.eventbridge;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The two members of a target that eventretry writes, exactly as EventBridge holds them (either may be
 * absent, and a {@code RetryPolicy} may be present with absent members). Immutable.
 */
record Slot(RetryPolicy retryPolicy, DeadLetterConfig deadLetterConfig) {
  static Slot of(Target t) {
    return new Slot(t.retryPolicy(), t.deadLetterConfig());
  }

  static Slot of(TargetSettings s) {
    RetryPolicy r = RetryPolicy.builder()
        .maximumRetryAttempts(s.maximumRetryAttempts().isPresent() ? s.maximumRetryAttempts().getAsInt()
            : null)
        .maximumEventAgeInSeconds(s.maximumEventAgeSeconds().isPresent()
            ? s.maximumEventAgeSeconds().getAsInt() : null)
        .build();
    return new Slot(r, s.deadLetterArn().map(a -> DeadLetterConfig.builder().arn(a).build()).orElse(null));
  }

  Target applyTo(Target t) {
    return t.toBuilder().retryPolicy(retryPolicy).deadLetterConfig(deadLetterConfig).build();
  }

  boolean heldBy(Target t) {
    return Objects.equals(retryPolicy, t.retryPolicy())
        && Objects.equals(deadLetterConfig, t.deadLetterConfig());
  }

  TargetSettings settings() {
    Integer a = retryPolicy == null ? null : retryPolicy.maximumRetryAttempts();
    Integer g = retryPolicy == null ? null : retryPolicy.maximumEventAgeInSeconds();
    return new TargetSettings(a == null ? OptionalInt.empty() : OptionalInt.of(a),
        g == null ? OptionalInt.empty() : OptionalInt.of(g),
        Optional.ofNullable(deadLetterConfig == null ? null : deadLetterConfig.arn()));
  }
}
