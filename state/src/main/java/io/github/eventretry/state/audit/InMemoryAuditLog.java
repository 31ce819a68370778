package io.github.eventretry.state.audit;

import io.github.eventretry.state.internal.AuditCodec;
import io.github.eventretry.state.internal.ChainVerifier;
import io.github.eventretry.state.spi.AuditLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An audit log in memory, for tests and embedding: the same records, chain and verification as
 * {@link FileAuditLog}, without durability or an HMAC anchor. Thread-safe.
 */
public final class InMemoryAuditLog implements AuditLog {
  private final Clock clock;
  private final String standard;
  private final List<byte[]> lines = new ArrayList<>();
  private final List<AuditRecord> records = new ArrayList<>();

  /**
   * Creates an empty log.
   *
   * @param clock stamps records
   * @param complianceStandard written into records, such as {@code SOC2_TYPEII}
   * @throws IllegalArgumentException if the standard is blank
   */
  public InMemoryAuditLog(Clock clock, String complianceStandard) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.standard = Objects.requireNonNull(complianceStandard, "complianceStandard");
    if (complianceStandard.isBlank()) {
      throw new IllegalArgumentException("complianceStandard must not be blank");
    }
  }

  /**
   * Creates an empty log with the default standard, {@code SOC2_TYPEII}.
   *
   * @param clock stamps records
   */
  public InMemoryAuditLog(Clock clock) {
    this(clock, FileAuditLog.DEFAULT_COMPLIANCE_STANDARD);
  }

  @Override
  public synchronized AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    AuditRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
    AuditCodec.Sealed s = AuditCodec.seal(last == null ? 1 : last.seq() + 1, clock.instant(), entry,
        standard, last == null ? AuditRecord.GENESIS_HASH : last.hash());
    lines.add(s.line());
    records.add(s.record());
    return s.record();
  }

  @Override
  public synchronized Optional<AuditRecord> head() {
    return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1));
  }

  @Override
  public synchronized List<AuditRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public synchronized AuditVerification verify(Collection<AuditExpectation> expectations) {
    ChainVerifier v = new ChainVerifier(-1, expectations);
    for (byte[] line : lines) {
      v.line(line, 0, line.length - 1, true);
    }
    v.checkExpectations();
    return v.result(false);
  }

  /**
   * Removes the last {@code n} records, as a person cutting the tail of a log file would: for tests of
   * what verification finds. The chain of what is left stays valid.
   *
   * @param n how many, 0 up to the number of records
   * @throws IllegalArgumentException if {@code n} is out of range
   */
  public synchronized void dropLast(int n) {
    if (n < 0 || n > records.size()) {
      throw new IllegalArgumentException("n must be 0.." + records.size() + " (rejected: " + n + ")");
    }
    for (int i = 0; i < n; i++) {
      lines.remove(lines.size() - 1);
      records.remove(records.size() - 1);
    }
  }

  /**
   * Returns the lines as a file would hold them (canonical JSON and a newline each), for export.
   *
   * @return the lines joined
   */
  public synchronized byte[] toJsonLines() {
    int n = lines.stream().mapToInt(l -> l.length).sum();
    byte[] out = new byte[n];
    int p = 0;
    for (byte[] l : lines) {
      System.arraycopy(l, 0, out, p, l.length);
      p += l.length;
    }
    return out;
  }

  @Override
  public String complianceStandard() {
    return standard;
  }
}
