package io.github.eventretry.state.internal;

import io.github.eventretry.state.audit.AuditCheckpoint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recognizes, without building a JSON tree, an audit line in exactly the form {@link AuditCodec#seal}
 * writes: the RFC 8785 canonical JSON of a record with the ten members in canonical order, each value of
 * its type, and a timestamp {@link java.time.Instant#parse} accepts. On such a line it finds the few
 * positions the chain walk needs (seq, {@code prev_hash}, {@code hash}, the hashed bytes either side of
 * the {@code hash} member, the action and two details).
 *
 * <p>It is deliberately narrower than JSON: a line it does not recognize (whitespace, another member
 * order, an escape {@code CanonicalJson} would not write, a non-ASCII details key, a timestamp with an
 * offset, ...) is left to the reference check, which parses and re-canonicalizes; so a line this scanner
 * accepts is one the reference check would read the same way. Not thread-safe: one instance per walk.
 */
final class AuditLineScanner {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private static final Literal ACTION = new Literal("{\"action\":");
  private static final Literal ACTOR = new Literal(",\"actor\":");
  private static final Literal STANDARD = new Literal(",\"compliance_standard\":");
  private static final Literal DETAILS = new Literal(",\"details\":{");
  private static final Literal HASH = new Literal(",\"hash\":\"");
  private static final Literal FINGERPRINT = new Literal(",\"policy_fingerprint\":");
  private static final Literal PREV = new Literal(",\"prev_hash\":\"");
  private static final Literal SEQ = new Literal(",\"seq\":");
  private static final Literal TIMESTAMP = new Literal(",\"timestamp\":\"");
  private static final Literal VERSION = new Literal(",\"version_id\":");
  private static final Literal NULL = new Literal("null");
  private static final byte[] INTEGRATION_ID = ascii(AuditCheckpoint.INTEGRATION_ID);
  private static final byte[] STATE_SERIAL = ascii(AuditCheckpoint.STATE_SERIAL);

  // Results of the last successful scan (absolute offsets into the buffer).
  long seq;
  int actionStart;
  int actionEnd;
  /** Where the {@code "hash"} member starts; the hashed bytes are [line start, this). */
  int hashMemberStart;
  /** Where the hashed bytes resume after the {@code hash} member, up to the line's end. */
  int hashMemberEnd;
  int hashValue;
  int prevValue;
  int integrationIdStart = -1;
  int integrationIdEnd;
  int stateSerialStart = -1;
  int stateSerialEnd;
  /** Whether the two details values above hold an escape (their text then needs decoding). */
  boolean detailsEscaped;

  // Of the last string scanned: whether it held an escape, whether a non-ASCII character.
  private boolean escaped;
  private boolean nonAscii;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Scans the line that starts at {@code off}. With {@code newline}, the record's closing brace must be
   * followed by a newline before {@code end} and the index of that newline is returned (a walk hands
   * over the rest of its buffer, so no separate search for the line's end is needed); without, the
   * closing brace must be the byte at {@code end - 1} and {@code end} is returned. Returns -1 for a line
   * not in exactly the written form.
   *
   * <p>Bytes below 0x20 are refused everywhere the scan looks, so a newline cannot hide inside what it
   * accepts, except in the two hash values, which it skips: the caller compares those with hex digits.
   */
  int scan(byte[] b, int off, int end, boolean newline) {
    integrationIdStart = -1;
    stateSerialStart = -1;
    detailsEscaped = false;
    int p = literal(b, off, end, ACTION);
    if (p < 0) {
      return -1;
    }
    actionStart = p + 1;
    p = string(b, p, end);
    if (p < 0) {
      return -1;
    }
    actionEnd = p - 1;
    p = literal(b, p, end, ACTOR);
    if (p < 0 || (p = string(b, p, end)) < 0) {
      return -1;
    }
    p = literal(b, p, end, STANDARD);
    if (p < 0 || (p = string(b, p, end)) < 0) {
      return -1;
    }
    p = literal(b, p, end, DETAILS);
    if (p < 0 || (p = details(b, p, end)) < 0) {
      return -1;
    }
    hashMemberStart = p + 1; // after the comma that ends the details
    p = literal(b, p, end, HASH);
    if (p < 0 || p + 65 > end || b[p + 64] != '"') {
      return -1;
    }
    hashValue = p;
    p += 65;
    hashMemberEnd = p + 1; // after the comma that begins the next member
    p = literal(b, p, end, FINGERPRINT);
    if (p < 0 || (p = stringOrNull(b, p, end)) < 0) {
      return -1;
    }
    p = literal(b, p, end, PREV);
    if (p < 0 || p + 65 > end || b[p + 64] != '"') {
      return -1;
    }
    prevValue = p;
    p = literal(b, p + 65, end, SEQ);
    if (p < 0 || (p = seq(b, p, end)) < 0) {
      return -1;
    }
    p = literal(b, p, end, TIMESTAMP);
    if (p < 0 || (p = timestamp(b, p, end)) < 0) {
      return -1;
    }
    p = literal(b, p, end, VERSION);
    if (p < 0 || (p = stringOrNull(b, p, end)) < 0 || p >= end || b[p] != '}') {
      return -1;
    }
    if (newline) {
      return p + 1 < end && b[p + 1] == '\n' ? p + 1 : -1;
    }
    return p == end - 1 ? end : -1;
  }

  /** Each byte value's two lowercase hex digits, the first in the low byte. */
  private static final long[] HEX_PAIRS = new long[256];

  static {
    byte[] digits = ascii("0123456789abcdef");
    for (int i = 0; i < 256; i++) {
      HEX_PAIRS[i] = (digits[i >> 4] & 0xffL) | (digits[i & 0xf] & 0xffL) << 8;
    }
  }

  /** Whether the 64 bytes at {@code p} are the lowercase hex digits of the 32-byte digest. */
  static boolean isHexOf(byte[] b, int p, byte[] digest) {
    for (int j = 0; j < 8; j++) {
      int d = 4 * j;
      long want = HEX_PAIRS[digest[d] & 0xff] | HEX_PAIRS[digest[d + 1] & 0xff] << 16
          | HEX_PAIRS[digest[d + 2] & 0xff] << 32 | HEX_PAIRS[digest[d + 3] & 0xff] << 48;
      if ((long) LONGS.get(b, p + 8 * j) != want) {
        return false;
      }
    }
    return true;
  }

  /** The index of the first newline in [from, to), or -1; eight bytes at a time. */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Whether the action just scanned is the given ASCII text. */
  boolean actionIs(byte[] b, byte[] text) {
    return actionEnd - actionStart == text.length
        && Arrays.equals(b, actionStart, actionEnd, text, 0, text.length);
  }

  /**
   * Fixed ASCII text compared a word at a time: the words at 0, 8, ... and, for a length that is not a
   * multiple of 8, the last (overlapping) word; texts shorter than 8 bytes compare a masked word.
   */
  private static final class Literal {
    final byte[] bytes;
    final int[] at;
    final long[] words;
    final long mask;

    Literal(String text) {
      bytes = ascii(text);
      int n = bytes.length;
      if (n < 8) {
        at = new int[] {0};
        byte[] padded = Arrays.copyOf(bytes, 8);
        words = new long[] {(long) LONGS.get(padded, 0)};
        mask = -1L >>> (8 * (8 - n));
      } else {
        int k = (n + 7) / 8;
        at = new int[k];
        words = new long[k];
        for (int j = 0; j < k; j++) {
          at[j] = Math.min(8 * j, n - 8);
          words[j] = (long) LONGS.get(bytes, at[j]);
        }
        mask = -1L;
      }
    }
  }

  /** The index after {@code lit} at {@code p}, or -1. */
  private static int literal(byte[] b, int p, int end, Literal lit) {
    int e = p + lit.bytes.length;
    if (e > end) {
      return -1;
    }
    if (p + 8 > end) {
      return Arrays.equals(b, p, e, lit.bytes, 0, lit.bytes.length) ? e : -1;
    }
    long[] w = lit.words;
    int[] at = lit.at;
    if (((long) LONGS.get(b, p) & lit.mask) != w[0]) {
      return -1;
    }
    for (int j = 1; j < w.length; j++) {
      if ((long) LONGS.get(b, p + at[j]) != w[j]) {
        return -1;
      }
    }
    return e;
  }

  private int stringOrNull(byte[] b, int p, int end) {
    if (p < end && b[p] == 'n') {
      return literal(b, p, end, NULL);
    }
    return string(b, p, end);
  }

  /**
   * A string at {@code p} (its opening quote) as CanonicalJson writes it; returns the index after the
   * closing quote, or -1. Sets {@link #escaped} when it held an escape.
   */
  private int string(byte[] b, int p, int end) {
    if (p >= end || b[p] != '"') {
      return -1;
    }
    escaped = false;
    nonAscii = false;
    int i = p + 1;
    while (true) {
      // Eight bytes at a time while none is a quote, a backslash, a control or a non-ASCII byte.
      while (i + 8 <= end) {
        long v = (long) LONGS.get(b, i);
        long q = v ^ 0x2222222222222222L;
        long s = v ^ 0x5C5C5C5C5C5C5C5CL;
        long special = (((q - ONES) & ~q) | ((s - ONES) & ~s) | (v - 0x2020202020202020L) | v) & HIGHS;
        if (special != 0) {
          i += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        i += 8;
      }
      if (i >= end) {
        return -1;
      }
      int c = b[i] & 0xff;
      if (c == '"') {
        return i + 1;
      } else if (c == '\\') {
        i = escape(b, i, end);
      } else if (c < 0x20) {
        return -1; // JSON does not allow it raw
      } else if (c >= 0x80) {
        nonAscii = true;
        i = utf8(b, i, end);
      } else {
        i++;
      }
      if (i < 0) {
        return -1;
      }
    }
  }

  /** An escape CanonicalJson writes, at the backslash; the index after it, or -1. */
  private int escape(byte[] b, int i, int end) {
    escaped = true;
    if (i + 1 >= end) {
      return -1;
    }
    switch (b[i + 1]) {
      case '"', '\\', 'b', 'f', 'n', 'r', 't':
        return i + 2;
      case 'u':
        if (i + 6 > end || b[i + 2] != '0' || b[i + 3] != '0') {
          return -1;
        }
        int hi = b[i + 4];
        int lo = hexDigit(b[i + 5]);
        if ((hi != '0' && hi != '1') || lo < 0) {
          return -1;
        }
        int c = (hi - '0') << 4 | lo;
        // The five with a short form are written short, so \\u0008 and its like are not canonical.
        if (c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
          return -1;
        }
        return i + 6;
      default:
        return -1;
    }
  }

  private static int hexDigit(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /**
   * A well-formed UTF-8 sequence of a character other than a surrogate or U+FFFE/U+FFFF; the index
   * after it, or -1.
   */
  private static int utf8(byte[] b, int i, int end) {
    int c = b[i] & 0xff;
    if (c >= 0xC2 && c <= 0xDF) {
      return i + 2 <= end && cont(b[i + 1]) ? i + 2 : -1;
    }
    if (c >= 0xE0 && c <= 0xEF) {
      if (i + 3 > end || !cont(b[i + 1]) || !cont(b[i + 2])) {
        return -1;
      }
      int c1 = b[i + 1] & 0xff;
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)
          || (c == 0xEF && c1 == 0xBF && (b[i + 2] & 0xff) >= 0xBE)) {
        return -1; // overlong, surrogate, or U+FFFE/U+FFFF
      }
      return i + 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (i + 4 > end || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) {
        return -1;
      }
      int c1 = b[i + 1] & 0xff;
      if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
        return -1; // overlong or above U+10FFFF
      }
      return i + 4;
    }
    return -1;
  }

  private static boolean cont(byte c) {
    return (c & 0xC0) == 0x80;
  }

  /**
   * The details object after its opening brace: members {@code "key":"value"} with plain ASCII keys in
   * strictly increasing order (RFC 8785's order for ASCII, and no duplicates), then the closing brace and
   * the comma of the next member. Returns the index of that comma, or -1.
   */
  private int details(byte[] b, int p, int end) {
    if (p < end && b[p] == '}') {
      return p + 1 < end && b[p + 1] == ',' ? p + 1 : -1;
    }
    int prevKey = -1;
    int prevKeyEnd = -1;
    while (true) {
      int k = p + 1;
      p = string(b, p, end);
      if (p < 0 || escaped || nonAscii) {
        return -1; // escapes and non-ASCII keys (whose UTF-16 order is not their byte order) go slow
      }
      int ke = p - 1;
      if (p >= end || b[p] != ':' || (prevKey >= 0 && !ascending(b, prevKey, prevKeyEnd, k, ke, end))) {
        return -1;
      }
      prevKey = k;
      prevKeyEnd = ke;
      int v = p + 1;
      p = string(b, v, end);
      if (p < 0) {
        return -1;
      }
      int kl = ke - k;
      if (kl == INTEGRATION_ID.length && Arrays.equals(b, k, ke, INTEGRATION_ID, 0, kl)) {
        integrationIdStart = v + 1;
        integrationIdEnd = p - 1;
        detailsEscaped |= escaped;
      } else if (kl == STATE_SERIAL.length && Arrays.equals(b, k, ke, STATE_SERIAL, 0, kl)) {
        stateSerialStart = v + 1;
        stateSerialEnd = p - 1;
        detailsEscaped |= escaped;
      }
      if (p + 1 >= end) {
        return -1;
      }
      if (b[p] == '}') {
        return b[p + 1] == ',' ? p + 1 : -1;
      }
      if (b[p] != ',') {
        return -1;
      }
      p++;
    }
  }

  /** Whether ASCII key [a, ae) sorts strictly before key [k, ke), most often told by their first word. */
  private static boolean ascending(byte[] b, int a, int ae, int k, int ke, int end) {
    int m = Math.min(Math.min(ae - a, ke - k), 8);
    if (m > 0 && k + 8 <= end) { // a lies before k, so both words are in the buffer
      long mask = -1L >>> (8 * (8 - m));
      long wa = Long.reverseBytes((long) LONGS.get(b, a) & mask);
      long wk = Long.reverseBytes((long) LONGS.get(b, k) & mask);
      if (wa != wk) {
        return Long.compareUnsigned(wa, wk) < 0;
      }
    }
    return Arrays.compareUnsigned(b, a, ae, b, k, ke) < 0;
  }

  /** A canonical positive integer below 10^15 (exact as a double, so written as digits). */
  private int seq(byte[] b, int p, int end) {
    if (p >= end || b[p] < '1' || b[p] > '9') {
      return -1;
    }
    long v = 0;
    int i = p;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      if (i - p == 15) {
        return -1;
      }
      v = v * 10 + (b[i] - '0');
      i++;
    }
    seq = v;
    return i;
  }

  /**
   * The timestamp's text after its opening quote, in the form {@code Instant.toString} writes for years
   * 1000 to 9999: {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, a real date, and its closing quote. Returns
   * the index after the quote, or -1 (other forms {@code Instant.parse} may accept go to the reference
   * check).
   */
  private static int timestamp(byte[] b, int p, int end) {
    if (p + 21 > end) {
      return -1;
    }
    int year = digits(b, p, 4);
    int month = digits(b, p + 5, 2);
    int day = digits(b, p + 8, 2);
    int hour = digits(b, p + 11, 2);
    int minute = digits(b, p + 14, 2);
    int second = digits(b, p + 17, 2);
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
        || b[p + 4] != '-' || b[p + 7] != '-' || b[p + 10] != 'T' || b[p + 13] != ':'
        || b[p + 16] != ':') {
      return -1;
    }
    int i = p + 19;
    if (b[i] == '.') {
      int f = ++i;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      if (i == f || i - f > 9) {
        return -1;
      }
    }
    if (i + 2 > end || b[i] != 'Z' || b[i + 1] != '"') {
      return -1;
    }
    return i + 2;
  }

  /** The value of {@code n} decimal digits at {@code p}, or -1. */
  private static int digits(byte[] b, int p, int n) {
    int v = 0;
    for (int i = p; i < p + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int monthLength(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11:
        return 30;
      default:
        return 31;
    }
  }
}
