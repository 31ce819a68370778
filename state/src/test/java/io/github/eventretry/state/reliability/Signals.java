package io.github.eventretry.state.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a child JVM will react to SIGINT. A process started with SIGINT ignored (a background job of
 * a shell without job control, and everything it starts) passes that on, and a JVM that finds SIGINT
 * ignored leaves it ignored. Then the child is started through GNU env's {@code --default-signal=INT},
 * when there is one.
 */
final class Signals {
  private Signals() {}

  /** Whether SIGINT is ignored in this process (Linux: /proc/self/status). */
  static boolean sigintIgnoredHere() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseLong(line.substring(7).trim(), 16) & 0x2) != 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: assume the default disposition
    }
    return false;
  }

  /** The command prefix that restores SIGINT's default for a child, or nothing if none is needed. */
  static List<String> defaultIntPrefix() {
    if (!sigintIgnoredHere()) {
      return List.of();
    }
    try {
      Process p = new ProcessBuilder("env", "--default-signal=INT", "true").start();
      return p.waitFor() == 0 ? List.of("env", "--default-signal=INT") : List.of();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** Whether a child started with {@link #defaultIntPrefix()} reacts to SIGINT. */
  static boolean childReactsToSigint() {
    return !sigintIgnoredHere() || !defaultIntPrefix().isEmpty();
  }
}
