package io.github.eventretry.state.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.internal.AuditCodec;
import io.github.eventretry.state.internal.ChainVerifier;
import io.github.eventretry.state.internal.Json;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The one place the JDBC audit log meets the file log's record format: a row of {@code audit_record}
 * is the record's canonical JSON member by member, so sealing a record and walking the chain reuse the
 * file log's codec and verifier, and both logs hash and verify alike. Thread-safe (a {@link Walk} is not).
 */
final class AuditRows {
  /** The columns of {@code audit_record}, in the order {@link #read} expects them. */
  static final String COLUMNS = "seq, recorded_at, action, version_id, policy_fingerprint, actor,"
      + " compliance_standard, details, prev_hash, hash";

  private AuditRows() {}

  /** Builds and hashes the next record. */
  static AuditRecord seal(long seq, Instant at, AuditEntry entry, String standard, String prevHash) {
    return AuditCodec.seal(seq, at, entry, standard, prevHash).record();
  }

  /** The {@code details} column: the canonical JSON object of the details. */
  static String details(AuditRecord r) {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    r.details().forEach(d::put);
    return CanonicalJson.canonicalize(d);
  }

  /** The record's JSON rebuilt from the current row (columns as in {@link #COLUMNS}). */
  static ObjectNode read(ResultSet r) throws SQLException {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("seq", r.getLong(1));
    o.put("timestamp", r.getString(2));
    o.put("action", r.getString(3));
    o.put("version_id", r.getString(4));
    o.put("policy_fingerprint", r.getString(5));
    o.put("actor", r.getString(6));
    o.put("compliance_standard", r.getString(7));
    String details = r.getString(8);
    JsonNode d;
    try {
      d = details == null ? null : Json.MAPPER.readTree(details);
    } catch (IOException e) {
      d = null;
    }
    if (d == null || !d.isObject()) {
      o.put("details", details); // not an object: the verifier reports the row as unparsable
    } else {
      o.set("details", d);
    }
    o.put("prev_hash", r.getString(9));
    o.put("hash", r.getString(10));
    return o;
  }

  /** The record of a row, or empty if the row is not a valid record. */
  static Optional<AuditRecord> parse(ObjectNode row) {
    try {
      return Optional.of(AuditCodec.parse(row));
    } catch (Json.Bad | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** One verification walk over the rows in seq order. Not thread-safe. */
  static final class Walk {
    private final ChainVerifier verifier;

    Walk(long headSeq, Collection<AuditExpectation> expectations) {
      verifier = new ChainVerifier(headSeq, expectations);
    }

    /** Examines one row, as the file log examines one line. */
    void row(ObjectNode row) {
      byte[] line = CanonicalJson.canonicalBytes(row);
      verifier.line(line, 0, line.length, true);
    }

    /** Checks the head row against the last record walked. */
    void head(long seq, String hash) {
      long last = verifier.lastSeq();
      Optional<String> atHead = verifier.hashAtAnchor();
      if (seq < 0) {
        verifier.fault(new AuditFault(last + 1, 0, AuditFault.Kind.HEAD_MISMATCH,
            "the head row of the log is missing (audit_head was emptied): appends are refused"));
        return;
      }
      if (seq == 0) {
        if (last > 0) {
          verifier.fault(new AuditFault(1, 0, AuditFault.Kind.HEAD_MISMATCH, "the log goes on to seq "
              + last + " but its head row says it is empty: records were inserted outside eventretry"));
        }
      } else if (last < seq) {
        verifier.fault(new AuditFault(seq, 0, AuditFault.Kind.HEAD_MISMATCH, "the log ends at seq " + last
            + ", but its head row says seq " + seq + ": records were deleted from the table"));
      } else if (atHead.isEmpty()) {
        verifier.fault(new AuditFault(seq, 0, AuditFault.Kind.HEAD_MISMATCH, "the record the head row"
            + " names, seq " + seq + ", is missing: records were deleted from the table"));
      } else if (!atHead.get().equals(hash)) {
        verifier.fault(new AuditFault(seq, 0, AuditFault.Kind.HEAD_MISMATCH, "the record at seq " + seq
            + " is not the one the head row names: the table was rewritten"));
      } else if (last > seq) {
        verifier.fault(new AuditFault(seq + 1, 0, AuditFault.Kind.HEAD_MISMATCH, "the log goes on to seq "
            + last + " after its head row's seq " + seq + ": records were inserted outside eventretry"));
      }
    }

    /** Checks what the states expect, and returns the result. */
    AuditVerification finish() {
      verifier.checkExpectations();
      return verifier.result(false);
    }
  }
}
