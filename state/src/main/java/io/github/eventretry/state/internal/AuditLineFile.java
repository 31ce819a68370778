package io.github.eventretry.state.internal;

import io.github.eventretry.state.audit.AuditLogException;
import io.github.eventretry.state.audit.AuditRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The line file of a file audit log: an append-only file of complete lines, its tail (last record, a
 * torn last line, an unreadable last line), appends at the end under an exclusive {@link FileLock}
 * (so several processes can share the file), and walks of its lines up to a length read under a shared
 * lock. It knows nothing of hashes or signatures beyond reading the last record.
 *
 * <p>Thread-safe: state is guarded by {@link #monitor()}, one monitor per real file in this JVM (two
 * instances on one file spelled two ways must not lock it at once: {@link OverlappingFileLockException}).
 */
public final class AuditLineFile {
  private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();
  /** The walk's read size: large reads, so that the system call is a small part of a walk. */
  private static final int WALK_BUFFER = 1 << 20;

  private final Path file;
  private final Object monitor;

  // guarded by monitor
  private FileChannel channel; // null until the file exists: the first append creates it
  private long size;
  private long lastSeq;
  private String lastHash = AuditRecord.GENESIS_HASH;
  private AuditRecord lastRecord;
  private long tornBytes;
  private String tailProblem;
  private String failure;
  private boolean closed;

  private AuditLineFile(Path file) {
    this.file = file;
    this.monitor = MONITORS.computeIfAbsent(file, k -> new Object());
  }

  /**
   * Opens {@code fileName} in {@code folder} and reads its tail. A missing file (or folder) is not
   * created here but by the first append, so that opening a log that is then never written leaves
   * nothing behind; until then the log reads as empty.
   *
   * @throws IOException if it cannot be opened or read
   */
  public static AuditLineFile open(Path folder, String fileName) throws IOException {
    // The real path: one file spelled two ways ("dir", "dir/.", a symlink) must share one monitor.
    AuditLineFile lines = new AuditLineFile(realPath(folder).resolve(fileName));
    try {
      synchronized (lines.monitor) {
        if (lines.openChannel(false)) {
          lines.scanTail();
        }
      }
    } catch (IOException | RuntimeException e) {
      synchronized (lines.monitor) {
        if (lines.channel != null) {
          try {
            lines.channel.close();
          } catch (IOException c) {
            e.addSuppressed(c);
          }
        }
      }
      throw e;
    }
    return lines;
  }

  /** The real path of a folder, or of its nearest existing ancestor with the missing names after it. */
  private static Path realPath(Path folder) throws IOException {
    Path abs = folder.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing.getParent() != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing.toRealPath().resolve(existing.relativize(abs));
  }

  /**
   * Opens the channel if it is not open (caller holds the monitor): on an existing file, or with
   * {@code create}, creating the folder and the file. Returns whether the channel is open.
   */
  private boolean openChannel(boolean create) throws IOException {
    if (channel != null) {
      return true;
    }
    if (!create) {
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (NoSuchFileException e) {
        return false;
      }
      return true;
    }
    Files.createDirectories(file.getParent());
    boolean existed = Files.exists(file);
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    if (!existed) {
      Files2.forceDirectory(file.getParent());
    }
    return true;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The monitor that guards this file's state and its file lock in this JVM. */
  public Object monitor() {
    return monitor;
  }

  /** Whether {@link #close()} was called (caller holds the monitor). */
  public boolean closed() {
    return closed;
  }

  /** The seq of the last record (caller holds the monitor); 0 if none. */
  public long lastSeq() {
    return lastSeq;
  }

  /** The hash of the last record (caller holds the monitor); the genesis hash if none. */
  public String lastHash() {
    return lastHash;
  }

  /** The last record (caller holds the monitor), or null. */
  public AuditRecord lastRecord() {
    return lastRecord;
  }

  private void scanTail() throws IOException {
    size = channel.size();
    lastSeq = 0;
    lastHash = AuditRecord.GENESIS_HASH;
    lastRecord = null;
    tailProblem = null;
    long nl = lastNewline(size);
    tornBytes = size - (nl + 1);
    if (nl < 0) {
      return;
    }
    long prev = lastNewline(nl);
    int len = Math.toIntExact(nl - (prev + 1));
    ByteBuffer b = ByteBuffer.allocate(len);
    readFully(b, prev + 1);
    try {
      AuditRecord r = AuditCodec.parse(Json.MAPPER.readTree(b.array()));
      lastSeq = r.seq();
      lastHash = r.hash();
      lastRecord = r;
    } catch (IOException | Json.Bad | RuntimeException e) {
      tailProblem = "the last complete line of audit log " + Files2.show(file) + " is not an audit"
          + " record; verify the log and have a person look at it";
    }
  }

  private long lastNewline(long before) throws IOException {
    long end = before;
    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
    while (end > 0) {
      long start = Math.max(0, end - b.capacity());
      b.clear().limit((int) (end - start));
      readFully(b, start);
      for (int i = b.limit() - 1; i >= 0; i--) {
        if (b.get(i) == '\n') {
          return start + i;
        }
      }
      end = start;
    }
    return -1;
  }

  private void readFully(ByteBuffer b, long position) throws IOException {
    long pos = position;
    while (b.hasRemaining()) {
      int n = channel.read(b, pos);
      if (n < 0) {
        throw new IOException("unexpected end of " + file);
      }
      pos += n;
    }
  }

  /** Fails unless the file is open and accepts appends (caller holds the monitor). */
  public void checkOpen() {
    if (closed) {
      throw new AuditLogException("audit log " + Files2.show(file) + " is closed");
    }
    if (failure != null) {
      throw new AuditLogException(failure);
    }
  }

  /**
   * Locks the whole file (the caller holds the monitor). A shared lock waits out an append in progress
   * in another process, so its line is whole; it is null while the file does not exist. An exclusive
   * lock (for an append) creates the file if it does not exist.
   */
  public FileLock lock(boolean shared) {
    try {
      if (!openChannel(!shared)) {
        return null;
      }
      return channel.lock(0, Long.MAX_VALUE, shared);
    } catch (IOException e) {
      throw new AuditLogException("cannot lock audit log " + Files2.show(file) + ": "
          + Files2.describe(e), e);
    } catch (OverlappingFileLockException e) {
      throw new AuditLogException("cannot lock audit log " + Files2.show(file) + ": this program"
          + " already holds a lock on it through another path to the same file (such as a hard link)", e);
    }
  }

  /** Releases a file lock; a failure stops further appends (caller holds the monitor). */
  public void release(FileLock lock) {
    if (lock == null) {
      return;
    }
    try {
      lock.release();
    } catch (IOException e) {
      failure = "audit log " + Files2.show(file) + " could not release its file lock and refuses more"
          + " appends: " + Files2.describe(e);
    }
  }

  /**
   * Prepares an append under the exclusive lock (the caller holds both): re-reads the tail if another
   * process appended (or cut) since, then refuses a torn or unreadable tail.
   */
  public void prepareAppend() {
    try {
      if (channel.size() != size) {
        scanTail();
      }
    } catch (IOException e) {
      throw new AuditLogException("cannot read audit log " + Files2.show(file) + ": "
          + Files2.describe(e), e);
    }
    if (tornBytes > 0) {
      throw new AuditLogException("audit log " + Files2.show(file) + " ends in a torn line (" + tornBytes
          + " bytes, from an interrupted append); verifying reports it, repairing the torn tail removes"
          + " it");
    }
    if (tailProblem != null) {
      throw new AuditLogException(tailProblem);
    }
  }

  /**
   * Writes a record's line at the end (caller holds the monitor and the exclusive lock), forcing it to
   * disk when asked. A failure stops further appends: the file may hold part of the line.
   */
  public void write(byte[] line, AuditRecord record, boolean force) {
    try {
      ByteBuffer b = ByteBuffer.wrap(line);
      long pos = size;
      while (b.hasRemaining()) {
        pos += channel.write(b, pos);
      }
      if (force) {
        channel.force(false);
      }
    } catch (IOException e) {
      failure = "audit log " + Files2.show(file) + " failed during an append and refuses more: "
          + Files2.describe(e);
      throw new AuditLogException("cannot append to audit log " + Files2.show(file) + ": "
          + Files2.describe(e), e);
    }
    size += line.length;
    lastSeq = record.seq();
    lastHash = record.hash();
    lastRecord = record;
  }

  /** Forces every line written so far to disk; a failure stops further appends. */
  public void force() {
    FileChannel ch;
    synchronized (monitor) {
      ch = channel;
    }
    if (ch == null) {
      return; // nothing written yet
    }
    try {
      ch.force(false);
    } catch (IOException e) {
      synchronized (monitor) {
        failure = "audit log " + Files2.show(file) + " failed to force and refuses more appends: "
            + Files2.describe(e);
      }
      throw new AuditLogException("cannot force audit log " + Files2.show(file) + ": "
          + Files2.describe(e), e);
    }
  }

  /** Receives the lines of a walk. */
  @FunctionalInterface
  public interface LineSink {
    /** One line, without its newline. */
    void accept(byte[] buf, int off, int len);
  }

  /**
   * Returns the file's length, taken under a shared file lock (so no append is half done), and runs
   * {@code atLimit} under the same lock.
   */
  public long lockedLength(Runnable atLimit) {
    synchronized (monitor) {
      try {
        if (closed) {
          atLimit.run();
          return Files.exists(file) ? Files.size(file) : 0;
        }
        FileLock shared = lock(true);
        if (shared == null) {
          atLimit.run();
          return 0; // no file yet: an empty log
        }
        try {
          atLimit.run();
          return channel.size();
        } finally {
          shared.release();
        }
      } catch (IOException e) {
        throw new AuditLogException("cannot read audit log " + Files2.show(file) + ": "
            + Files2.describe(e), e);
      }
    }
  }

  /** Receives the buffer of a walk a chunk at a time. */
  @FunctionalInterface
  public interface ChunkSink {
    /**
     * Consumes the complete lines at the start of {@code [start, end)} and returns where the first
     * line it did not consume starts; the walk hands that line over again, with more after it.
     */
    int accept(byte[] buf, int start, int end);
  }

  /** Reads the file's lines up to {@code limit}; a final segment without newline goes to torn. */
  public void walk(long limit, LineSink complete, LineSink torn) {
    walkChunks(limit, (buf, start, end) -> {
      int p = start;
      int nl;
      while ((nl = AuditLineScanner.indexOfNewline(buf, p, end)) >= 0) {
        complete.accept(buf, p, nl - p);
        p = nl + 1;
      }
      return p;
    }, torn);
  }

  /**
   * Reads the file up to {@code limit} in large reads and hands the buffer to {@code lines}; what is
   * left at the end (a final segment without newline) goes to {@code torn}, if given.
   */
  public void walkChunks(long limit, ChunkSink lines, LineSink torn) {
    if (limit == 0) {
      return;
    }
    boolean own;
    FileChannel ours;
    synchronized (monitor) {
      own = !closed;
      ours = channel;
    }
    // While open, read through our own channel: closing a second channel on the file would drop this
    // process's file lock (POSIX record locks belong to the process, not the channel). A length above
    // 0 was read through it, so it is open.
    try (FileChannel opened = own ? null : FileChannel.open(file, StandardOpenOption.READ)) {
      FileChannel in = own ? ours : opened;
      long pos = 0;
      byte[] buf = new byte[WALK_BUFFER];
      int start = 0;
      int end = 0;
      while (true) {
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          start = 0;
        }
        if (end == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
        }
        int want = (int) Math.min(buf.length - end, limit - pos);
        int n = want == 0 ? -1 : in.read(ByteBuffer.wrap(buf, end, want), pos);
        if (n < 0) {
          if (end > start && torn != null) {
            torn.accept(buf, start, end - start);
          }
          return;
        }
        pos += n;
        end += n;
        start = lines.accept(buf, start, end);
      }
    } catch (IOException e) {
      throw new AuditLogException("cannot read audit log " + Files2.show(file) + ": "
          + Files2.describe(e), e);
    }
  }

  /**
   * Removes a torn last line (caller holds the monitor); returns the bytes removed and the seq of the
   * last record after it.
   */
  public long repairTornTail() {
    if (tornBytes == 0) {
      return 0;
    }
    long removed = tornBytes;
    try {
      channel.truncate(size - tornBytes);
      channel.force(true);
      scanTail();
    } catch (IOException e) {
      throw new AuditLogException("cannot truncate audit log " + Files2.show(file) + ": "
          + Files2.describe(e), e);
    }
    return removed;
  }

  /** Closes the file (caller holds the monitor). */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      throw new AuditLogException("cannot close audit log " + Files2.show(file) + ": "
          + Files2.describe(e), e);
    }
  }
}
