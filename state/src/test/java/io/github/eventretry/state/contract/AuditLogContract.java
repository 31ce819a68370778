package io.github.eventretry.state.contract;

import static io.github.eventretry.state.Fixtures.INTEGRATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.state.audit.AuditCheckpoint;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditHead;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.spi.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do. A new implementation extends this class, returns a fresh, empty
 * log from {@link #newLog()} and removes records from its end in {@link #dropLast(int)} (as a person
 * cutting its tail would); the file and in-memory logs run it.
 */
public abstract class AuditLogContract {
  protected AuditLog log;

  /** Returns a new, empty log. Called before each test. */
  protected abstract AuditLog newLog() throws Exception;

  /** Removes the last {@code n} records of {@link #log}, leaving a valid shorter chain. */
  protected abstract void dropLast(int n) throws Exception;

  @BeforeEach
  void open() throws Exception {
    log = newLog();
  }

  /** Appends the record of a state change, as the rollout journal does, and returns its checkpoint. */
  protected AuditCheckpoint change(long serial) {
    Optional<AuditHead> before = log.head().map(AuditHead::of);
    AuditEntry e = AuditEntry.of("stage_applied", "alice").withDetail(AuditCheckpoint.INTEGRATION_ID,
        INTEGRATION).withDetail(AuditCheckpoint.STATE_SERIAL, Long.toString(serial));
    log.append(e);
    return new AuditCheckpoint(before, e);
  }

  @Test
  void appendsConsecutiveChainedRecordsAndTheHeadIsTheLast() {
    assertThat(log.head()).isEmpty();
    AuditRecord a = log.append(AuditEntry.of("deploy_started", "alice"));
    AuditRecord b = log.append(AuditEntry.of("stage_applied", "alice").withDetail("stage", "1"));

    assertThat(a.seq()).isEqualTo(1);
    assertThat(a.prevHash()).isEqualTo(AuditRecord.GENESIS_HASH);
    assertThat(b.seq()).isEqualTo(2);
    assertThat(b.prevHash()).isEqualTo(a.hash());
    assertThat(log.head()).contains(b);
    assertThat(log.records()).containsExactly(a, b);
    assertThat(log.verify().intact()).isTrue();
    assertThat(log.complianceStandard()).isNotBlank();
  }

  @Test
  void recordsAreAnImmutableCopy() {
    log.append(AuditEntry.of("x", "alice"));
    List<AuditRecord> records = log.records();
    assertThatThrownBy(() -> records.add(records.get(0))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> records.get(0).details().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aLogHoldingWhatTheStateExpectsIsIntact() {
    change(1);
    AuditCheckpoint last = change(2);

    assertThat(log.verify(List.of(new AuditExpectation(INTEGRATION, 2, 2, Optional.of(last)))).intact())
        .isTrue();
  }

  @Test
  void anEmptyLogBesideAStateWithVersionsIsTruncated() {
    assertThat(log.verify(List.of(new AuditExpectation(INTEGRATION, 7, 3, Optional.empty()))).faults())
        .singleElement().satisfies(f -> {
          assertThat(f.kind()).isEqualTo(AuditFault.Kind.TRUNCATED);
          assertThat(f.detail()).contains("holds no record").contains("3 version(s)");
        });
    assertThat(log.verify(List.of(new AuditExpectation(INTEGRATION, 0, 0, Optional.empty()))).intact())
        .isTrue();
  }

  @Test
  void aLogShorterThanTheStateRecordedIsTruncated() throws Exception {
    for (int i = 1; i <= 5; i++) {
      change(i);
    }
    AuditCheckpoint last = change(6);
    dropLast(3);

    List<AuditFault> faults =
        log.verify(List.of(new AuditExpectation(INTEGRATION, 6, 2, Optional.of(last)))).faults();

    assertThat(faults).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(AuditFault.Kind.TRUNCATED);
      assertThat(f.detail()).contains("ends at seq 3").contains("saved after seq 5");
    });
  }

  @Test
  void anotherRecordWhereTheStateExpectsOneIsTruncated() throws Exception {
    change(1);
    AuditCheckpoint last = change(2);
    dropLast(2);
    log.append(AuditEntry.of("rewritten", "mallory"));
    log.append(AuditEntry.of("rewritten", "mallory"));

    assertThat(log.verify(List.of(new AuditExpectation(INTEGRATION, 2, 2, Optional.of(last)))).faults())
        .extracting(AuditFault::kind).containsExactly(AuditFault.Kind.TRUNCATED);
  }

  @Test
  void aChangeWithoutItsRecordIsUnrecorded() {
    change(1);
    Optional<AuditHead> before = log.head().map(AuditHead::of);
    AuditEntry notAppended = AuditEntry.of("deploy_completed", "alice")
        .withDetail(AuditCheckpoint.INTEGRATION_ID, INTEGRATION).withDetail(AuditCheckpoint.STATE_SERIAL, "2");

    List<AuditFault> faults = log.verify(List.of(new AuditExpectation(INTEGRATION, 2, 2,
        Optional.of(new AuditCheckpoint(before, notAppended))))).faults();

    assertThat(faults).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(AuditFault.Kind.UNRECORDED_CHANGE);
      assertThat(f.detail()).contains("deploy_completed").contains("serial 2");
    });
  }

  @Test
  void concurrentAppendsGetDistinctConsecutiveSeqs() throws Exception {
    Set<Long> seqs = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        for (int i = 0; i < 25; i++) {
          seqs.add(log.append(AuditEntry.of("x", "alice")).seq());
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertThat(seqs).hasSize(100).allMatch(s -> s >= 1 && s <= 100);
    assertThat(log.verify().intact()).isTrue();
  }
}
