package io.github.eventretry.state.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One record of an audit log, as stored: {@code {seq, timestamp, action, version_id,
 * policy_fingerprint, actor, compliance_standard, details, prev_hash, hash}}. {@code hash} is the
 * lowercase hex SHA-256 of the RFC 8785 canonical JSON of the record without {@code hash}; {@code
 * prev_hash} is the previous record's {@code hash} (64 zeros for the first). Immutable and thread-safe.
 *
 * @param seq 1, 2, ... in order
 * @param timestamp when it was appended (from the log's clock)
 * @param action what happened
 * @param versionId the version concerned, if any
 * @param policyFingerprint the policy fingerprint concerned, if any
 * @param actor who did it
 * @param complianceStandard such as {@code SOC2_TYPEII}
 * @param details more facts, sorted by key, copied
 * @param prevHash the previous record's hash
 * @param hash this record's hash
 */
public record AuditRecord(
    long seq,
    Instant timestamp,
    String action,
    Optional<String> versionId,
    Optional<String> policyFingerprint,
    String actor,
    String complianceStandard,
    Map<String, String> details,
    String prevHash,
    String hash) {
  /** The {@code prev_hash} of the first record: 64 zeros. */
  public static final String GENESIS_HASH = "0".repeat(64);

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any reference is null
   */
  public AuditRecord {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(policyFingerprint, "policyFingerprint");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(complianceStandard, "complianceStandard");
    details = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(details, "details")));
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }
}
