package io.github.eventretry.core;

import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.core.json.PolicyTrees;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable name of a retry policy: {@code sha256:} followed by 64 lowercase hex digits of SHA-256 over
 * the RFC 8785 (JCS) canonical JSON of the policy's canonical form (every field with defaults filled in,
 * as {@link PolicyJson#write} writes it).
 *
 * <p>Two policies have the same fingerprint exactly when they are equal. It is the same on every JVM,
 * run, locale and field order. Immutable and thread-safe.
 *
 * @param value the fingerprint text, such as {@code sha256:3a7bd3e2...}
 */
public record PolicyFingerprint(String value) {
  private static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{64}");

  /**
   * Checks the form of the value.
   *
   * @throws IllegalArgumentException if {@code value} is not {@code sha256:} and 64 lowercase hex digits
   * @throws NullPointerException if {@code value} is null
   */
  public PolicyFingerprint {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "fingerprint must be 'sha256:' and 64 lowercase hex digits (rejected: " + value + ")");
    }
  }

  /**
   * Parses a fingerprint.
   *
   * @param value such as {@code sha256:3a7bd3e2...}
   * @return the fingerprint
   * @throws IllegalArgumentException if the form is wrong
   */
  public static PolicyFingerprint parse(String value) {
    return new PolicyFingerprint(value);
  }

  /**
   * Computes the fingerprint of a policy. {@link RetryPolicy#fingerprint()} returns the same value,
   * computed once.
   *
   * @param policy the policy
   * @return its fingerprint
   */
  public static PolicyFingerprint of(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return new PolicyFingerprint("sha256:" + CanonicalJson.sha256Hex(PolicyTrees.toJsonNode(policy)));
  }

  /**
   * Returns {@link #value()}.
   *
   * @return the fingerprint text
   */
  @Override
  public String toString() {
    return value;
  }
}
