package io.github.eventretry.state.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.state.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several {@link FileAuditLog} instances on one file, as several deployers sharing a state folder. */
class FileAuditLogSharingTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  static AuditEntry entry(int i) {
    return AuditEntry.of("stage_applied", "alice").withVersion("v1", Fixtures.policy(5).fingerprint())
        .withDetail("n", Integer.toString(i));
  }

  /** Runs {@code perThread} appends on each of the logs, two threads per log; returns what they threw. */
  static List<Throwable> appendConcurrently(List<FileAuditLog> logs, int perThread) throws Exception {
    ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
    List<Thread> ts = new ArrayList<>();
    for (FileAuditLog log : logs) {
      for (int t = 0; t < 2; t++) {
        Thread th = new Thread(() -> {
          try {
            for (int i = 0; i < perThread; i++) {
              log.append(entry(i));
            }
          } catch (Throwable e) {
            thrown.add(e);
          }
        });
        ts.add(th);
        th.start();
      }
    }
    for (Thread th : ts) {
      th.join();
    }
    return new ArrayList<>(thrown);
  }

  @Test
  void twoGroupCommitInstancesNeverMoveTheSignedHeadBackwards() throws Exception {
    try (FileAuditLog a = FileAuditLog.builder(dir).hmacKey(KEY).groupCommit(true).open();
        FileAuditLog b = FileAuditLog.builder(dir).hmacKey(KEY).groupCommit(true).open()) {
      for (int round = 0; round < 10; round++) {
        assertThat(appendConcurrently(List.of(a, b), 25)).isEmpty();
        AuditVerification v = a.verify();
        assertThat(v.faults()).as("round " + round).isEmpty();
        assertThat(v.intact()).isTrue();
      }
      assertThat(a.records()).hasSize(10 * 4 * 25);
    }
  }

  @Test
  void theSameFolderSpelledTwoWaysSharesOneMonitor() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("x"));
    try (FileAuditLog a = FileAuditLog.builder(dir).groupCommit(true).open();
        FileAuditLog b = FileAuditLog.builder(dir.resolve(".")).groupCommit(true).open();
        FileAuditLog c = FileAuditLog.builder(dir.resolve("x").resolve("..")).groupCommit(true).open()) {
      assertThat(appendConcurrently(List.of(a, b, c), 100)).isEmpty();
      assertThat(b.file()).isEqualTo(a.file());
      assertThat(c.file()).isEqualTo(a.file());
      assertThat(a.verify().intact()).isTrue();
      assertThat(a.records()).hasSize(3 * 2 * 100);
    }
  }

  @Test
  void verifyDuringAppendsSeesAHeadThatMatchesTheLogItReads() throws Exception {
    try (FileAuditLog log = FileAuditLog.builder(dir).hmacKey(KEY).open();
        FileAuditLog reader = FileAuditLog.builder(dir).hmacKey(KEY).open()) {
      List<Throwable> thrown = new ArrayList<>();
      Thread appender = new Thread(() -> {
        try {
          for (int i = 0; i < 300; i++) {
            log.append(entry(i));
          }
        } catch (Throwable e) {
          thrown.add(e);
        }
      });
      appender.start();
      List<AuditFault> faults = new ArrayList<>();
      int verifications = 0;
      while (appender.isAlive() || verifications == 0) {
        faults.addAll(reader.verify().faults());
        verifications++;
      }
      appender.join();
      assertThat(thrown).isEmpty();
      assertThat(faults).isEmpty();
    }
  }
}
