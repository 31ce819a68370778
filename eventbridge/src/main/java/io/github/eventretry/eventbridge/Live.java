package io.github.eventretry.eventbridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** A target as read from {@code ListTargetsByRule}, with the rule it belongs to. Immutable. */
record Live(String bus, String rule, Target target) {
  /** The split order: by SHA-256 of ARN and id (unsigned), then by rule. Stable across runs. */
  static final Comparator<Live> SPLIT_ORDER = Comparator.<Live, byte[]>comparing(Live::hash,
      Arrays::compareUnsigned).thenComparing(Live::rule);

  /** The snapshot order: by rule, then id. */
  static final Comparator<Live> READ_ORDER =
      Comparator.comparing(Live::rule).thenComparing(l -> l.target().id());

  byte[] hash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(
          (target.arn() + "\n" + target.id()).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  RuleTarget view() {
    return new RuleTarget(bus, rule, target.id(), target.arn(), Slot.of(target).settings());
  }
}
