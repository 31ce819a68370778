package io.github.eventretry.state.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.state.AuditFault;
import io.github.eventretry.state.AuditFault.Kind;
import io.github.eventretry.state.AuditRecord;
import io.github.eventretry.state.AuditVerification;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks the lines of an audit log in order and collects every fault, keeping going after each. Not
 * thread-safe: one walk per instance.
 */
public final class ChainVerifier {
  private final List<AuditFault> faults = new ArrayList<>();
  private long checked;
  private long valid;
  private long line;
  private long prevSeq;
  private String prevHash = AuditRecord.GENESIS_HASH; // null: unknown (after an unparsable line)
  private long lastSeq;
  private String lastHash;
  private final long anchorSeq;
  private String hashAtAnchor;

  /** Starts a walk; {@code anchorSeq} is the seq whose stored hash to remember (-1 for none). */
  public ChainVerifier(long anchorSeq) {
    this.anchorSeq = anchorSeq;
  }

  /** Examines one line; {@code terminated} is false only for a final segment without a newline. */
  public void line(byte[] buf, int off, int len, boolean terminated) {
    line++;
    checked++;
    if (!terminated) {
      faults.add(new AuditFault(prevSeq + 1, line, Kind.TORN_TAIL, "the last line (" + len
          + " bytes) has no newline: an append was cut short; repairTornTail() removes it"));
      return;
    }
    JsonNode n;
    AuditCodec.Link r;
    try {
      n = Json.MAPPER.readTree(buf, off, len);
      r = AuditCodec.check(n);
    } catch (IOException | Json.Bad | RuntimeException e) {
      String why = e instanceof Json.Bad ? e.getMessage() : "not JSON";
      faults.add(new AuditFault(prevSeq + 1, line, Kind.UNPARSABLE_LINE,
          "line " + line + " is not an audit record: " + why));
      prevSeq++;
      prevHash = null;
      return;
    }
    boolean ok = true;
    long seq = r.seq();
    if (seq != prevSeq + 1) {
      ok = false;
      faults.add(new AuditFault(seq, line, Kind.GAP, "seq " + seq + " follows seq " + prevSeq
          + " (expected " + (prevSeq + 1) + ")"));
    }
    if (prevHash != null && !prevHash.equals(r.prevHash())) {
      ok = false;
      faults.add(new AuditFault(seq, line, Kind.BROKEN_LINK,
          "prev_hash of seq " + seq + " is not the hash of the record before it"));
    }
    ObjectNode o = (ObjectNode) n;
    o.remove("hash");
    String computed = CanonicalJson.sha256Hex(o);
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
    prevSeq = seq;
    prevHash = r.hash();
    lastSeq = seq;
    lastHash = r.hash();
  }

  /** Adds a fault found outside the walk (the head anchor). */
  public void fault(AuditFault f) {
    faults.add(f);
  }

  /** The stored hash of the record with the anchor seq, if it was seen. */
  public Optional<String> hashAtAnchor() {
    return Optional.ofNullable(hashAtAnchor);
  }

  /** The seq of the last parsable record, 0 if none. */
  public long lastSeq() {
    return lastSeq;
  }

  /** The hash of the last parsable record. */
  public Optional<String> lastHash() {
    return Optional.ofNullable(lastHash);
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
