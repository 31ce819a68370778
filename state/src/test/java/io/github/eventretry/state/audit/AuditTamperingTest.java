package io.github.eventretry.state.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.PolicyFingerprint;
import io.github.eventretry.state.Fixtures;
import io.github.eventretry.state.audit.AuditFault.Kind;
import io.github.eventretry.state.Fixtures.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of tampering is found with the right kind and seq, with and without the HMAC anchor. */
class AuditTamperingTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  final ManualClock clock = new ManualClock();

  FileAuditLog open(boolean anchored) {
    FileAuditLog.Builder b = FileAuditLog.builder(dir).clock(clock);
    return (anchored ? b.hmacKey(KEY) : b).open();
  }

  Path write(boolean anchored, int n) {
    try (FileAuditLog log = open(anchored)) {
      for (int i = 1; i <= n; i++) {
        clock.advance(Duration.ofSeconds(1));
        log.append(AuditEntry.of("stage_applied", "alice")
            .withVersion("v" + i, Fixtures.policy(1 + i % 10).fingerprint())
            .withDetail("stage", Integer.toString(i)));
      }
      assertThat(log.verify().intact()).isTrue();
      return log.file();
    }
  }

  AuditVerification verify(boolean anchored) {
    try (FileAuditLog log = open(anchored)) {
      return log.verify();
    }
  }

  static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void changingOneByteOfAValueIsAHashMismatchAtThatSeq(boolean anchored) throws IOException {
    Path file = write(anchored, 10);
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int line7 = nthLineStart(text, 7);
    int at = text.indexOf("\"alice\"", line7) + 1; // the actor of seq 7
    bytes[at] = 'A';
    Files.write(file, bytes);

    AuditVerification v = verify(anchored);

    assertThat(v.faults()).extracting(AuditFault::kind, AuditFault::seq)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.HASH_MISMATCH, 7L));
    assertThat(v.recordsChecked()).isEqualTo(10);
    assertThat(v.recordsValid()).isEqualTo(9);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void changingOneByteOfAStoredHashIsAMismatchThereAndABrokenLinkNext(boolean anchored) throws IOException {
    Path file = write(anchored, 10);
    List<String> l = lines(file);
    String line = l.get(3);
    int h = line.indexOf("\"hash\":\"") + 8;
    char c = line.charAt(h);
    l.set(3, line.substring(0, h) + (c == '0' ? '1' : '0') + line.substring(h + 1));
    writeLines(file, l);

    AuditVerification v = verify(anchored);

    assertThat(v.faults()).extracting(AuditFault::kind, AuditFault::seq).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Kind.HASH_MISMATCH, 4L),
        org.assertj.core.groups.Tuple.tuple(Kind.BROKEN_LINK, 5L));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void deletingALineIsAGapAndABrokenLinkAtTheNextSeq(boolean anchored) throws IOException {
    Path file = write(anchored, 10);
    List<String> l = lines(file);
    l.remove(4); // seq 5
    writeLines(file, l);

    AuditVerification v = verify(anchored);

    assertThat(v.faults()).extracting(AuditFault::kind, AuditFault::seq).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Kind.GAP, 6L),
        org.assertj.core.groups.Tuple.tuple(Kind.BROKEN_LINK, 6L));
    assertThat(v.faults().get(0).detail()).contains("expected 5");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void swappingTwoLinesIsFoundAtBothSeqsAndWhereTheOrderResumes(boolean anchored) throws IOException {
    Path file = write(anchored, 10);
    List<String> l = lines(file);
    String five = l.get(4);
    l.set(4, l.get(5));
    l.set(5, five);
    writeLines(file, l);

    AuditVerification v = verify(anchored);

    assertThat(v.faults().get(0)).extracting(AuditFault::kind, AuditFault::seq)
        .containsExactly(Kind.GAP, 6L);
    assertThat(v.faults()).extracting(AuditFault::seq).containsOnly(5L, 6L, 7L);
    assertThat(v.faults(Kind.BROKEN_LINK)).extracting(AuditFault::seq).containsExactly(6L, 5L, 7L);
    assertThat(v.faults(Kind.HASH_MISMATCH)).isEmpty();
    assertThat(v.recordsValid()).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void truncatingInsideTheLastLineIsATornTail(boolean anchored) throws IOException {
    Path file = write(anchored, 10);
    long size = Files.size(file);
    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size - 40);
    }

    AuditVerification v = verify(anchored);

    assertThat(v.faults().get(0)).extracting(AuditFault::kind, AuditFault::seq, AuditFault::line)
        .containsExactly(Kind.TORN_TAIL, 10L, 10L);
    if (anchored) {
      assertThat(v.faults()).extracting(AuditFault::kind, AuditFault::seq)
          .contains(org.assertj.core.groups.Tuple.tuple(Kind.HEAD_MISMATCH, 10L));
    } else {
      assertThat(v.faults()).hasSize(1);
    }
  }

  @Test
  void truncatingAtALineBoundaryIsOnlyDetectedWithTheAnchor() throws IOException {
    Path plain = write(false, 10);
    List<String> l = lines(plain);
    writeLines(plain, l.subList(0, 7));
    // Without the key, a log cut at a line boundary is a valid shorter log: that is what the anchor is for.
    assertThat(verify(false).intact()).isTrue();

    Files.delete(plain);
    Path anchored = write(true, 10);
    writeLines(anchored, lines(anchored).subList(0, 7));

    AuditVerification v = verify(true);

    assertThat(v.faults()).extracting(AuditFault::kind, AuditFault::seq)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.HEAD_MISMATCH, 10L));
    assertThat(v.faults().get(0).detail()).contains("truncated");
  }

  @Test
  void rewritingTheTailWithAFreshChainIsOnlyDetectedWithTheAnchor() throws IOException {
    for (boolean anchored : new boolean[] {false, true}) {
      Path file = write(anchored, 10);
      List<String> l = lines(file);
      writeLines(file, l.subList(0, 6));
      // An attacker without the key re-appends seq 7.. with a valid chain and different content.
      try (FileAuditLog forger = FileAuditLog.builder(dir).clock(clock).open()) {
        for (int i = 7; i <= 10; i++) {
          forger.append(AuditEntry.of("stage_applied", "mallory"));
        }
      }

      AuditVerification v = verify(anchored);

      if (anchored) {
        assertThat(v.faults()).extracting(AuditFault::kind, AuditFault::seq)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.HEAD_MISMATCH, 10L));
        assertThat(v.faults().get(0).detail()).contains("rewritten");
      } else {
        assertThat(v.intact()).isTrue();
      }
      Files.delete(file);
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".head"));
    }
  }

  @Test
  void aForgedHeadFileIsAHeadMismatch() throws IOException {
    Path file = write(true, 5);
    Path head = file.resolveSibling(file.getFileName() + ".head");
    String h = Files.readString(head);
    Files.writeString(head, h.replace("\"seq\":5", "\"seq\":4"));

    assertThat(verify(true).faults()).extracting(AuditFault::kind, AuditFault::seq)
        .contains(org.assertj.core.groups.Tuple.tuple(Kind.HEAD_MISMATCH, 4L));
    try (FileAuditLog wrongKey = FileAuditLog.builder(dir).hmacKey(new byte[32]).open()) {
      assertThat(wrongKey.verify().faults(Kind.HEAD_MISMATCH)).isNotEmpty();
    }
  }

  @Test
  void anUnparsableLineIsReportedOnceWithoutCascading() throws IOException {
    Path file = write(false, 10);
    List<String> l = lines(file);
    l.set(2, "{\"seq\":3, this is not json");
    writeLines(file, l);

    AuditVerification v = verify(false);

    assertThat(v.faults()).extracting(AuditFault::kind, AuditFault::seq, AuditFault::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.UNPARSABLE_LINE, 3L, 3L));
    assertThat(v.recordsValid()).isEqualTo(9);
  }

  @Test
  void aTornTailBlocksAppendsUntilAnExplicitRepair() throws IOException {
    Path file = write(false, 3);
    Files.write(file, "{\"seq\":4,\"tim".getBytes(StandardCharsets.UTF_8),
        java.nio.file.StandardOpenOption.APPEND);
    try (FileAuditLog log = open(false)) {
      assertThat(log.verify().faults()).extracting(AuditFault::kind).containsExactly(Kind.TORN_TAIL);
      assertThatThrownBy(() -> log.append(AuditEntry.of("x", "alice")))
          .isInstanceOf(AuditLogException.class).hasMessageContaining("ends in a torn line (13 bytes");

      assertThat(log.repairTornTail()).isEqualTo(13);
      assertThat(log.repairTornTail()).isZero();
      assertThat(log.append(AuditEntry.of("x", "alice")).seq()).isEqualTo(4);
      assertThat(log.verify().intact()).isTrue();
    }
  }

  @Test
  void theHashIsSha256OfTheCanonicalRecordWithoutHash() throws Exception {
    try (FileAuditLog log = FileAuditLog.builder(dir).clock(clock).complianceStandard("ISO27001").open()) {
      AuditRecord r = log.append(new AuditEntry("deploy_started", Optional.of("v1"),
          Optional.of(PolicyFingerprint.of(Fixtures.policy(5))), "alice", java.util.Map.of("b", "2", "a", "1")));
      String line = Files.readString(log.file()).trim();
      String withoutHash = line.replace(",\"hash\":\"" + r.hash() + "\"", "");
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      String expected = java.util.HexFormat.of().formatHex(md.digest(withoutHash.getBytes(StandardCharsets.UTF_8)));
      assertThat(r.hash()).isEqualTo(expected);
      assertThat(line).startsWith("{\"action\":\"deploy_started\",\"actor\":\"alice\","
          + "\"compliance_standard\":\"ISO27001\",\"details\":{\"a\":\"1\",\"b\":\"2\"},\"hash\":");
      assertThat(r.prevHash()).isEqualTo(AuditRecord.GENESIS_HASH);
      assertThat(log.records()).containsExactly(r);
    }
  }

  @Test
  void groupCommitGivesConsecutiveSeqsToConcurrentAppends() throws Exception {
    try (FileAuditLog log = FileAuditLog.builder(dir).groupCommit(true).hmacKey(KEY).open()) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread th = new Thread(() -> {
          for (int i = 0; i < 50; i++) {
            log.append(AuditEntry.of("x", "alice"));
          }
        });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      AuditVerification v = log.verify();
      assertThat(v.intact()).isTrue();
      assertThat(v.recordsValid()).isEqualTo(200);
      assertThat(log.head()).map(AuditRecord::seq).contains(200L);
    }
  }

  @Test
  void twoWritersOnOneFileContinueEachOthersChain() {
    try (FileAuditLog a = open(false); FileAuditLog b = open(false)) {
      for (int i = 0; i < 5; i++) {
        assertThat(a.append(AuditEntry.of("a", "alice")).seq()).isEqualTo(2L * i + 1);
        assertThat(b.append(AuditEntry.of("b", "bob")).seq()).isEqualTo(2L * i + 2);
      }
      AuditVerification v = a.verify();
      assertThat(v.intact()).isTrue();
      assertThat(v.recordsValid()).isEqualTo(10);
    }
  }

  @Test
  void theInMemoryLogChainsAndVerifiesTheSame() {
    InMemoryAuditLog log = new InMemoryAuditLog(clock);
    log.append(AuditEntry.of("a", "alice"));
    AuditRecord second = log.append(AuditEntry.of("b", "alice"));
    assertThat(second.prevHash()).isEqualTo(log.records().get(0).hash());
    assertThat(log.verify().recordsValid()).isEqualTo(2);
    assertThat(log.complianceStandard()).isEqualTo("SOC2_TYPEII");
    assertThat(new String(log.toJsonLines(), StandardCharsets.UTF_8).lines()).hasSize(2);
  }

  @Test
  void aLogAndStateWrittenByVersion01StillVerifyAndACutIsFoundAgainstTheState() throws IOException {
    io.github.eventretry.state.LegacyFiles.copyInto(dir);
    io.github.eventretry.state.DeploymentState legacy = io.github.eventretry.state.FileStateStore.open(dir)
        .load(io.github.eventretry.state.LegacyFiles.INTEGRATION).orElseThrow();
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      assertThat(log.verify(List.of(legacy.auditExpectation())).intact()).isTrue();
      assertThat(log.records()).hasSize(20);
    }
    // A 0.1 state records no audit head: only an emptied log can be told from a shorter one.
    Files.writeString(dir.resolve(FileAuditLog.DEFAULT_FILE_NAME), "");
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      assertThat(log.verify(List.of(legacy.auditExpectation())).faults()).extracting(AuditFault::kind)
          .containsExactly(Kind.TRUNCATED);
    }
  }

  private static int nthLineStart(String text, int n) {
    int p = 0;
    for (int i = 1; i < n; i++) {
      p = text.indexOf('\n', p) + 1;
    }
    return p;
  }
}
