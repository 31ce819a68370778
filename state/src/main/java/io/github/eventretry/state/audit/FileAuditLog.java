package io.github.eventretry.state.audit;

import io.github.eventretry.state.internal.AuditCodec;
import io.github.eventretry.state.internal.AuditLineFile;
import io.github.eventretry.state.internal.ChainVerifier;
import io.github.eventretry.state.internal.Files2;
import io.github.eventretry.state.internal.GroupCommit;
import io.github.eventretry.state.internal.Json;
import io.github.eventretry.state.internal.SetOnce;
import io.github.eventretry.state.internal.SignedHead;
import io.github.eventretry.state.spi.AuditLog;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An audit log in a JSON Lines file ({@code audit.jsonl} in the state folder by default): one record per
 * line, each line the RFC 8785 canonical JSON of the record, hash-chained by {@code prev_hash}.
 *
 * <p>Three parts: the line file (appends at the end under an exclusive file lock, walks, the tail), the
 * signed head (with an {@link Builder#hmacKey(byte[]) HMAC key}, the head is anchored after every force
 * in {@code audit.jsonl.head}, so that a truncated or rewritten tail is detected too), and group commit
 * (with {@link Builder#groupCommit(boolean)}, appends from several threads share one force: each still
 * returns only once its line is on disk). By default every append forces the file ({@code fdatasync})
 * before returning.
 *
 * <p>Without a key, a log cut at a line boundary cannot be told from a shorter log by the log alone;
 * the deployment state can tell: {@link #verify(Collection)} with each state's
 * {@link AuditExpectation} reports such a log as {@link AuditFault.Kind#TRUNCATED}.
 *
 * <p>A crash during an append can leave a torn last line (no newline). It is reported by
 * {@link #verify()} as {@link AuditFault.Kind#TORN_TAIL}, appends are refused until
 * {@link #repairTornTail()} is called, and nothing removes it silently.
 *
 * <p>Thread-safe, and safe between processes: an append holds an exclusive file lock while it writes,
 * and first re-reads the tail if another process appended since, so that several deployers (of
 * different integrations) can share one log.
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

  private final AuditLineFile lines;
  private final Optional<SignedHead> signedHead;
  private final Optional<GroupCommit> groupCommit;
  private final Clock clock;
  private final String standard;

  private FileAuditLog(AuditLineFile lines, Optional<SignedHead> signedHead, boolean groupCommit,
      Clock clock, String standard) {
    this.lines = lines;
    this.signedHead = signedHead;
    this.clock = clock;
    this.standard = standard;
    long seq;
    synchronized (lines.monitor()) {
      seq = lines.lastSeq();
    }
    this.groupCommit = groupCommit ? Optional.of(new GroupCommit(seq)) : Optional.empty();
  }

  /**
   * Returns a builder for a log in a folder.
   *
   * @param folder the folder (usually the state folder); created by the first append if missing
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
   * Returns the log file (which the first append creates if it does not exist yet).
   *
   * @return its absolute path, through the real path of its folder (or of the folder's nearest
   *     existing ancestor)
   */
  public Path file() {
    return lines.file();
  }

  /**
   * Returns the signed head file used when an HMAC key is set.
   *
   * @return its absolute path ({@code <file>.head})
   */
  public Path headFile() {
    return SignedHead.fileOf(lines.file());
  }

  @Override
  public String complianceStandard() {
    return standard;
  }

  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    AuditRecord r;
    synchronized (lines.monitor()) {
      lines.checkOpen();
      FileLock fileLock = lines.lock(false);
      try {
        lines.prepareAppend();
        AuditCodec.Sealed s = AuditCodec.seal(lines.lastSeq() + 1, clock.instant(), entry, standard,
            lines.lastHash());
        lines.write(s.line(), s.record(), groupCommit.isEmpty());
        r = s.record();
        if (groupCommit.isEmpty()) {
          signedHead.ifPresent(h -> h.anchor(r.seq(), r.hash()));
          return r;
        }
      } finally {
        lines.release(fileLock);
      }
    }
    groupCommit.get().awaitDurable(r.seq(), this::flush);
    return r;
  }

  /** Forces every line written so far, anchors the last one, and returns its seq. */
  private long flush() {
    long upto;
    String hash;
    synchronized (lines.monitor()) {
      upto = lines.lastSeq();
      hash = lines.lastHash();
    }
    lines.force();
    if (signedHead.isPresent()) {
      synchronized (lines.monitor()) {
        lines.checkOpen();
        FileLock fileLock = lines.lock(false);
        try {
          signedHead.get().anchorIfNewer(upto, hash);
        } finally {
          lines.release(fileLock);
        }
      }
    }
    return upto;
  }

  @Override
  public Optional<AuditRecord> head() {
    synchronized (lines.monitor()) {
      return Optional.ofNullable(lines.lastRecord());
    }
  }

  @Override
  public List<AuditRecord> records() {
    List<AuditRecord> out = new ArrayList<>();
    lines.walk(lines.lockedLength(() -> { }), (buf, off, len) -> {
      try {
        out.add(AuditCodec.parse(Json.MAPPER.readTree(buf, off, len)));
      } catch (IOException | Json.Bad | RuntimeException e) {
        // left out: verify() reports it
      }
    }, null);
    return List.copyOf(out);
  }

  @Override
  public AuditVerification verify(Collection<AuditExpectation> expectations) {
    List<AuditExpectation> expected = List.copyOf(expectations);
    // The head is read under the same lock as the length the walk reads up to, so that an append (which
    // writes its line, and its head when not group-committing, under the exclusive lock) is either in
    // both or in neither.
    SignedHead.Read[] read = new SignedHead.Read[1];
    long limit = lines.lockedLength(() -> signedHead.ifPresent(h -> read[0] = h.read()));
    ChainVerifier v = new ChainVerifier(
        read[0] == null ? -1 : read[0].head().map(SignedHead.Head::seq).orElse(-1L), expected);
    lines.walkChunks(limit, v::lines, (buf, off, len) -> v.line(buf, off, len, false));
    signedHead.ifPresent(h -> h.check(read[0], v));
    v.checkExpectations();
    return v.result(signedHead.isPresent());
  }

  /**
   * Removes a torn last line (one without a newline, left by an append a crash cut short), so appends
   * can continue. Nothing else calls this: the caller decides, after {@link #verify()} reported it.
   *
   * @return the number of bytes removed, 0 if the log did not end in a torn line
   * @throws AuditLogException if the file cannot be truncated
   */
  public long repairTornTail() {
    synchronized (lines.monitor()) {
      lines.checkOpen();
      if (!java.nio.file.Files.exists(lines.file())) {
        return 0; // no log yet, so no torn line; and repairing must not create one
      }
      FileLock fileLock = lines.lock(false);
      try {
        long removed = 0;
        try {
          lines.prepareAppend();
        } catch (AuditLogException e) {
          removed = lines.repairTornTail();
        }
        groupCommit.ifPresent(g -> g.reset(lines.lastSeq()));
        return removed;
      } finally {
        lines.release(fileLock);
      }
    }
  }

  /**
   * Closes the file. Appends fail afterwards; {@link #verify()} still works.
   *
   * @throws AuditLogException if the file cannot be closed
   */
  @Override
  public void close() {
    synchronized (lines.monitor()) {
      lines.close();
    }
  }

  /**
   * Returns {@code FileAuditLog[file, anchored]} (never the key).
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "FileAuditLog[" + lines.file() + (signedHead.isPresent() ? ", anchored" : "")
        + (groupCommit.isPresent() ? ", group commit" : "") + "]";
  }

  /**
   * Configures a {@link FileAuditLog}. Each setting may be set once; {@link #open()} does not change the
   * builder. Not thread-safe.
   */
  public static final class Builder {
    private final Path folder;
    private final SetOnce<String> fileName = SetOnce.named("fileName");
    private final SetOnce<Clock> clock = SetOnce.named("clock");
    private final SetOnce<String> standard = SetOnce.named("complianceStandard");
    private final SetOnce<byte[]> key = SetOnce.secret("hmacKey");
    private final SetOnce<Boolean> groupCommit = SetOnce.named("groupCommit");

    private Builder(Path folder) {
      this.folder = Objects.requireNonNull(folder, "folder");
    }

    /**
     * Sets the file name in the folder (default {@value #DEFAULT_FILE_NAME}).
     *
     * @param name such as {@code audit.jsonl}; a plain name ending in {@code .jsonl}
     * @return this builder
     * @throws IllegalArgumentException if it is not a plain {@code .jsonl} name
     * @throws IllegalStateException if already set
     */
    public Builder fileName(String name) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*\\.jsonl")) {
        throw new IllegalArgumentException("fileName must be a plain name ending in .jsonl (rejected: "
            + io.github.eventretry.core.text.SafeText.quote(name) + ")");
      }
      fileName.set(name);
      return this;
    }

    /**
     * Sets the clock that stamps records (default: system UTC).
     *
     * @param c the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock c) {
      clock.set(c);
      return this;
    }

    /**
     * Sets the compliance standard written into records (default {@value #DEFAULT_COMPLIANCE_STANDARD}).
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
      standard.set(s);
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
      key.set(hmacKey.clone());
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
      groupCommit.set(on);
      return this;
    }

    /**
     * Opens the log. A missing file (and folder) is created by the first append, not here: a log opened
     * and never written leaves nothing behind, and reads as empty until then. A torn tail does not stop
     * opening: it is reported by {@link FileAuditLog#verify()} and blocks appends until repaired.
     *
     * @return the log
     * @throws AuditLogException if the file cannot be opened
     */
    public FileAuditLog open() {
      String name = fileName.orElse(DEFAULT_FILE_NAME);
      AuditLineFile file;
      try {
        file = AuditLineFile.open(folder, name);
      } catch (IOException e) {
        throw new AuditLogException("cannot open audit log " + Files2.show(folder.resolve(name)) + ": "
            + Files2.describe(e), e);
      }
      return new FileAuditLog(file, key.get().map(k -> new SignedHead(file.file(), k)),
          groupCommit.orElse(false), clock.orElse(Clock.systemUTC()),
          standard.orElse(DEFAULT_COMPLIANCE_STANDARD));
    }
  }
}
