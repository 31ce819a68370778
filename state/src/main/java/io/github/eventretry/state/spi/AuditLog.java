package io.github.eventretry.state.spi;

import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditLogException;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.AuditVerification;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An append-only, hash-chained audit log. Implementations must be thread-safe: concurrent appends get
 * distinct, consecutive sequence numbers. The contract tests in this module's test sources
 * ({@code io.github.eventretry.state.contract.AuditLogContract}) check an implementation.
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
   * @return an immutable list; unreadable lines are left out (verify reports them)
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
  default AuditVerification verify() {
    return verify(List.of());
  }

  /**
   * Checks the log as {@link #verify()} does, and also that it holds what the deployment states say it
   * must (see {@link AuditExpectation}): a log shorter, emptier or different than a state recorded is a
   * {@code TRUNCATED} fault, a state change without its record an {@code UNRECORDED_CHANGE}.
   *
   * @param expectations one per integration whose state shares this log
   * @return the totals and every fault
   * @throws AuditLogException if the log cannot be read at all
   */
  AuditVerification verify(Collection<AuditExpectation> expectations);

  /**
   * Returns the compliance standard this log writes into its records.
   *
   * @return such as {@code SOC2_TYPEII}
   */
  String complianceStandard();
}
