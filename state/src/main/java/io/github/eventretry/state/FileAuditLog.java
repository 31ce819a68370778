package io.github.eventretry.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.state.internal.AuditCodec;
import io.github.eventretry.state.internal.ChainVerifier;
import io.github.eventretry.state.internal.Files2;
import io.github.eventretry.state.internal.Json;
import io.github.eventretry.state.spi.AuditLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An audit log in a JSON Lines file ({@code audit.jsonl} in the state folder by default): one record per
 * line, each line the RFC 8785 canonical JSON of the record, hash-chained by {@code prev_hash}.
 *
 * <p>Durability: by default every append writes its line and forces the file ({@code fdatasync})
 * before returning. With {@link Builder#groupCommit(boolean) group commit}, appends from several threads
 * share one force: each append still returns only once its line is on disk, but one force covers every
 * line written before it began.
 *
 * <p>With an {@link Builder#hmacKey(byte[]) HMAC key}, the head (last seq and hash) is anchored after
 * every force in a side file ({@code audit.jsonl.head}) signed with HMAC-SHA256, so that a truncated or
 * rewritten tail is detected too; without the key, a truncation at a line boundary or a tail rewritten
 * with a fresh valid chain cannot be told from a shorter log.
 *
 * <p>A crash during an append can leave a torn last line (no newline). It is reported by
 * {@link #verify()} as {@link AuditFault.Kind#TORN_TAIL}, appends are refused until
 * {@link #repairTornTail()} is called, and nothing removes it silently.
 *
 * <p>Thread-safe, and safe between processes: an append holds an exclusive {@link FileLock} on the file
 * while it writes, and first re-reads the tail if another process appended since, so that several
 * deployers (of different integrations) can share one log.
 *
 * <pre>{@code
 * try (FileAuditLog log = FileAuditLog.builder(Path.of("state")).hmacKey(key).open()) {
 *   AuditVerification v = log.verify();
 * }
 * }</pre>
 */
public final class FileAuditLog implements AuditLog, AutoCloseable {
  /** The default file name in the folder. */
  public static final String DEFAULT_FILE_NAME = "audit.jsonl";
  /** The default compliance standard, the tutorial's. */
  public static final String DEFAULT_COMPLIANCE_STANDARD = "SOC2_TYPEII";

  private final Path file;
  private final Path headFile;
  private final Clock clock;
  private final String standard;
  private final byte[] key; // null: not anchored
  private final boolean groupCommit;
  private final FileChannel channel;
  private final Object forceLock = new Object();
  // One monitor per file for every instance in this JVM; a FileLock (taken under it) for other processes.
  private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();
  private final Object lock;

  // guarded by this
  private long size;
  private long lastSeq;
  private String lastHash = AuditRecord.GENESIS_HASH;
  private AuditRecord lastRecord;
  private long tornBytes;
  private String tailProblem;
  private String failure;
  private boolean closed;
  private volatile long forcedSeq;

  private FileAuditLog(Builder b) throws IOException {
    Files.createDirectories(b.folder);
    // The real path: one file spelled two ways ("dir", "dir/.", a symlink) must share one monitor, or
    // two instances in this JVM would lock the file at once (OverlappingFileLockException).
    this.file = b.folder.toRealPath().resolve(b.fileName);
    this.headFile = file.resolveSibling(b.fileName + ".head");
    this.clock = b.clock;
    this.standard = b.standard;
    this.key = b.key;
    this.groupCommit = b.groupCommit;
    this.lock = MONITORS.computeIfAbsent(file, k -> new Object());
    boolean existed = Files.exists(file);
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      if (!existed) {
        Files2.forceDirectory(file.getParent());
      }
      synchronized (lock) {
        scanTail();
      }
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException c) {
        e.addSuppressed(c);
      }
      throw e;
    }
    forcedSeq = lastSeq;
  }

  /**
   * Returns a builder for a log in a folder.
   *
   * @param folder the folder (usually the state folder); created if missing
   * @return the builder
   */
  public static Builder builder(Path folder) {
    return new Builder(folder);
  }

  /**
   * Opens {@code audit.jsonl} in a folder with the defaults: system UTC clock, {@code SOC2_TYPEII}, no
   * HMAC key, a force per append.
   *
   * @param folder the folder
   * @return the log
   * @throws AuditLogException if the file cannot be opened
   */
  public static FileAuditLog open(Path folder) {
    return builder(folder).open();
  }

  /**
   * Returns the log file.
   *
   * @return its absolute path
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the signed head file used when an HMAC key is set.
   *
   * @return its absolute path ({@code <file>.head})
   */
  public Path headFile() {
    return headFile;
  }

  @Override
  public String complianceStandard() {
    return standard;
  }

  private void scanTail() throws IOException {
    size = channel.size();
    lastSeq = 0;
    lastHash = AuditRecord.GENESIS_HASH;
    lastRecord = null;
    tornBytes = 0;
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
      tailProblem = "the last complete line of " + file + " is not an audit record; verify() the log"
          + " and have a person look at it";
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

  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    AuditRecord r;
    synchronized (lock) {
      if (closed) {
        throw new AuditLogException("audit log " + file + " is closed");
      }
      if (failure != null) {
        throw new AuditLogException(failure);
      }
      FileLock fileLock = lockFile(false);
      try {
        if (channel.size() != size) {
          scanTail(); // another process appended (or cut) since our last write
        }
      } catch (IOException e) {
        release(fileLock);
        throw new AuditLogException("cannot read audit log " + file + ": " + e, e);
      }
      try {
      if (tornBytes > 0) {
        throw new AuditLogException("audit log " + file + " ends in a torn line (" + tornBytes
            + " bytes, from an interrupted append); verify() reports it, repairTornTail() removes it");
      }
      if (tailProblem != null) {
        throw new AuditLogException(tailProblem);
      }
      AuditCodec.Sealed s = AuditCodec.seal(lastSeq + 1, clock.instant(), entry, standard, lastHash);
      try {
        ByteBuffer b = ByteBuffer.wrap(s.line());
        long pos = size;
        while (b.hasRemaining()) {
          pos += channel.write(b, pos);
        }
        if (!groupCommit) {
          channel.force(false);
        }
      } catch (IOException e) {
        failure = "audit log " + file + " failed during an append and refuses more: " + e;
        throw new AuditLogException("cannot append to audit log " + file + ": " + e, e);
      }
      r = s.record();
      size += s.line().length;
      lastSeq = r.seq();
      lastHash = r.hash();
      lastRecord = r;
      if (!groupCommit) {
        forcedSeq = lastSeq;
        anchor(lastSeq, lastHash);
        return r;
      }
      } finally {
        release(fileLock);
      }
    }
    synchronized (forceLock) {
      if (forcedSeq >= r.seq()) {
        return r;
      }
      long upto;
      String hash;
      synchronized (lock) {
        upto = lastSeq;
        hash = lastHash;
      }
      try {
        channel.force(false);
      } catch (IOException e) {
        synchronized (lock) {
          failure = "audit log " + file + " failed to force and refuses more appends: " + e;
        }
        throw new AuditLogException("cannot force audit log " + file + ": " + e, e);
      }
      anchorIfNewer(upto, hash);
      forcedSeq = upto;
    }
    return r;
  }

  /** Locks the whole file (the caller holds {@code lock}); every failure is an AuditLogException. */
  private FileLock lockFile(boolean shared) {
    try {
      return channel.lock(0, Long.MAX_VALUE, shared);
    } catch (IOException e) {
      throw new AuditLogException("cannot lock audit log " + file + ": " + e, e);
    } catch (OverlappingFileLockException e) {
      throw new AuditLogException("cannot lock audit log " + file + ": this JVM already holds a lock on"
          + " it through another path to the same file (such as a hard link)", e);
    }
  }

  /**
   * Anchors a forced record as the signed head, under the file lock and only if the head on disk is
   * not already at or past it: with several instances (or processes) sharing the log, each anchors its
   * own forced seq, and the head must never move backwards.
   */
  private void anchorIfNewer(long seq, String hash) {
    if (key == null) {
      return;
    }
    synchronized (lock) {
      if (closed) {
        throw new AuditLogException("audit log " + file + " is closed");
      }
      FileLock fileLock = lockFile(false);
      try {
        Optional<Head> onDisk = readHead();
        if (onDisk.isPresent() && onDisk.get().seq() >= seq && signed(onDisk.get())) {
          return;
        }
        anchor(seq, hash);
      } catch (IOException | Json.Bad e) {
        anchor(seq, hash); // a missing or unreadable head is replaced
      } finally {
        release(fileLock);
      }
    }
  }

  private Optional<Head> readHead() throws IOException, Json.Bad {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(headFile);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    JsonNode n = Json.MAPPER.readTree(bytes);
    Json.object(n, "head", "seq", "hash", "mac");
    return Optional.of(new Head(Json.integer(n, "seq"), Json.text(n, "hash"), Json.text(n, "mac")));
  }

  private boolean signed(Head h) {
    return MessageDigest.isEqual(
        mac(h.seq(), h.hash()).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        h.mac().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private void release(FileLock fileLock) {
    try {
      fileLock.release();
    } catch (IOException e) {
      failure = "audit log " + file + " could not release its file lock and refuses more appends: " + e;
    }
  }

  private void anchor(long seq, String hash) {
    if (key == null) {
      return;
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("seq", seq);
    o.put("hash", hash);
    o.put("mac", mac(seq, hash));
    try {
      Files2.writeAtomically(headFile, CanonicalJson.canonicalBytes(o));
    } catch (IOException e) {
      throw new AuditLogException("cannot write signed head " + headFile + ": " + e, e);
    }
  }

  private String mac(long seq, String hash) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("seq", seq);
    o.put("hash", hash);
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(m.doFinal(CanonicalJson.canonicalBytes(o)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  @Override
  public Optional<AuditRecord> head() {
    synchronized (lock) {
      return Optional.ofNullable(lastRecord);
    }
  }

  @Override
  public List<AuditRecord> records() {
    List<AuditRecord> out = new ArrayList<>();
    walk((buf, off, len) -> {
      try {
        out.add(AuditCodec.parse(Json.MAPPER.readTree(buf, off, len)));
      } catch (IOException | Json.Bad | RuntimeException e) {
        // left out: verify() reports it
      }
    }, null);
    return out;
  }

  @Override
  public AuditVerification verify() {
    // The head is read under the same lock as the length the walk reads up to, so that an append (which
    // writes its line, and its head when not group-committing, under the exclusive lock) is either in
    // both or in neither.
    HeadRead read = new HeadRead();
    long limit = lockedLength(read);
    Optional<Head> head = read.head;
    String headProblem = read.problem;
    ChainVerifier v = new ChainVerifier(head.map(Head::seq).orElse(-1L));
    walk(limit, (buf, off, len) -> v.line(buf, off, len, true),
        (buf, off, len) -> v.line(buf, off, len, false));
    if (key != null) {
      if (headProblem != null) {
        if (v.lastSeq() > 0) {
          v.fault(new AuditFault(0, 0, AuditFault.Kind.HEAD_MISMATCH, headProblem));
        }
      } else {
        Head h = head.get();
        boolean signed = signed(h);
        if (!signed) {
          v.fault(new AuditFault(h.seq(), 0, AuditFault.Kind.HEAD_MISMATCH,
              "the signature of the anchored head (seq " + h.seq() + ") does not match: wrong key or"
                  + " a forged head file"));
        } else if (v.hashAtAnchor().isEmpty()) {
          v.fault(new AuditFault(h.seq(), 0, AuditFault.Kind.HEAD_MISMATCH, "the anchored head seq "
              + h.seq() + " is not in the log (last seq " + v.lastSeq() + "): the tail was truncated"));
        } else if (!v.hashAtAnchor().get().equals(h.hash())) {
          v.fault(new AuditFault(h.seq(), 0, AuditFault.Kind.HEAD_MISMATCH, "record seq " + h.seq()
              + " is not the one anchored: the tail was rewritten"));
        }
        if (signed && v.lastSeq() > h.seq()) {
          v.fault(new AuditFault(h.seq() + 1, 0, AuditFault.Kind.HEAD_MISMATCH, "records after seq "
              + h.seq() + " up to " + v.lastSeq() + " are not anchored: a crash between append and"
              + " anchor, or appended without the key"));
        }
      }
    }
    return v.result(key != null);
  }

  /** Reads the signed head file (when there is a key), recording what is wrong with it. */
  private final class HeadRead implements Runnable {
    Optional<Head> head = Optional.empty();
    String problem;

    @Override
    public void run() {
      if (key == null) {
        return;
      }
      try {
        head = readHead();
        if (head.isEmpty()) {
          problem = "the signed head file " + headFile + " is missing";
        }
      } catch (IOException | Json.Bad e) {
        problem = "the signed head file " + headFile + " is unreadable";
      }
    }
  }

  private record Head(long seq, String hash, String mac) {}

  @FunctionalInterface
  private interface LineSink {
    void accept(byte[] buf, int off, int len);
  }

  /** Reads the file's lines up to its current size; a final segment without newline goes to torn. */
  private void walk(LineSink complete, LineSink torn) {
    walk(lockedLength(() -> { }), complete, torn);
  }

  /**
   * Returns the file's length, taken under a shared file lock (so no append is half done), and runs
   * {@code atLimit} under the same lock.
   */
  private long lockedLength(Runnable atLimit) {
    long limit;
    synchronized (lock) {
      try {
        if (closed) {
          atLimit.run();
          limit = Files.size(file);
        } else {
          // A shared lock waits out an append in progress in another process, so its line is whole.
          FileLock shared = lockFile(true);
          try {
            atLimit.run();
            limit = channel.size();
          } finally {
            shared.release();
          }
        }
      } catch (IOException e) {
        throw new AuditLogException("cannot read audit log " + file + ": " + e, e);
      }
    }
    return limit;
  }

  /** Reads the file's lines up to {@code limit}; a final segment without newline goes to torn. */
  private void walk(long limit, LineSink complete, LineSink torn) {
    boolean own;
    synchronized (lock) {
      own = !closed;
    }
    // While open, read through our own channel: closing a second channel on the file would drop this
    // process's file lock (POSIX record locks belong to the process, not the channel).
    try (FileChannel opened = own ? null : FileChannel.open(file, StandardOpenOption.READ)) {
      FileChannel in = own ? channel : opened;
      long pos = 0;
      byte[] buf = new byte[1 << 20];
      int start = 0;
      int end = 0;
      int scan = 0;
      long read = 0;
      while (true) {
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          scan -= start;
          start = 0;
        }
        if (end == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int want = (int) Math.min(buf.length - end, limit - read);
        int n = want == 0 ? -1 : in.read(ByteBuffer.wrap(buf, end, want), pos);
        if (n > 0) {
          pos += n;
        }
        if (n < 0) {
          if (end > start && torn != null) {
            torn.accept(buf, start, end - start);
          }
          return;
        }
        read += n;
        end += n;
        for (int i = scan; i < end; i++) {
          if (buf[i] == '\n') {
            complete.accept(buf, start, i - start);
            start = i + 1;
          }
        }
        scan = end;
      }
    } catch (IOException e) {
      throw new AuditLogException("cannot read audit log " + file + ": " + e, e);
    }
  }

  /**
   * Removes a torn last line (one without a newline, left by an append a crash cut short), so appends
   * can continue. Nothing else calls this: the caller decides, after {@link #verify()} reported it.
   *
   * @return the number of bytes removed, 0 if the log did not end in a torn line
   * @throws AuditLogException if the file cannot be truncated
   */
  public long repairTornTail() {
    synchronized (lock) {
      return repairLocked();
    }
  }

  private long repairLocked() {
    if (tornBytes == 0) {
      return 0;
    }
    long removed = tornBytes;
    try {
      channel.truncate(size - tornBytes);
      channel.force(true);
      scanTail();
    } catch (IOException e) {
      throw new AuditLogException("cannot truncate audit log " + file + ": " + e, e);
    }
    forcedSeq = lastSeq;
    return removed;
  }

  /**
   * Closes the file. Appends fail afterwards; {@link #verify()} still works.
   *
   * @throws AuditLogException if the file cannot be closed
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        throw new AuditLogException("cannot close audit log " + file + ": " + e, e);
      }
    }
  }

  /**
   * Returns {@code FileAuditLog[file, anchored]} (never the key).
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "FileAuditLog[" + file + (key != null ? ", anchored" : "")
        + (groupCommit ? ", group commit" : "") + "]";
  }

  /**
   * Configures a {@link FileAuditLog}. Each setting may be set once. Not thread-safe.
   */
  public static final class Builder {
    private final Path folder;
    private String fileName = DEFAULT_FILE_NAME;
    private Clock clock = Clock.systemUTC();
    private String standard = DEFAULT_COMPLIANCE_STANDARD;
    private byte[] key;
    private boolean groupCommit;
    private final java.util.Set<String> set = new java.util.HashSet<>();

    private Builder(Path folder) {
      this.folder = Objects.requireNonNull(folder, "folder");
    }

    private void once(String name, Object old) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set" + (old == null ? "" : " to " + old));
      }
    }

    /**
     * Sets the file name in the folder.
     *
     * @param name such as {@code audit.jsonl}; a plain name ending in {@code .jsonl}
     * @return this builder
     * @throws IllegalArgumentException if it is not a plain {@code .jsonl} name
     * @throws IllegalStateException if already set
     */
    public Builder fileName(String name) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*\\.jsonl")) {
        throw new IllegalArgumentException(
            "fileName must be a plain name ending in .jsonl (rejected: " + name + ")");
      }
      once("fileName", fileName);
      fileName = name;
      return this;
    }

    /**
     * Sets the clock that stamps records.
     *
     * @param c the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock c) {
      Objects.requireNonNull(c, "clock");
      once("clock", clock);
      clock = c;
      return this;
    }

    /**
     * Sets the compliance standard written into records.
     *
     * @param s such as {@code ISO27001}; not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if already set
     */
    public Builder complianceStandard(String s) {
      Objects.requireNonNull(s, "complianceStandard");
      if (s.isBlank()) {
        throw new IllegalArgumentException("complianceStandard must not be blank");
      }
      once("complianceStandard", standard);
      standard = s;
      return this;
    }

    /**
     * Sets the HMAC-SHA256 key that signs the anchored head. The key is copied and never printed.
     *
     * @param hmacKey at least 16 bytes
     * @return this builder
     * @throws IllegalArgumentException if shorter than 16 bytes
     * @throws IllegalStateException if already set
     */
    public Builder hmacKey(byte[] hmacKey) {
      Objects.requireNonNull(hmacKey, "hmacKey");
      if (hmacKey.length < 16) {
        throw new IllegalArgumentException(
            "hmacKey must be at least 16 bytes (rejected: " + hmacKey.length + " bytes)");
      }
      once("hmacKey", null);
      key = hmacKey.clone();
      return this;
    }

    /**
     * Turns group commit on or off (off by default: one force per append).
     *
     * @param on whether concurrent appends share forces
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder groupCommit(boolean on) {
      once("groupCommit", groupCommit);
      groupCommit = on;
      return this;
    }

    /**
     * Opens the log, creating the file if missing. A torn tail does not stop opening: it is reported by
     * {@link FileAuditLog#verify()} and blocks appends until repaired.
     *
     * @return the log
     * @throws AuditLogException if the file cannot be opened
     */
    public FileAuditLog open() {
      try {
        return new FileAuditLog(this);
      } catch (IOException e) {
        throw new AuditLogException("cannot open audit log " + folder.resolve(fileName) + ": " + e, e);
      }
    }
  }

}
