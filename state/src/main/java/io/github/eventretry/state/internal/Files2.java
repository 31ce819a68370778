package io.github.eventretry.state.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Crash-safe file operations. Thread-safe: no shared mutable state but a counter. */
public final class Files2 {
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final long PID = ProcessHandle.current().pid();

  private Files2() {}

  /** Returns a temp-file name beside {@code target}, unique within this process and among processes. */
  public static Path tempBeside(Path target) {
    return target.resolveSibling(
        target.getFileName() + ".tmp-" + PID + "-" + COUNTER.incrementAndGet());
  }

  /** Writes all of {@code content} to a channel. */
  public static void writeFully(FileChannel ch, byte[] content) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(content);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /**
   * Replaces {@code target} with {@code content} so that a crash leaves either the old or the new file:
   * temp file in the same folder, forced, atomically moved over the target, folder forced.
   */
  public static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = tempBeside(target);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writeFully(ch, content);
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    forceDirectory(target.toAbsolutePath().getParent());
  }

  /**
   * Creates {@code target} with {@code content} only if it does not exist, and so that it is never seen
   * half-written: the content is written and forced in a temp file, then hard-linked to the target
   * (which fails if the target exists). Returns false if the target exists.
   */
  public static boolean createExclusively(Path target, byte[] content) throws IOException {
    Path tmp = tempBeside(target);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writeFully(ch, content);
        ch.force(true);
      }
      try {
        Files.createLink(target, tmp);
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException e) {
        // No hard links (some file systems): CREATE_NEW is still exclusive, only not atomic in content.
        try (FileChannel ch =
            FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          writeFully(ch, content);
          ch.force(true);
        } catch (FileAlreadyExistsException e2) {
          return false;
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    forceDirectory(target.toAbsolutePath().getParent());
    return true;
  }

  /** Forces a folder's entries to disk; skipped on Windows, where a folder cannot be opened. */
  public static void forceDirectory(Path dir) throws IOException {
    if (WINDOWS || dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * Describes a file failure in a person's words, without the exception's class name: {@code no such
   * file or folder}, {@code permission denied}, the operating system's reason, ...
   */
  public static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "it already exists";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "a part of the path is not a folder";
    }
    if (e instanceof java.nio.channels.ClosedByInterruptException) {
      return "interrupted";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return io.github.eventretry.core.text.SafeText.escape(f.getReason());
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "an input/output error"
        : io.github.eventretry.core.text.SafeText.escape(m);
  }

  /** A path as a message shows it: control characters escaped. */
  public static String show(Path p) {
    return io.github.eventretry.core.text.SafeText.escape(p.toString());
  }

  /** This process's id. */
  public static long pid() {
    return PID;
  }
}
