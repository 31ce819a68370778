package io.github.eventretry.state.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A child JVM running {@link DeployerMain}, with its stdout collected line by line. */
final class ChildJvm {
  final Process process;
  final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  final CountDownLatch ready = new CountDownLatch(1);
  private final Thread reader;
  private final Path stderr;

  ChildJvm(String... args) throws IOException {
    String cp = String.join(File.pathSeparator, System.getProperty("jdk.module.path", ""),
        System.getProperty("java.class.path", ""));
    List<String> cmd = new ArrayList<>(Signals.defaultIntPrefix());
    cmd.addAll(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp", cp, DeployerMain.class.getName()));
    cmd.addAll(List.of(args));
    stderr = Files.createTempFile("child-jvm", ".err");
    process = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
    reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
          if (line.equals("ready")) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // the process was killed: the lines read so far are what it reported
      }
      synchronized (lines) {
        lines.notifyAll();
      }
    });
    reader.start();
  }

  /** Sends a signal by name ({@code INT}, {@code TERM}) with the system's {@code kill}. */
  void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid()))
        .redirectErrorStream(true).start();
    kill.getInputStream().readAllBytes();
    kill.waitFor();
  }

  /** Waits for a line. */
  boolean awaitLine(String line, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (lines) {
      while (!lines.contains(line)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
          return lines.contains(line);
        }
        lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      return true;
    }
  }

  boolean awaitReady(long seconds) throws InterruptedException {
    return ready.await(seconds, TimeUnit.SECONDS);
  }

  /** Waits for the process and for its output to be read completely. */
  int finish(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    reader.join(TimeUnit.SECONDS.toMillis(seconds));
    return process.exitValue();
  }

  /** What the child wrote on stderr (for a failure's message); the file is removed. */
  String stderr() {
    try {
      String text = Files.readString(stderr);
      Files.deleteIfExists(stderr);
      return text;
    } catch (IOException e) {
      return "(stderr unreadable: " + e + ")";
    }
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }
}
