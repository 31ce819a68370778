package io.github.eventretry.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.PolicyFingerprint;
import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.state.audit.AuditCheckpoint;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditFault.Kind;
import io.github.eventretry.state.audit.AuditHead;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.AuditVerification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The fast verifier (a byte scan of each line and a hash of its own bytes) finds exactly what the
 * reference verifier (a JSON tree per line, re-canonicalized and hashed) finds: the same totals, the
 * same faults with the same seq, line and words, on logs with every kind of fault injected, fed whole
 * lines or in chunks cut anywhere.
 */
class ChainVerifierAgreementProperties {

  /** One change made to a log after it was written. */
  sealed interface Fault {}

  /** Flips bits of one byte. */
  record FlipByte(int where, int xor) implements Fault {}

  /** Deletes a line. */
  record DeleteLine(int index) implements Fault {}

  /** Swaps two lines. */
  record SwapLines(int a, int b) implements Fault {}

  /** Writes a line twice. */
  record DuplicateLine(int index) implements Fault {}

  /** Replaces a line by text that is not a record. */
  record Garbage(int index, String text) implements Fault {}

  /** Cuts the file some bytes before its end (a torn tail, or a shorter log). */
  record Truncate(int bytes) implements Fault {}

  /** Changes the actor of a record and gives it a correct hash of its new content. */
  record Rewrite(int index) implements Fault {}

  /** Adds whitespace after the first colon (valid JSON, not canonical), optionally hashing those bytes. */
  record Reformat(int index, boolean rehashBytes) implements Fault {}

  /** Writes the first 'a' of the actor as the escape \u0061 (valid JSON, not canonical). */
  record NeedlessEscape(int index) implements Fault {}

  /** Writes the stored hash in upper case. */
  record UpperCaseHash(int index) implements Fault {}

  /** Replaces the timestamp, with a correct hash of the new content. */
  record Timestamp(int index, String text) implements Fault {}

  /** Moves the details members out of order, optionally hashing those bytes. */
  record UnsortedDetails(int index, boolean rehashBytes) implements Fault {}

  // ---- generated logs ----

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
        .withChars(" _-@.:%\"\\/\n\t\b\u0001\u001f\u007f\u00e9\u4e2d\ufffd~").ofMinLength(1).ofMaxLength(10)
        .map(s -> s.replace("~", "\ud83d\ude00")); // a supplementary character, never a lone surrogate
  }

  @Provide
  Arbitrary<Instant> instants() {
    long from = Instant.parse("0900-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
    long common = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    Arbitrary<Long> seconds = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(common, common + 100_000_000L)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(from, to)));
    Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 999).map(m -> m * 1_000_000)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 999_999_999)));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<AuditEntry> entries() {
    Arbitrary<String> action = Arbitraries.oneOf(Arbitraries.of("stage_applied", "deploy_started",
        ChainVerifier.GAP_ACTION), text());
    Arbitrary<Map<String, String>> details = Arbitraries.maps(
        Arbitraries.oneOf(text(), Arbitraries.of("a", "ab", "abcdefgh", "abcdefghi", "stage", "found")),
        text()).ofMaxSize(4);
    Arbitrary<Optional<String>> change = Arbitraries.of("i1", "i2").optional(0.5);
    Arbitrary<Integer> serial = Arbitraries.integers().between(1, 4);
    Arbitrary<Optional<String>> version = text().optional(0.7);
    Arbitrary<Optional<PolicyFingerprint>> fingerprint = Arbitraries.strings().withChars("0123456789abcdef")
        .ofLength(64).map(h -> PolicyFingerprint.parse("sha256:" + h)).optional(0.7);
    return Combinators.combine(action, text(), details, change, serial, version, fingerprint)
        .as((a, who, d, id, s, v, f) -> {
          Map<String, String> all = new TreeMap<>(d);
          id.ifPresent(i -> {
            all.put(AuditCheckpoint.INTEGRATION_ID, i);
            all.put(AuditCheckpoint.STATE_SERIAL, Integer.toString(s));
          });
          return new AuditEntry(a.isBlank() ? "x" : a, v, f, who.isBlank() ? "alice" : who, all);
        });
  }

  @Provide
  Arbitrary<Fault> faults() {
    Arbitrary<Integer> i = Arbitraries.integers().between(0, 1000);
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.integers().between(0, 100_000),
            Arbitraries.integers().between(1, 255)).as(FlipByte::new),
        i.map(DeleteLine::new),
        Combinators.combine(i, i).as(SwapLines::new),
        i.map(DuplicateLine::new),
        Combinators.combine(i, Arbitraries.of("{\"seq\":3, this is not json", "", "{}", "[1,2]",
            "{\"action\":\"x\"}", "null", "\u00ff\u00fe")).as(Garbage::new),
        Arbitraries.integers().between(0, 400).map(Truncate::new),
        i.map(Rewrite::new),
        Combinators.combine(i, Arbitraries.of(false, true)).as(Reformat::new),
        i.map(NeedlessEscape::new),
        i.map(UpperCaseHash::new),
        Combinators.combine(i, Arbitraries.of("2026-02-29T00:00:00Z", "2024-02-29T23:59:59.999999999Z",
            "2100-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z",
            "2026-01-01T00:00:60Z", "2026-12-31T23:59:59.Z", "2026-12-31T23:59:59.1234567890Z",
            "2026-12-31T23:59:59z", "2026-12-31T23:59:59+01:00", "2026-12-31 23:59:59Z", "0999-12-31T23:59:59Z",
            "1000-01-01T00:00:00Z", "9999-12-31T23:59:59.9Z", "+10000-01-01T00:00:00Z", "2026-1-01T00:00:00Z",
            "2026-12-31T23:59Z", "not a time")).as(Timestamp::new),
        Combinators.combine(i, Arbitraries.of(false, true)).as(UnsortedDetails::new));
  }

  // ---- the properties ----

  @Property(tries = 300)
  void theFastAndTheReferenceVerifierFindTheSameFaults(
      @ForAll @Size(min = 0, max = 25) List<@From("entries") AuditEntry> entries,
      @ForAll("instants") Instant start,
      @ForAll @Size(max = 4) List<@From("faults") Fault> faults,
      @ForAll @IntRange(min = -1, max = 30) int anchorSeq,
      @ForAll @Size(max = 3) List<@IntRange(min = 0, max = 40) Integer> expectedHeads,
      @ForAll @IntRange(min = 1, max = 700) int chunk) {
    List<Sealed> log = write(entries, start);
    byte[] bytes = inject(log, faults);
    List<AuditExpectation> expectations = expectations(log, expectedHeads);

    Outcome reference = walkLines(ChainVerifier.reference(anchorSeq, expectations), bytes);
    Outcome fastLines = walkLines(new ChainVerifier(anchorSeq, expectations), bytes);
    Outcome fastChunks = walkChunks(new ChainVerifier(anchorSeq, expectations), bytes, chunk);

    assertThat(fastLines).isEqualTo(reference);
    assertThat(fastChunks).isEqualTo(reference);
    if (faults.isEmpty()) {
      assertThat(reference.verification().recordsValid()).isEqualTo(entries.size());
    }
  }

  @Property(tries = 200)
  void anyWrittenLogIsIntactAndAnySingleByteChangeIsFoundTheSameWay(
      @ForAll @Size(min = 1, max = 12) List<@From("entries") AuditEntry> entries,
      @ForAll("instants") Instant start,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    List<Sealed> log = write(entries, start);
    byte[] bytes = join(log.stream().map(Sealed::line).toList());
    AuditVerification written = walkChunks(new ChainVerifier(-1), bytes, 4096).verification();
    assertThat(written.recordsValid()).isEqualTo(entries.size());
    // The only faults of a log as written: the records that note a gap found earlier.
    assertThat(written.faults()).extracting(AuditFault::kind, AuditFault::seq).containsExactlyElementsOf(
        log.stream().filter(r -> r.record().action().equals(ChainVerifier.GAP_ACTION))
            .map(r -> org.assertj.core.groups.Tuple.tuple(Kind.TRUNCATED, r.record().seq())).toList());

    byte[] changed = bytes.clone();
    changed[where % changed.length] ^= (byte) xor;
    Outcome reference = walkLines(ChainVerifier.reference(-1, List.of()), changed);
    assertThat(reference.verification().faults()).isNotEqualTo(written.faults());
    assertThat(walkChunks(new ChainVerifier(-1), changed, 4096)).isEqualTo(reference);
  }

  // ---- each kind, by name ----

  @Example
  void eachKindIsFoundAtItsSeqByBothVerifiers() {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      entries.add(AuditEntry.of("stage_applied", "alice").withDetail("stage", Integer.toString(i))
          .withDetail(AuditCheckpoint.INTEGRATION_ID, "i1")
          .withDetail(AuditCheckpoint.STATE_SERIAL, Integer.toString(i)));
    }
    Instant t = Instant.parse("2026-11-29T10:00:00Z");
    List<Sealed> log = write(entries, t);

    assertKinds(log, List.of(new FlipByte(offsetIn(log, 6, "alice"), 1)), Kind.HASH_MISMATCH, 7);
    assertKinds(log, List.of(new DeleteLine(4)), Kind.GAP, 6, Kind.BROKEN_LINK, 6);
    assertKinds(log, List.of(new SwapLines(4, 5)), Kind.GAP, 6, Kind.BROKEN_LINK, 6, Kind.GAP, 5,
        Kind.BROKEN_LINK, 5, Kind.GAP, 7, Kind.BROKEN_LINK, 7);
    assertKinds(log, List.of(new Garbage(2, "{\"seq\":3, this is not json")), Kind.UNPARSABLE_LINE, 3);
    assertKinds(log, List.of(new Truncate(40)), Kind.TORN_TAIL, 10);
    assertKinds(log, List.of(new Rewrite(3)), Kind.BROKEN_LINK, 5);
    // After a line that is not a record, the next record's link cannot be checked.
    assertKinds(log, List.of(new UpperCaseHash(3)), Kind.UNPARSABLE_LINE, 4);
    assertKinds(log, List.of(new Timestamp(8, "2026-02-29T00:00:00Z")), Kind.UNPARSABLE_LINE, 9);
    // Valid JSON that is not canonical hashes as its canonical form: the reference accepts it, and so
    // must the fast verifier (which leaves it to the reference).
    assertKinds(log, List.of(new Reformat(1, false), new NeedlessEscape(2), new UnsortedDetails(3, false)));
    // Its own bytes hashed instead is a hash mismatch (the record's hash is over its canonical form).
    assertKinds(log, List.of(new Reformat(1, true)), Kind.HASH_MISMATCH, 2, Kind.BROKEN_LINK, 3);
    assertKinds(log, List.of(new UnsortedDetails(3, true)), Kind.HASH_MISMATCH, 4, Kind.BROKEN_LINK, 5);

    // What the states expect: a head that is not there, and a change with no record.
    AuditExpectation cut = new AuditExpectation("i1", 12, 3, Optional.of(new AuditCheckpoint(
        Optional.of(new AuditHead(11, log.get(9).record().hash())), entries.get(0)
            .withDetail(AuditCheckpoint.STATE_SERIAL, "12"))));
    AuditExpectation unrecorded = new AuditExpectation("i1", 11, 3, Optional.of(new AuditCheckpoint(
        Optional.of(AuditHead.of(log.get(9).record())), entries.get(0)
            .withDetail(AuditCheckpoint.STATE_SERIAL, "11"))));
    AuditExpectation recorded = new AuditExpectation("i1", 10, 3, Optional.of(new AuditCheckpoint(
        Optional.of(AuditHead.of(log.get(8).record())), entries.get(9))));
    byte[] bytes = join(log.stream().map(Sealed::line).toList());
    for (ChainVerifier v : List.of(ChainVerifier.reference(-1, List.of(cut, unrecorded, recorded)),
        new ChainVerifier(-1, List.of(cut, unrecorded, recorded)))) {
      Outcome o = walkChunks(v, bytes, 333);
      assertThat(o.verification().faults()).extracting(AuditFault::kind, AuditFault::seq).containsExactly(
          org.assertj.core.groups.Tuple.tuple(Kind.TRUNCATED, 11L),
          org.assertj.core.groups.Tuple.tuple(Kind.UNRECORDED_CHANGE, 11L));
    }

    // A record noting a gap found earlier is reported as truncated, at its seq.
    List<AuditEntry> withGap = new ArrayList<>(entries);
    withGap.set(4, AuditEntry.of(ChainVerifier.GAP_ACTION, "alice").withDetail("found", "seq 3"));
    assertKinds(write(withGap, t), List.of(), Kind.TRUNCATED, 5);
  }

  @Example
  void aLogFileLongerThanOneReadIsVerifiedAcrossTheReadsAsByTheReference() throws Exception {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= 6000; i++) {
      entries.add(AuditEntry.of("stage_applied", "alice").withDetail("stage", Integer.toString(i)));
    }
    List<Sealed> log = write(entries, Instant.parse("2026-11-29T10:00:00Z"));
    // The walk reads 1 MiB at a time: faults on both sides of the first boundary, and a torn tail.
    int atBoundary = 0;
    for (int p = 0; p < (1 << 20); atBoundary++) {
      p += log.get(atBoundary).line().length;
    }
    byte[] bytes = inject(log, List.of(new Rewrite(atBoundary - 1), new UpperCaseHash(atBoundary + 1),
        new NeedlessEscape(atBoundary), new Truncate(30)));
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("audit-chunks");
    try {
      java.nio.file.Files.write(dir.resolve("audit.jsonl"), bytes);
      AuditVerification file;
      try (var fileLog = io.github.eventretry.state.audit.FileAuditLog.open(dir)) {
        file = fileLog.verify();
      }
      AuditVerification reference = walkLines(ChainVerifier.reference(-1, List.of()), bytes).verification();
      assertThat(file).isEqualTo(reference);
      assertThat(file.faults()).extracting(AuditFault::kind, AuditFault::seq).containsExactly(
          org.assertj.core.groups.Tuple.tuple(Kind.BROKEN_LINK, (long) atBoundary + 1),
          org.assertj.core.groups.Tuple.tuple(Kind.UNPARSABLE_LINE, (long) atBoundary + 2),
          org.assertj.core.groups.Tuple.tuple(Kind.TORN_TAIL, 6000L));
    } finally {
      try (var s = java.nio.file.Files.walk(dir)) {
        for (java.nio.file.Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
    }
  }

  @Example
  void aLegacyLogTakesTheFastPathForEveryRecord() throws Exception {
    byte[] bytes;
    try (var in = getClass().getResourceAsStream("/legacy-0.1/audit.jsonl")) {
      bytes = in.readAllBytes();
    }
    ChainVerifier v = new ChainVerifier(-1);
    int consumed = v.lines(bytes, 0, bytes.length);
    AuditVerification r = v.result(false);
    assertThat(consumed).isEqualTo(bytes.length);
    assertThat(r.intact()).isTrue();
    assertThat(r.recordsValid()).isEqualTo(20);
    // Each line of the 0.1 log is in the written form, so the scan accepts it without the reference.
    AuditLineScanner scanner = new AuditLineScanner();
    int p = 0;
    int accepted = 0;
    while (p < bytes.length) {
      int nl = scanner.scan(bytes, p, bytes.length, true);
      assertThat(nl).as("line at byte %d", p).isPositive();
      accepted++;
      p = nl + 1;
    }
    assertThat(accepted).isEqualTo(20);
  }

  // ---- helpers ----

  /** A sealed record and its line. */
  record Sealed(AuditRecord record, byte[] line) {}

  /** What a walk found, everything a caller can see. */
  record Outcome(AuditVerification verification, long lastSeq, Optional<String> hashAtAnchor, long lines) {}

  static List<Sealed> write(List<AuditEntry> entries, Instant start) {
    List<Sealed> out = new ArrayList<>();
    String prev = AuditRecord.GENESIS_HASH;
    for (int i = 0; i < entries.size(); i++) {
      AuditCodec.Sealed s = AuditCodec.seal(i + 1, start.plusMillis(1234L * i), entries.get(i),
          "SOC2_TYPEII", prev);
      out.add(new Sealed(s.record(), s.line()));
      prev = s.record().hash();
    }
    return out;
  }

  static List<AuditExpectation> expectations(List<Sealed> log, List<Integer> heads) {
    List<AuditExpectation> out = new ArrayList<>();
    for (int h : heads) {
      Optional<AuditHead> head = h == 0 ? Optional.empty()
          : Optional.of(h <= log.size() ? AuditHead.of(log.get(h - 1).record())
              : new AuditHead(h, "ab".repeat(32)));
      String id = h % 2 == 0 ? "i1" : "i2";
      AuditEntry change = AuditEntry.of("stage_applied", "alice")
          .withDetail(AuditCheckpoint.INTEGRATION_ID, id)
          .withDetail(AuditCheckpoint.STATE_SERIAL, Integer.toString(1 + h % 4));
      out.add(new AuditExpectation(id, 1 + h % 4, h % 3, Optional.of(new AuditCheckpoint(head, change))));
    }
    return out;
  }

  static byte[] inject(List<Sealed> log, List<Fault> faults) {
    List<byte[]> lines = new ArrayList<>(log.stream().map(Sealed::line).toList());
    int truncate = 0;
    List<FlipByte> flips = new ArrayList<>();
    for (Fault f : faults) {
      if (f instanceof Truncate t) {
        truncate = t.bytes();
        continue;
      }
      if (f instanceof FlipByte b) {
        flips.add(b);
        continue;
      }
      if (lines.isEmpty()) {
        continue;
      }
      int n = lines.size();
      if (f instanceof DeleteLine d) {
        lines.remove(d.index() % n);
      } else if (f instanceof SwapLines s) {
        byte[] a = lines.get(s.a() % n);
        lines.set(s.a() % n, lines.get(s.b() % n));
        lines.set(s.b() % n, a);
      } else if (f instanceof DuplicateLine d) {
        lines.add(d.index() % n, lines.get(d.index() % n));
      } else if (f instanceof Garbage g) {
        lines.set(g.index() % n, (g.text() + "\n").getBytes(StandardCharsets.UTF_8));
      } else if (f instanceof Rewrite r) {
        byte[] changed = rehash(edit(lines.get(r.index() % n), o -> o.put("actor", "mallory")));
        if (changed != null) {
          lines.set(r.index() % n, changed);
        }
      } else if (f instanceof Reformat r) {
        String s = text(lines.get(r.index() % n));
        String spaced = s.replaceFirst(":", ": ");
        if (r.rehashBytes()) {
          spaced = withByteHash(spaced);
        }
        lines.set(r.index() % n, (spaced + "\n").getBytes(StandardCharsets.UTF_8));
      } else if (f instanceof NeedlessEscape e) {
        String s = text(lines.get(e.index() % n));
        int actor = s.indexOf("\"actor\":\"") + 9;
        int a = s.indexOf('a', actor);
        if (actor >= 9 && a > 0 && a < s.indexOf("\",\"compliance_standard\"")) {
          s = s.substring(0, a) + "\\u0061" + s.substring(a + 1);
        }
        lines.set(e.index() % n, (s + "\n").getBytes(StandardCharsets.UTF_8));
      } else if (f instanceof UpperCaseHash u) {
        String s = text(lines.get(u.index() % n));
        int h = s.indexOf("\"hash\":\"") + 8;
        if (h >= 8 && h + 64 <= s.length()) {
          s = s.substring(0, h) + s.substring(h, h + 64).toUpperCase(java.util.Locale.ROOT) + s.substring(h + 64);
        }
        lines.set(u.index() % n, (s + "\n").getBytes(StandardCharsets.UTF_8));
      } else if (f instanceof Timestamp t) {
        byte[] changed = rehash(edit(lines.get(t.index() % n), o -> o.put("timestamp", t.text())));
        if (changed != null) {
          lines.set(t.index() % n, changed);
        }
      } else if (f instanceof UnsortedDetails u) {
        String s = text(lines.get(u.index() % n));
        int d = s.indexOf("\"details\":{") + 11;
        int e = s.indexOf("},\"hash\":");
        String[] members = d >= 11 && e > d ? s.substring(d, e).split(",(?=\")") : new String[0];
        if (members.length > 1) {
          List<String> reversed = new ArrayList<>(Arrays.asList(members));
          java.util.Collections.reverse(reversed);
          s = s.substring(0, d) + String.join(",", reversed) + s.substring(e);
          s = u.rehashBytes() ? withByteHash(s) : s;
        }
        lines.set(u.index() % n, (s + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] bytes = join(lines);
    for (FlipByte b : flips) {
      if (bytes.length > 0) {
        bytes[b.where() % bytes.length] ^= (byte) b.xor();
      }
    }
    return Arrays.copyOf(bytes, Math.max(0, bytes.length - truncate));
  }

  static String text(byte[] line) {
    return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
  }

  /** The record of a line changed, or null if the line is not a JSON object. */
  static ObjectNode edit(byte[] line, java.util.function.Consumer<ObjectNode> change) {
    try {
      if (!(Json.MAPPER.readTree(line) instanceof ObjectNode o)) {
        return null;
      }
      change.accept(o);
      return o;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The canonical line of a record with a correct hash of its content (null: leave it). */
  static byte[] rehash(ObjectNode o) {
    if (o == null) {
      return null;
    }
    o.remove("hash");
    o.put("hash", CanonicalJson.sha256Hex(o));
    return (CanonicalJson.canonicalize(o) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A line whose hash is SHA-256 of its own bytes without the hash member, whatever their form. */
  static String withByteHash(String line) {
    int h = line.indexOf("\"hash\":\"");
    if (h < 0 || h + 8 + 64 + 2 > line.length()) {
      return line;
    }
    String without = line.substring(0, h) + line.substring(h + 8 + 64 + 2);
    String hash = AuditCodec.recordHash(without.getBytes(StandardCharsets.UTF_8));
    return line.substring(0, h + 8) + hash + line.substring(h + 8 + 64);
  }

  static byte[] join(List<byte[]> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    lines.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** Feeds each line to {@link ChainVerifier#line}, as the in-memory log does. */
  static Outcome walkLines(ChainVerifier v, byte[] bytes) {
    int p = 0;
    while (p < bytes.length) {
      int nl = indexOf(bytes, p);
      if (nl < 0) {
        v.line(bytes, p, bytes.length - p, false);
        break;
      }
      v.line(bytes, p, nl - p, true);
      p = nl + 1;
    }
    return finish(v);
  }

  /** Feeds the bytes to {@link ChainVerifier#lines} as a walk does, with the buffer ending anywhere. */
  static Outcome walkChunks(ChainVerifier v, byte[] bytes, int chunk) {
    int start = 0;
    int end = 0;
    while (end < bytes.length) {
      end = Math.min(bytes.length, end + chunk);
      // The walk hands over a buffer that holds only [start, end): copy it so nothing past end is seen.
      byte[] buf = Arrays.copyOfRange(bytes, start, end);
      start += v.lines(buf, 0, buf.length);
    }
    if (start < bytes.length) {
      v.line(bytes, start, bytes.length - start, false);
    }
    return finish(v);
  }

  static Outcome finish(ChainVerifier v) {
    v.checkExpectations();
    return new Outcome(v.result(false), v.lastSeq(), v.hashAtAnchor(), v.lines());
  }

  static int indexOf(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  static int offsetIn(List<Sealed> log, int index, String text) {
    int p = 0;
    for (int i = 0; i < index; i++) {
      p += log.get(i).line().length;
    }
    return p + text(log.get(index).line()).indexOf(text);
  }

  /** Injects the faults and checks both verifiers find exactly the given (kind, seq) pairs in order. */
  static void assertKinds(List<Sealed> log, List<Fault> faults, Object... kindsAndSeqs) {
    byte[] bytes = inject(log, faults);
    List<org.assertj.core.groups.Tuple> want = new ArrayList<>();
    for (int i = 0; i < kindsAndSeqs.length; i += 2) {
      want.add(org.assertj.core.groups.Tuple.tuple(kindsAndSeqs[i],
          ((Integer) kindsAndSeqs[i + 1]).longValue()));
    }
    Outcome reference = walkLines(ChainVerifier.reference(-1, List.of()), bytes);
    for (Outcome o : List.of(reference, walkLines(new ChainVerifier(-1), bytes),
        walkChunks(new ChainVerifier(-1), bytes, 100), walkChunks(new ChainVerifier(-1), bytes, 1 << 20))) {
      assertThat(o).isEqualTo(reference);
      assertThat(o.verification().faults()).as("%s", faults).extracting(AuditFault::kind, AuditFault::seq)
          .containsExactlyElementsOf(want);
    }
  }
}
