package io.github.eventretry.state.bench;

import io.github.eventretry.state.audit.FileAuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends to a {@link FileAuditLog}: each returns only once its line is on disk. {@code latency}
 * is one thread with a force per append (JMH's sample mode prints p50, p99 and the maximum);
 * {@code throughput} is 8 threads appending to one log, with a force per append or with group commit
 * (appends in flight share a force). Each log is written under {@code target/} and removed afterwards.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class AuditAppendBenchmark {
  private static final AtomicInteger FOLDERS = new AtomicInteger();

  /** A log with a force per append. */
  @State(Scope.Benchmark)
  public static class Forced {
    Path dir;
    FileAuditLog log;
    final AtomicInteger appended = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = folder();
      log = FileAuditLog.builder(dir).open();
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
      AuditAppendBenchmark.remove(log, dir);
    }
  }

  /** A log shared by the threads, with or without group commit. */
  @State(Scope.Benchmark)
  public static class Shared {
    /** Whether concurrent appends share forces. */
    @Param({"false", "true"})
    public boolean groupCommit;

    Path dir;
    FileAuditLog log;
    final AtomicInteger appended = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = folder();
      log = FileAuditLog.builder(dir).groupCommit(groupCommit).open();
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
      AuditAppendBenchmark.remove(log, dir);
    }
  }

  /** One durable append from one thread. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Threads(1)
  public long latency(Forced f) {
    return f.log.append(AuditVerifyBenchmark.entry(f.appended.incrementAndGet())).seq();
  }

  /** Durable appends per second from 8 threads sharing one log. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(8)
  public long throughput(Shared s) {
    return s.log.append(AuditVerifyBenchmark.entry(s.appended.incrementAndGet())).seq();
  }

  static Path folder() throws IOException {
    Path target = Files.createDirectories(Path.of("target"));
    return Files.createTempDirectory(target, "append-benchmark-" + FOLDERS.incrementAndGet() + "-");
  }

  static void remove(FileAuditLog log, Path dir) throws IOException {
    log.close();
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
