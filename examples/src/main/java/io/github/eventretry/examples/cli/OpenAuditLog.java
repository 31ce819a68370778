package io.github.eventretry.examples.cli;

import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.spi.AuditLog;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The audit log a command opened from {@code --state}: a folder's {@link FileAuditLog} or a database's
 * log, closed with the command. Thread-safe as the log it holds.
 */
final class OpenAuditLog implements AuditLog, AutoCloseable {
  private final AuditLog log;
  private final String shown;

  OpenAuditLog(AuditLog log, String shown) {
    this.log = log;
    this.shown = shown;
  }

  /** Where the log is, as messages show it: the file, or the database's audit table. */
  String shown() {
    return shown;
  }

  /** Removes a file log's torn last line; a database log has none (its appends are transactions). */
  long repairTornTail() {
    return log instanceof FileAuditLog f ? f.repairTornTail() : 0;
  }

  /** Whether a key signs the log's head (a file log with EVENTRETRY_AUDIT_KEY). */
  boolean signable() {
    return log instanceof FileAuditLog;
  }

  @Override
  public AuditRecord append(AuditEntry entry) {
    return log.append(entry);
  }

  @Override
  public Optional<AuditRecord> head() {
    return log.head();
  }

  @Override
  public List<AuditRecord> records() {
    return log.records();
  }

  @Override
  public AuditVerification verify(Collection<AuditExpectation> expectations) {
    return log.verify(expectations);
  }

  @Override
  public String complianceStandard() {
    return log.complianceStandard();
  }

  @Override
  public void close() {
    if (log instanceof FileAuditLog f) {
      f.close();
    }
  }
}
