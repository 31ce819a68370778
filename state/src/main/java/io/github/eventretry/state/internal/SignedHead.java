package io.github.eventretry.state.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditLogException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed head of a file audit log: {@code <log>.head} holding {@code {"hash","mac","seq"}}, where
 * {@code mac} is HMAC-SHA256 over the canonical JSON of {@code {"hash","seq"}}. Written atomically after
 * a force, never moved backwards; read beside a walk of the log to find a cut or rewritten tail.
 *
 * <p>Thread-safe (immutable; callers serialize writes under the line file's monitor and lock). The key
 * is held as given and never printed.
 */
public final class SignedHead {
  private final Path headFile;
  private final byte[] key;

  /** The head as the file holds it. */
  public record Head(long seq, String hash, String mac) {}

  /** A head file as read: the head, or why it could not be read. */
  public record Read(Optional<Head> head, Optional<String> problem) {}

  /** A signed head beside {@code logFile}, with a key of at least 16 bytes (copied). */
  public SignedHead(Path logFile, byte[] key) {
    this.headFile = logFile.resolveSibling(logFile.getFileName() + ".head");
    this.key = key.clone();
  }

  /** The head file's path. */
  public static Path fileOf(Path logFile) {
    return logFile.resolveSibling(logFile.getFileName() + ".head");
  }

  /** Reads the head file, recording what is wrong with it. */
  public Read read() {
    try {
      Optional<Head> h = readHead();
      return h.isPresent() ? new Read(h, Optional.empty())
          : new Read(h, Optional.of("the signed head file " + Files2.show(headFile) + " is missing"));
    } catch (IOException | Json.Bad e) {
      return new Read(Optional.empty(),
          Optional.of("the signed head file " + Files2.show(headFile) + " is unreadable"));
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

  /** Whether a head's signature is this key's. */
  public boolean signed(Head h) {
    return MessageDigest.isEqual(mac(h.seq(), h.hash()).getBytes(StandardCharsets.US_ASCII),
        h.mac().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Anchors a forced record (the caller holds the line file's monitor and exclusive lock), unless the
   * head on disk is already at or past it: with several writers sharing a log, each anchors its own
   * forced seq, and the head must never move backwards. A missing or unreadable head is replaced.
   */
  public void anchorIfNewer(long seq, String hash) {
    try {
      Optional<Head> onDisk = readHead();
      if (onDisk.isPresent() && onDisk.get().seq() >= seq && signed(onDisk.get())) {
        return;
      }
    } catch (IOException | Json.Bad e) {
      // replaced below
    }
    anchor(seq, hash);
  }

  /** Writes the head (the caller holds the line file's monitor and exclusive lock). */
  public void anchor(long seq, String hash) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("seq", seq);
    o.put("hash", hash);
    o.put("mac", mac(seq, hash));
    try {
      Files2.writeAtomically(headFile, CanonicalJson.canonicalBytes(o));
    } catch (IOException e) {
      throw new AuditLogException("cannot write the signed head " + Files2.show(headFile) + ": "
          + Files2.describe(e), e);
    }
  }

  /**
   * Adds the faults of the anchored head to a finished walk: missing or unreadable head (when the log
   * has records), wrong signature, a head seq not in the log (truncated), another record at its seq
   * (rewritten), records after it that are not anchored.
   */
  public void check(Read read, ChainVerifier v) {
    if (read.problem().isPresent()) {
      if (v.lastSeq() > 0) {
        v.fault(new AuditFault(0, 0, AuditFault.Kind.HEAD_MISMATCH, read.problem().get()));
      }
      return;
    }
    Head h = read.head().orElseThrow();
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
}
