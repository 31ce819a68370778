package io.github.eventretry.state.audit;

import java.util.Objects;

/**
 * The head of an audit log at one moment: the sequence number and hash of its last record. A state
 * save records the head it followed, so that a log that lost records since is found out. Immutable and
 * thread-safe.
 *
 * @param seq the last record's sequence number, 1 or more
 * @param hash the last record's hash, 64 lowercase hex digits
 */
public record AuditHead(long seq, String hash) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if the hash is null
   * @throws IllegalArgumentException if the seq is below 1 or the hash is not 64 lowercase hex digits
   */
  public AuditHead {
    Objects.requireNonNull(hash, "hash");
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be 1 or more (rejected: " + seq + ")");
    }
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("hash must be 64 lowercase hex digits (rejected: "
          + hash.length() + " characters)");
    }
  }

  /**
   * Returns the head a record makes.
   *
   * @param r the record
   * @return its seq and hash
   */
  public static AuditHead of(AuditRecord r) {
    return new AuditHead(r.seq(), r.hash());
  }
}
