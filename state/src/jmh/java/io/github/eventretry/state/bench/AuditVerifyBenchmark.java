package io.github.eventretry.state.bench;

import io.github.eventretry.core.PolicyFingerprint;
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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link FileAuditLog#verify()} over a log of {@code records} records beside the JDK's bare SHA-256 of
 * the same file, side by side: one JMH group, one thread verifying and one thread hashing the file at
 * the same time, so that both meet the same load at every instant (on a shared machine, two benchmarks
 * run one after the other measure the neighbours as much as the code). Both read the file through a
 * {@link FileChannel} into the heap, 1 MiB at a time. Score: milliseconds for one pass over the whole
 * file; {@link StateBenchmarks} prints the ratio of the two throughputs.
 *
 * <p>The log is written at the start of the trial into {@code folder} (relative to the module, so
 * {@code state/target/audit-benchmark/} from Maven) and left there, so that {@code eventretry audit
 * verify --state state/target/audit-benchmark} can be timed beside {@code sha256sum
 * state/target/audit-benchmark/audit.jsonl}. Its records are what a rollout writes (four details,
 * a version and a fingerprint: about 549 bytes each); the file is the same bytes on every run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 8)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class AuditVerifyBenchmark {
  /** The folder of the log, relative to the working directory (the module's, under Maven). */
  @Param("target/audit-benchmark")
  public String folder;

  /** The number of records. */
  @Param("1000000")
  public int records;

  private FileAuditLog log;
  private Path file;

  @Setup(Level.Trial)
  public void write() throws IOException {
    Path dir = Path.of(folder);
    Files.createDirectories(dir);
    file = dir.resolve(FileAuditLog.DEFAULT_FILE_NAME);
    Files.deleteIfExists(dir.resolve(FileAuditLog.DEFAULT_FILE_NAME + ".head"));
    generate(file, records);
    log = FileAuditLog.open(dir);
  }

  @TearDown(Level.Trial)
  public void close() {
    log.close();
  }

  /** Verifies the whole log; fails the run unless every record is valid. */
  @Benchmark
  @Group("sideBySide")
  @GroupThreads(1)
  public long verify() {
    AuditVerification v = log.verify();
    if (!v.intact() || v.recordsValid() != records) {
      throw new IllegalStateException("the benchmark log does not verify: " + v.faults().size()
          + " fault(s), " + v.recordsValid() + " valid of " + records);
    }
    return v.recordsValid();
  }

  /** SHA-256 of the whole file, nothing else. */
  @Benchmark
  @Group("sideBySide")
  @GroupThreads(1)
  public byte[] sha256() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 20);
      while (ch.read(buf) >= 0) {
        buf.flip();
        md.update(buf);
        buf.clear();
      }
    }
    return md.digest();
  }

  /** A record as a rollout writes it. */
  static AuditEntry entry(int i) {
    return AuditEntry.of("stage_applied", "deployer@example.com")
        .withVersion("v" + (1 + i % 500), PolicyFingerprint.parse("sha256:" + "0123456789abcdef".repeat(4)))
        .withDetail("integration_id", "3f1c2a9e-0b7d-4c55-9a1e-2d6f8b7c1a00")
        .withDetail("stage", Integer.toString(1 + i % 3))
        .withDetail("traffic_split", (10 + i % 90) + "%")
        .withDetail("configuration_version", Integer.toString(1000 + i));
  }

  /**
   * Writes {@code n} chained records as the log writes them (without a force per line, which would take
   * hours), with timestamps a millisecond apart from a fixed instant: the same bytes on every run.
   */
  static void generate(Path file, int n) throws IOException {
    String prev = AuditRecord.GENESIS_HASH;
    Instant t = Instant.parse("2026-11-29T10:00:00Z");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (int i = 1; i <= n; i++) {
        AuditCodec.Sealed s = AuditCodec.seal(i, t.plusMillis(i), entry(i), "SOC2_TYPEII", prev);
        out.write(s.line());
        prev = s.record().hash();
      }
    }
  }
}
