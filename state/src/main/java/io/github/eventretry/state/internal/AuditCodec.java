package io.github.eventretry.state.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The JSON Lines form of audit records. Thread-safe. */
public final class AuditCodec {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private AuditCodec() {}

  /** A sealed record and its line (canonical JSON and a newline). */
  public record Sealed(AuditRecord record, byte[] line) {}

  /** Builds, hashes and serializes the next record. */
  public static Sealed seal(long seq, Instant timestamp, AuditEntry e, String standard, String prevHash) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("seq", seq);
    o.put("timestamp", timestamp.toString());
    o.put("action", e.action());
    if (e.versionId().isPresent()) {
      o.put("version_id", e.versionId().get());
    } else {
      o.putNull("version_id");
    }
    if (e.policyFingerprint().isPresent()) {
      o.put("policy_fingerprint", e.policyFingerprint().get().value());
    } else {
      o.putNull("policy_fingerprint");
    }
    o.put("actor", e.actor());
    o.put("compliance_standard", standard);
    ObjectNode d = o.putObject("details");
    e.details().forEach(d::put);
    o.put("prev_hash", prevHash);
    String hash = recordHash(CanonicalJson.canonicalBytes(o));
    o.put("hash", hash);
    byte[] body = CanonicalJson.canonicalBytes(o);
    byte[] line = new byte[body.length + 1];
    System.arraycopy(body, 0, line, 0, body.length);
    line[body.length] = '\n';
    AuditRecord r = new AuditRecord(seq, timestamp, e.action(), e.versionId(),
        e.policyFingerprint().map(f -> f.value()), e.actor(), standard, e.details(), prevHash, hash);
    return new Sealed(r, line);
  }

  /**
   * The hash of a record: the lowercase hex SHA-256 of the RFC 8785 canonical JSON bytes of the record
   * without its {@code hash} member. For a line {@link #seal} wrote, those bytes are the line without
   * its newline and without {@code "hash":"<64 hex>",} (canonical order puts {@code hash} between
   * {@code details} and {@code policy_fingerprint}). The one definition of the record hash, shared by
   * every audit log of this module; its signature is kept stable.
   *
   * @param canonicalWithoutHash the canonical bytes of the record without {@code hash}
   * @return 64 lowercase hex digits
   */
  public static String recordHash(byte[] canonicalWithoutHash) {
    byte[] hex = new byte[64];
    hex(sha256().digest(canonicalWithoutHash), hex);
    return new String(hex, StandardCharsets.US_ASCII);
  }

  /** A new SHA-256 digest. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Writes 32 bytes as 64 lowercase hex digits. */
  static void hex(byte[] digest, byte[] out) {
    for (int i = 0; i < 32; i++) {
      out[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
    }
  }

  /** The members every record has, in canonical order. */
  private static final String[] MEMBERS = {"action", "actor", "compliance_standard", "details", "hash",
      "policy_fingerprint", "prev_hash", "seq", "timestamp", "version_id"};

  /** What the chain walk needs from a record. */
  public record Link(long seq, String prevHash, String hash) {}

  /**
   * Checks the shape of a parsed record as {@link #parse} does, without building the record (the
   * verifier's hot path).
   */
  public static Link check(JsonNode n) throws Json.Bad {
    if (!n.isObject() || n.size() != MEMBERS.length) {
      throw new Json.Bad("a record is an object with exactly the members " + String.join(", ", MEMBERS));
    }
    for (String m : MEMBERS) {
      if (!n.has(m)) {
        throw new Json.Bad("missing member " + m);
      }
    }
    long seq = Json.integer(n, "seq");
    if (seq < 1) {
      throw new Json.Bad("seq must be 1 or more (found " + seq + ")");
    }
    String prev = Json.text(n, "prev_hash");
    String hash = Json.text(n, "hash");
    if (!isHex64(prev) || !isHex64(hash)) {
      throw new Json.Bad("prev_hash and hash must be 64 lowercase hex digits");
    }
    Json.instant(n, "timestamp");
    Json.text(n, "action");
    Json.text(n, "actor");
    Json.text(n, "compliance_standard");
    Json.textOrNull(n, "version_id");
    Json.textOrNull(n, "policy_fingerprint");
    JsonNode d = n.get("details");
    if (!d.isObject()) {
      throw new Json.Bad("details must be an object");
    }
    for (JsonNode v : d) {
      if (!v.isTextual()) {
        throw new Json.Bad("details values must be strings");
      }
    }
    return new Link(seq, prev, hash);
  }

  private static boolean isHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Checks the shape of a parsed record and returns it; the hash is not checked here. */
  public static AuditRecord parse(JsonNode n) throws Json.Bad {
    ObjectNode o = Json.object(n, "record", "seq", "timestamp", "action", "version_id",
        "policy_fingerprint", "actor", "compliance_standard", "details", "prev_hash", "hash");
    long seq = Json.integer(o, "seq");
    if (seq < 1) {
      throw new Json.Bad("seq must be 1 or more (found " + seq + ")");
    }
    String prev = Json.text(o, "prev_hash");
    String hash = Json.text(o, "hash");
    if (!HEX64.matcher(prev).matches() || !HEX64.matcher(hash).matches()) {
      throw new Json.Bad("prev_hash and hash must be 64 lowercase hex digits");
    }
    JsonNode d = o.get("details");
    if (!d.isObject()) {
      throw new Json.Bad("details must be an object");
    }
    Map<String, String> details = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : d.properties()) {
      if (!e.getValue().isTextual()) {
        throw new Json.Bad("details." + e.getKey() + " must be a string");
      }
      details.put(e.getKey(), e.getValue().textValue());
    }
    return new AuditRecord(seq, Json.instant(o, "timestamp"), Json.text(o, "action"),
        Optional.ofNullable(Json.textOrNull(o, "version_id")),
        Optional.ofNullable(Json.textOrNull(o, "policy_fingerprint")), Json.text(o, "actor"),
        Json.text(o, "compliance_standard"), details, prev, hash);
  }
}
