package io.github.eventretry.state.audit;

import java.util.Objects;

/**
 * One fault found by {@link io.github.eventretry.state.spi.AuditLog#verify()}. Immutable and
 * thread-safe.
 *
 * @param seq the sequence number of the record at fault; for an unparsable line or a torn tail, the
 *     sequence number the line should have had
 * @param line the 1-based line number in the log, or 0 for a fault of the anchored head as a whole
 * @param kind what is wrong
 * @param detail a sentence for a person
 */
public record AuditFault(long seq, long line, Kind kind, String detail) {

  /** What is wrong with a record. */
  public enum Kind {
    /** {@code prev_hash} is not the hash of the record before it. */
    BROKEN_LINK,
    /** {@code hash} is not the hash of the record's content. */
    HASH_MISMATCH,
    /** {@code seq} does not follow the record before it (a record is missing or out of order). */
    GAP,
    /** A complete line that is not a valid record. */
    UNPARSABLE_LINE,
    /** The last line is incomplete (no newline): a crash during an append. */
    TORN_TAIL,
    /** The log does not end at the head anchored by the HMAC side file (truncated or rewritten). */
    HEAD_MISMATCH,
    /**
     * The log holds less than the deployment state recorded: it is empty beside a state with versions,
     * it ends before the head a state save followed, or it holds another record at that seq (found with
     * no key). Also reported for a record that notes such a gap found earlier.
     */
    TRUNCATED,
    /**
     * The deployment state's last change has no record: its append failed after the state was saved,
     * or the log lost exactly its last record. Resuming writes the record from the state.
     */
    UNRECORDED_CHANGE
  }

  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   */
  public AuditFault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
