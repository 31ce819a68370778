package io.github.eventretry.state.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.audit.AuditCheckpoint;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditFault.Kind;
import io.github.eventretry.state.audit.AuditHead;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.AuditVerification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the lines of an audit log in order and collects every fault, keeping going after each; then
 * checks what the deployment states expect of the log. Not thread-safe: one walk per instance.
 */
public final class ChainVerifier {
  /** The action of a record noting that the log was found shorter than a state expected. */
  public static final String GAP_ACTION = "audit_gap_found";
  private static final byte[] GAP_ACTION_BYTES = GAP_ACTION.getBytes(StandardCharsets.US_ASCII);

  private final List<AuditFault> faults = new ArrayList<>();
  private long checked;
  private long valid;
  private long line;
  private long prevSeq;
  // The previous record's hash as 64 lowercase hex bytes; unknown after an unparsable line.
  private final byte[] prevHash = AuditRecord.GENESIS_HASH.getBytes(StandardCharsets.US_ASCII);
  private boolean prevHashKnown = true;
  private long lastSeq;
  private long records;
  private final long anchorSeq;
  private String hashAtAnchor;
  private final List<AuditExpectation> expectations;
  private final Map<Long, String> hashAt = new HashMap<>();
  private final Set<String> changesSeen = new HashSet<>();
  private final Set<String> changesWanted = new HashSet<>();
  private final boolean fast;
  private final AuditLineScanner scanner = new AuditLineScanner();
  private final MessageDigest sha256 = AuditCodec.sha256();
  private final byte[] digest = new byte[32];
  private final byte[] digestHex = new byte[64];

  /** Starts a walk; {@code anchorSeq} is the seq whose stored hash to remember (-1 for none). */
  public ChainVerifier(long anchorSeq) {
    this(anchorSeq, List.of());
  }

  /** Starts a walk that also checks what the given states expect of the log. */
  public ChainVerifier(long anchorSeq, Collection<AuditExpectation> expectations) {
    this(anchorSeq, expectations, true);
  }

  /**
   * A walk that checks every line the slow way, by parsing it into a tree and hashing its
   * re-canonicalized form: the reference the fast path is tested against.
   */
  public static ChainVerifier reference(long anchorSeq, Collection<AuditExpectation> expectations) {
    return new ChainVerifier(anchorSeq, expectations, false);
  }

  private ChainVerifier(long anchorSeq, Collection<AuditExpectation> expectations, boolean fast) {
    this.fast = fast;
    this.anchorSeq = anchorSeq;
    this.expectations = List.copyOf(expectations);
    for (AuditExpectation e : this.expectations) {
      e.checkpoint().flatMap(AuditCheckpoint::headBefore).ifPresent(h -> hashAt.put(h.seq(), null));
      if (e.checkpoint().isPresent()) {
        changesWanted.add(changeKey(e.integrationId(), Long.toString(e.serial())));
      }
    }
  }

  private static String changeKey(String integrationId, String serial) {
    return integrationId + "\u0000" + serial;
  }

  /**
   * Examines one line (without its newline); {@code terminated} is false only for a final segment
   * without a newline.
   */
  public void line(byte[] buf, int off, int len, boolean terminated) {
    line++;
    checked++;
    if (!terminated) {
      faults.add(new AuditFault(prevSeq + 1, line, Kind.TORN_TAIL, "the last line (" + len
          + " bytes) has no newline: an append was cut short; repairing the log's torn tail removes it"));
      return;
    }
    if (fast && scanner.scan(buf, off, off + len, false) >= 0 && acceptScanned(buf, off, off + len)) {
      return;
    }
    referenceLine(buf, off, len);
  }

  /**
   * Examines the complete lines in {@code [start, end)} and returns where the first line without its
   * newline starts ({@code end} if none): the walk's entry point, which lets the scan of a record find
   * its line's end.
   */
  public int lines(byte[] buf, int start, int end) {
    // Scan only up to the last newline: a scan that ran into the end of the buffer would fail at a
    // different place in every chunk, and each such place costs the compiled scan a deoptimization.
    int complete = end;
    while (complete > start && buf[complete - 1] != '\n') {
      complete--;
    }
    int p = start;
    while (p < complete) {
      int nl = fast ? scanner.scan(buf, p, complete, true) : -1;
      if (nl >= 0 && acceptScanned(buf, p, nl)) {
        line++;
        checked++;
        p = nl + 1;
        continue;
      }
      nl = AuditLineScanner.indexOfNewline(buf, p, complete);
      line++;
      checked++;
      referenceLine(buf, p, nl - p);
      p = nl + 1;
    }
    return p;
  }

  /**
   * The fast path, for a line in exactly the written form: hashes the line's own bytes without the
   * {@code hash} member (for a canonical line, that is the canonical JSON of the record without its
   * hash) and takes the record as valid if the hash, the link and the seq all match. Anything else
   * returns false, before changing any state, and the reference check decides, so both paths report
   * the same faults with the same words.
   */
  private boolean acceptScanned(byte[] buf, int off, int lineEnd) {
    AuditLineScanner s = scanner;
    long seq = s.seq;
    if (seq != prevSeq + 1 || s.actionIs(buf, GAP_ACTION_BYTES)) {
      return false;
    }
    if (prevHashKnown
        ? !AuditLineScanner.equal64(buf, s.prevValue, prevHash)
        : !isHex64(buf, s.prevValue)) {
      return false;
    }
    sha256.update(buf, off, s.hashMemberStart - off);
    sha256.update(buf, s.hashMemberEnd, lineEnd - s.hashMemberEnd);
    try {
      sha256.digest(digest, 0, 32);
    } catch (DigestException e) {
      throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
    }
    if (!AuditLineScanner.isHexOf(buf, s.hashValue, digest)) {
      return false;
    }
    System.arraycopy(buf, s.hashValue, digestHex, 0, 64);
    String id = null;
    String serial = null;
    if (!changesWanted.isEmpty() && s.integrationIdStart >= 0 && s.stateSerialStart >= 0) {
      if (s.detailsEscaped) {
        return false;
      }
      id = new String(buf, s.integrationIdStart, s.integrationIdEnd - s.integrationIdStart,
          StandardCharsets.UTF_8);
      serial = new String(buf, s.stateSerialStart, s.stateSerialEnd - s.stateSerialStart,
          StandardCharsets.UTF_8);
    }
    valid++;
    if (seq == anchorSeq) {
      hashAtAnchor = new String(digestHex, StandardCharsets.US_ASCII);
    }
    if (!hashAt.isEmpty() && hashAt.containsKey(seq)) {
      hashAt.put(seq, new String(digestHex, StandardCharsets.US_ASCII));
    }
    if (id != null) {
      changesSeen.add(changeKey(id, serial));
    }
    records++;
    prevSeq = seq;
    System.arraycopy(digestHex, 0, prevHash, 0, 64);
    prevHashKnown = true;
    lastSeq = seq;
    return true;
  }

  /**
   * The hash of a parsed record without its hash member; a record JSON can hold but RFC 8785 cannot
   * write (a lone surrogate, which Jackson reads from a UTF-8 encoded surrogate) is not a record.
   */
  private static String canonicalHash(ObjectNode withoutHash) throws Json.Bad {
    byte[] canonical;
    try {
      canonical = CanonicalJson.canonicalBytes(withoutHash);
    } catch (IllegalArgumentException e) {
      throw new Json.Bad("not I-JSON: " + e.getMessage());
    }
    return AuditCodec.recordHash(canonical);
  }

  private static boolean isHex64(byte[] b, int p) {
    for (int i = p; i < p + 64; i++) {
      byte c = b[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** The reference check of one complete line: parse, check the shape, re-canonicalize and hash. */
  private void referenceLine(byte[] buf, int off, int len) {
    JsonNode n;
    AuditCodec.Link r;
    String computed;
    try {
      n = Json.MAPPER.readTree(buf, off, len);
      r = AuditCodec.check(n);
      ((ObjectNode) n).remove("hash"); // r holds it
      computed = canonicalHash((ObjectNode) n);
    } catch (IOException | Json.Bad | RuntimeException e) {
      String why = e instanceof Json.Bad ? SafeText.quote(e.getMessage()) : "not JSON";
      faults.add(new AuditFault(prevSeq + 1, line, Kind.UNPARSABLE_LINE,
          "line " + line + " is not an audit record: " + why));
      prevSeq++;
      prevHashKnown = false;
      return;
    }
    boolean ok = true;
    long seq = r.seq();
    if (seq != prevSeq + 1) {
      ok = false;
      faults.add(new AuditFault(seq, line, Kind.GAP, "seq " + seq + " follows seq " + prevSeq
          + " (expected " + (prevSeq + 1) + ")"));
    }
    if (prevHashKnown && !Arrays.equals(prevHash, r.prevHash().getBytes(StandardCharsets.US_ASCII))) {
      ok = false;
      faults.add(new AuditFault(seq, line, Kind.BROKEN_LINK,
          "prev_hash of seq " + seq + " is not the hash of the record before it"));
    }
    ObjectNode o = (ObjectNode) n;
    if (!computed.equals(r.hash())) {
      ok = false;
      faults.add(new AuditFault(seq, line, Kind.HASH_MISMATCH,
          "hash of seq " + seq + " does not match its content"));
    }
    if (ok) {
      valid++;
    }
    if (seq == anchorSeq) {
      hashAtAnchor = r.hash();
    }
    if (hashAt.containsKey(seq)) {
      hashAt.put(seq, r.hash());
    }
    JsonNode d = o.get("details");
    JsonNode id = d.get(AuditCheckpoint.INTEGRATION_ID);
    JsonNode serial = d.get(AuditCheckpoint.STATE_SERIAL);
    if (id != null && serial != null && !changesWanted.isEmpty()) {
      changesSeen.add(changeKey(id.asText(), serial.asText()));
    }
    if (GAP_ACTION.equals(o.get("action").asText())) {
      faults.add(new AuditFault(seq, line, Kind.TRUNCATED, "record seq " + seq + " notes that the log"
          + " was found shorter than the state of " + SafeText.quote(id == null ? "?" : id.asText())
          + " expected: " + SafeText.quote(d.path("found").asText(""), 200)));
    }
    records++;
    prevSeq = seq;
    System.arraycopy(r.hash().getBytes(StandardCharsets.US_ASCII), 0, prevHash, 0, 64);
    prevHashKnown = true;
    lastSeq = seq;
  }

  /** Adds a fault found outside the walk (the head anchor). */
  public void fault(AuditFault f) {
    faults.add(f);
  }

  /** Checks, after the walk, what each deployment state expects of the log. */
  public void checkExpectations() {
    for (AuditExpectation e : expectations) {
      String who = "the state of " + e.integrationId() + " (serial " + e.serial() + ")";
      if (records == 0 && (e.versionCount() > 0 || e.checkpoint().isPresent())) {
        faults.add(new AuditFault(0, 0, Kind.TRUNCATED, "the log holds no record, but " + who
            + " holds " + e.versionCount() + " version(s): the log was emptied or replaced"));
        continue;
      }
      if (e.checkpoint().isEmpty()) {
        continue; // written before checkpoints were recorded: only emptiness can be told
      }
      AuditCheckpoint c = e.checkpoint().get();
      Optional<AuditHead> head = c.headBefore();
      if (head.isPresent()) {
        AuditHead h = head.get();
        String found = hashAt.get(h.seq());
        if (found == null) {
          faults.add(new AuditFault(h.seq(), 0, Kind.TRUNCATED, "the log ends at seq " + lastSeq
              + ", but " + who + " was saved after seq " + h.seq() + ": records are missing"));
          continue;
        }
        if (!found.equals(h.hash())) {
          faults.add(new AuditFault(h.seq(), 0, Kind.TRUNCATED, "record seq " + h.seq()
              + " is not the one " + who + " was saved after: the log was cut and written again"));
          continue;
        }
      }
      if (!changesSeen.contains(changeKey(e.integrationId(), Long.toString(e.serial())))) {
        String what = c.entry().action() + c.entry().versionId().map(v -> " of " + v).orElse("");
        faults.add(new AuditFault(head.map(AuditHead::seq).orElse(0L) + 1, 0, Kind.UNRECORDED_CHANGE,
            "no record of the change that brought " + who + " there (" + SafeText.quote(what)
                + "): its append failed, or the log lost its last record; resuming writes it"));
      }
    }
  }

  /** The stored hash of the record with the anchor seq, if it was seen. */
  public Optional<String> hashAtAnchor() {
    return Optional.ofNullable(hashAtAnchor);
  }

  /** The seq of the last parsable record, 0 if none. */
  public long lastSeq() {
    return lastSeq;
  }

  /** Lines examined so far. */
  public long lines() {
    return line;
  }

  /** The result. */
  public AuditVerification result(boolean anchored) {
    return new AuditVerification(checked, valid, faults, anchored);
  }
}
