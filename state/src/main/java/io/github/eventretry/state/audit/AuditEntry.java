package io.github.eventretry.state.audit;

import io.github.eventretry.core.PolicyFingerprint;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a caller asks an audit log to record; the log adds the sequence number, timestamp, compliance
 * standard and hashes. Immutable and thread-safe.
 *
 * @param action what happened, such as {@code deploy_started}
 * @param versionId the version concerned, if any
 * @param policyFingerprint the policy concerned, if any
 * @param actor who did it
 * @param details more facts as text, sorted by key, copied; never a secret
 */
public record AuditEntry(
    String action,
    Optional<String> versionId,
    Optional<PolicyFingerprint> policyFingerprint,
    String actor,
    Map<String, String> details) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any reference, key or value is null
   * @throws IllegalArgumentException if the action or actor is blank
   */
  public AuditEntry {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(policyFingerprint, "policyFingerprint");
    Objects.requireNonNull(actor, "actor");
    details = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(details, "details")));
    if (action.isBlank()) {
      throw new IllegalArgumentException("action must not be blank");
    }
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor must not be blank");
    }
  }

  /**
   * Returns an entry with no version, fingerprint or details.
   *
   * @param action what happened
   * @param actor who did it
   * @return the entry
   */
  public static AuditEntry of(String action, String actor) {
    return new AuditEntry(action, Optional.empty(), Optional.empty(), actor, Map.of());
  }

  /**
   * Returns a copy naming a version and its policy.
   *
   * @param id the version id
   * @param fingerprint the policy's fingerprint
   * @return the copy
   */
  public AuditEntry withVersion(String id, PolicyFingerprint fingerprint) {
    return new AuditEntry(action, Optional.of(id), Optional.of(fingerprint), actor, details);
  }

  /**
   * Returns a copy with one more detail (replacing one with the same key).
   *
   * @param key the key
   * @param value the value
   * @return the copy
   */
  public AuditEntry withDetail(String key, String value) {
    Map<String, String> d = new TreeMap<>(details);
    d.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new AuditEntry(action, versionId, policyFingerprint, actor, d);
  }
}
