package io.github.eventretry.state.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * What a state save expects of the audit log: the head the log had when the state was saved, and the
 * record of the change that save made. It is stored with the state, so that a log shorter than the
 * state recorded is found out, and so that a change whose append failed can still be recorded later,
 * exactly as it would have been. Immutable and thread-safe.
 *
 * @param headBefore the log's head when the state was saved, or empty if the log was empty then
 * @param entry the record of the change, carrying {@code integration_id} and {@code state_serial}
 */
public record AuditCheckpoint(Optional<AuditHead> headBefore, AuditEntry entry) {
  /** The detail every record of a state change carries: the integration. */
  public static final String INTEGRATION_ID = "integration_id";
  /** The detail every record of a state change carries: the state's serial after the change. */
  public static final String STATE_SERIAL = "state_serial";

  /**
   * Checks the values.
   *
   * @throws NullPointerException if any is null
   * @throws IllegalArgumentException if the entry lacks {@code integration_id} or {@code state_serial}
   */
  public AuditCheckpoint {
    Objects.requireNonNull(headBefore, "headBefore");
    Objects.requireNonNull(entry, "entry");
    if (!entry.details().containsKey(INTEGRATION_ID) || !entry.details().containsKey(STATE_SERIAL)) {
      throw new IllegalArgumentException("the entry of a checkpoint must carry the details "
          + INTEGRATION_ID + " and " + STATE_SERIAL);
    }
  }
}
