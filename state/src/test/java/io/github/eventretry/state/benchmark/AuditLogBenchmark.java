package io.github.eventretry.state.benchmark;

import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.internal.AuditCodec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Audit-log benchmark (run by {@code mvn -B -Dquick -Pbenchmark -pl state -am verify}): verify() over a
 * one-million-record log in MB/s beside the JDK's bare SHA-256 over the same bytes, append latency with a
 * force per append, and records per second with group commit. Wall-clock measurement is the point here,
 * so this main uses System.nanoTime; no library code does.
 */
public final class AuditLogBenchmark {
  private AuditLogBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "target/benchmark");
    int records = Integer.getInteger("records", 1_000_000);
    int appends = Integer.getInteger("appends", 2_000);
    int threads = Integer.getInteger("threads", 8);
    Files.createDirectories(root);
    clean(root);

    Path big = root.resolve("verify");
    Files.createDirectories(big);
    long bytes = generate(big.resolve(FileAuditLog.DEFAULT_FILE_NAME), records);
    double mb = bytes / 1e6;
    System.out.printf(Locale.ROOT, "log: %,d records, %,d bytes (%.1f MB), %.0f bytes/record%n",
        records, bytes, mb, (double) bytes / records);

    try (FileAuditLog log = FileAuditLog.open(big)) {
      for (int round = 1; round <= 3; round++) {
        long t0 = System.nanoTime();
        AuditVerification v = log.verify();
        double verifyS = (System.nanoTime() - t0) / 1e9;
        if (!v.intact() || v.recordsValid() != records) {
          throw new IllegalStateException("benchmark log does not verify: " + v.faults().size() + " faults");
        }
        long t1 = System.nanoTime();
        String digest = bareSha256(big.resolve(FileAuditLog.DEFAULT_FILE_NAME));
        double shaS = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT,
            "round %d: verify() %.2f s = %.1f MB/s (%,.0f records/s); bare SHA-256 %.2f s = %.1f MB/s;"
                + " verify/SHA-256 throughput ratio %.3f (sha %s...)%n",
            round, verifyS, mb / verifyS, records / verifyS, shaS, mb / shaS, shaS / verifyS,
            digest.substring(0, 8));
      }
    }

    breakdown(big.resolve(FileAuditLog.DEFAULT_FILE_NAME), mb);

    Path forced = root.resolve("forced");
    long[] lat = new long[appends];
    try (FileAuditLog log = FileAuditLog.open(forced)) {
      for (int i = 0; i < 200; i++) {
        log.append(entry(i));
      }
      for (int i = 0; i < appends; i++) {
        long t = System.nanoTime();
        log.append(entry(i));
        lat[i] = System.nanoTime() - t;
      }
    }
    Arrays.sort(lat);
    System.out.printf(Locale.ROOT, "append, force per append (1 thread, %d appends): p50 %.3f ms, p99 %.3f ms,"
            + " max %.3f ms%n", appends, lat[appends / 2] / 1e6, lat[(int) (appends * 0.99)] / 1e6,
        lat[appends - 1] / 1e6);

    for (boolean group : new boolean[] {false, true}) {
      Path dir = root.resolve(group ? "group" : "per-append");
      try (FileAuditLog log = FileAuditLog.builder(dir).groupCommit(group).open()) {
        int per = appends / threads * 2;
        List<Thread> ts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
          Thread th = new Thread(() -> {
            for (int i = 0; i < per; i++) {
              log.append(entry(i));
            }
          });
          ts.add(th);
          th.start();
        }
        for (Thread th : ts) {
          th.join();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long n = (long) per * threads;
        System.out.printf(Locale.ROOT, "%s, %d threads: %,d durable appends in %.2f s = %,.0f records/s%n",
            group ? "group commit" : "force per append", threads, n, s, n / s);
      }
    }
    clean(root);
  }

  /** Where verify's time goes: Jackson parse alone, then parse + RFC 8785 canonicalization + SHA-256. */
  static void breakdown(Path file, double mb) throws Exception {
    byte[] all;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 128L << 20));
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // fill
      }
      all = b.array();
    }
    int end = all.length;
    while (end > 0 && all[end - 1] != '\n') {
      end--;
    }
    all = Arrays.copyOf(all, end);
    mb = all.length / 1e6;
    long t0 = System.nanoTime();
    long parsed = 0;
    for (int start = 0, i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        parsed += io.github.eventretry.state.internal.Json.MAPPER.readTree(all, start, i - start).size();
        start = i + 1;
      }
    }
    double parseS = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    long canon = 0;
    for (int start = 0, i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode)
            io.github.eventretry.state.internal.Json.MAPPER.readTree(all, start, i - start);
        node.remove("hash");
        canon += io.github.eventretry.core.json.CanonicalJson.sha256Hex(node).length();
        start = i + 1;
      }
    }
    double canonS = (System.nanoTime() - t1) / 1e9;
    System.out.printf(Locale.ROOT, "breakdown (first %.0f MB, in memory): Jackson parse only %.1f MB/s; parse + canonical JSON"
        + " + SHA-256 %.1f MB/s (%d/%d)%n", mb, mb / parseS, mb / canonS, parsed, canon);
  }

  static AuditEntry entry(int i) {
    return AuditEntry.of("stage_applied", "deployer@example.com")
        .withVersion("v" + (1 + i % 500), io.github.eventretry.core.PolicyFingerprint.parse(
            "sha256:" + "0123456789abcdef".repeat(4)))
        .withDetail("integration_id", "3f1c2a9e-0b7d-4c55-9a1e-2d6f8b7c1a00")
        .withDetail("stage", Integer.toString(1 + i % 3))
        .withDetail("traffic_split", (10 + i % 90) + "%")
        .withDetail("configuration_version", Integer.toString(1000 + i));
  }

  static long generate(Path file, int n) throws IOException {
    String prev = AuditRecord.GENESIS_HASH;
    Instant t = Instant.parse("2026-11-29T10:00:00Z");
    long size = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (int i = 1; i <= n; i++) {
        AuditCodec.Sealed s = AuditCodec.seal(i, t.plusMillis(i), entry(i), "SOC2_TYPEII", prev);
        out.write(s.line());
        size += s.line().length;
        prev = s.record().hash();
      }
    }
    return size;
  }

  static String bareSha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 20);
      while (ch.read(buf) >= 0) {
        buf.flip();
        md.update(buf);
        buf.clear();
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static void clean(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(root)) {
          Files.delete(p);
        }
      }
    }
  }

}
