package io.github.eventretry.state.spi;

import io.github.eventretry.state.AuditEntry;
import io.github.eventretry.state.AuditLogException;
import io.github.eventretry.state.AuditRecord;
import io.github.eventretry.state.AuditVerification;
import java.util.List;
import java.util.Optional;

/**
 * An append-only, hash-chained audit log. Implementations must be thread-safe: concurrent appends get
 * distinct, consecutive sequence numbers.
 */
public interface AuditLog {
  /**
   * Appends a record; when this returns, the record is durable (as far as the implementation promises).
   *
   * @param entry what to record
   * @return the record as stored, with its seq and hashes
   * @throws AuditLogException if it cannot be appended
   */
  AuditRecord append(AuditEntry entry);

  /**
   * Returns the last record.
   *
   * @return the last readable record, or empty if the log is empty
   * @throws AuditLogException if the log cannot be read
   */
  Optional<AuditRecord> head();

  /**
   * Returns every readable record, oldest first. Reads the whole log into memory: for a very large log
   * prefer {@link #verify()} to check it.
   *
   * @return the records; unreadable lines are left out (verify reports them)
   * @throws AuditLogException if the log cannot be read
   */
  List<AuditRecord> records();

  /**
   * Walks the whole log and checks every record: sequence, link, hash, and (when the log is anchored
   * with an HMAC key) the head. Keeps going after a fault.
   *
   * @return the totals and every fault
   * @throws AuditLogException if the log cannot be read at all
   */
  AuditVerification verify();

  /**
   * Returns the compliance standard this log writes into its records.
   *
   * @return such as {@code SOC2_TYPEII}
   */
  String complianceStandard();
}
