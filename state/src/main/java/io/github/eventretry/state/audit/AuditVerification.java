package io.github.eventretry.state.audit;

import java.util.List;

/**
 * The result of verifying a whole audit log. Immutable and thread-safe.
 *
 * @param recordsChecked the lines examined (records, unparsable lines and a torn tail)
 * @param recordsValid the records with no fault of their own
 * @param faults every fault, in the order found, copied
 * @param anchored whether an HMAC-signed head was checked
 */
public record AuditVerification(
    long recordsChecked, long recordsValid, List<AuditFault> faults, boolean anchored) {
  /**
   * Copies the faults.
   *
   * @throws NullPointerException if the list or a fault is null
   */
  public AuditVerification {
    faults = List.copyOf(faults);
  }

  /**
   * Returns whether no fault was found.
   *
   * @return true if the log is intact
   */
  public boolean intact() {
    return faults.isEmpty();
  }

  /**
   * Returns the faults of one kind.
   *
   * @param kind the kind
   * @return those faults, in order
   */
  public List<AuditFault> faults(AuditFault.Kind kind) {
    return faults.stream().filter(f -> f.kind() == kind).toList();
  }
}
