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

  // The fixed texts between the values, compared a word at a time: little-endian longs at 0 and at
  // len - 8 (and at 8 for texts longer than 16 bytes); static finals, so the compiler folds them.
  private static final String ACTION = "{\"action\":";
  private static final long ACTION_0 = word(ACTION, 0);
  private static final long ACTION_1 = word(ACTION, ACTION.length() - 8);
  private static final String ACTOR = ",\"actor\":";
  private static final long ACTOR_0 = word(ACTOR, 0);
  private static final long ACTOR_1 = word(ACTOR, ACTOR.length() - 8);
  private static final String STANDARD = ",\"compliance_standard\":";
  private static final long STANDARD_0 = word(STANDARD, 0);
  private static final long STANDARD_1 = word(STANDARD, 8);
  private static final long STANDARD_2 = word(STANDARD, STANDARD.length() - 8);
  private static final String DETAILS = ",\"details\":{";
  private static final long DETAILS_0 = word(DETAILS, 0);
  private static final long DETAILS_1 = word(DETAILS, DETAILS.length() - 8);
  private static final String HASH = ",\"hash\":\"";
  private static final long HASH_0 = word(HASH, 0);
  private static final long HASH_1 = word(HASH, HASH.length() - 8);
  private static final String FINGERPRINT = ",\"policy_fingerprint\":";
  private static final long FINGERPRINT_0 = word(FINGERPRINT, 0);
  private static final long FINGERPRINT_1 = word(FINGERPRINT, 8);
  private static final long FINGERPRINT_2 = word(FINGERPRINT, FINGERPRINT.length() - 8);
  private static final String PREV = ",\"prev_hash\":\"";
  private static final long PREV_0 = word(PREV, 0);
  private static final long PREV_1 = word(PREV, PREV.length() - 8);
  private static final String SEQ = ",\"seq\":"; // 7 bytes: one masked word
  private static final long SEQ_0 = word(SEQ, 0);
  private static final String TIMESTAMP = ",\"timestamp\":\"";
  private static final long TIMESTAMP_0 = word(TIMESTAMP, 0);
  private static final long TIMESTAMP_1 = word(TIMESTAMP, TIMESTAMP.length() - 8);
  private static final String VERSION = ",\"version_id\":";
  private static final long VERSION_0 = word(VERSION, 0);
  private static final long VERSION_1 = word(VERSION, VERSION.length() - 8);
  private static final String NULL = "null"; // 4 bytes: one masked word
  private static final long NULL_0 = word(NULL, 0);
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
    int p = text2(b, off, end, ACTION.length(), ACTION_0, ACTION_1);
    if (p < 0) {
      return -1;
    }
    actionStart = p + 1;
    p = string(b, p, end);
    if (p < 0) {
      return -1;
    }
    actionEnd = p - 1;
    p = text2(b, p, end, ACTOR.length(), ACTOR_0, ACTOR_1);
    if (p < 0 || (p = string(b, p, end)) < 0) {
      return -1;
    }
    p = text3(b, p, end, STANDARD.length(), STANDARD_0, STANDARD_1, STANDARD_2);
    if (p < 0 || (p = string(b, p, end)) < 0) {
      return -1;
    }
    p = text2(b, p, end, DETAILS.length(), DETAILS_0, DETAILS_1);
    if (p < 0 || (p = details(b, p, end)) < 0) {
      return -1;
    }
    hashMemberStart = p + 1; // after the comma that ends the details
    p = text2(b, p, end, HASH.length(), HASH_0, HASH_1);
    if (p < 0 || p + 65 > end || b[p + 64] != '"') {
      return -1;
    }
    hashValue = p;
    p += 65;
    hashMemberEnd = p + 1; // after the comma that begins the next member
    p = text3(b, p, end, FINGERPRINT.length(), FINGERPRINT_0, FINGERPRINT_1,
        FINGERPRINT_2);
    if (p < 0 || (p = stringOrNull(b, p, end)) < 0) {
      return -1;
    }
    p = text2(b, p, end, PREV.length(), PREV_0, PREV_1);
    if (p < 0 || p + 65 > end || b[p + 64] != '"') {
      return -1;
    }
    prevValue = p;
    p = text1(b, p + 65, end, SEQ.length(), SEQ_0);
    if (p < 0 || (p = seq(b, p, end)) < 0) {
      return -1;
    }
    p = text2(b, p, end, TIMESTAMP.length(), TIMESTAMP_0, TIMESTAMP_1);
    if (p < 0 || (p = timestamp(b, p, end)) < 0) {
      return -1;
    }
    p = text2(b, p, end, VERSION.length(), VERSION_0, VERSION_1);
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

  /** Whether the 64 bytes at {@code p} equal the 64 bytes of {@code hex}. */
  static boolean equal64(byte[] b, int p, byte[] hex) {
    long diff = 0;
    for (int j = 0; j < 64; j += 8) {
      diff |= (long) LONGS.get(b, p + j) ^ (long) LONGS.get(hex, j);
    }
    return diff == 0;
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

  /** The little-endian word of {@code text}'s 8 bytes at {@code at} (zeros past its end). */
  private static long word(String text, int at) {
    return (long) LONGS.get(Arrays.copyOfRange(ascii(text), at, at + 8), 0);
  }

  private static long mask(int bytes) {
    return -1L >>> (8 * (8 - bytes));
  }

  /** After a text of {@code len} (below 8) bytes, its word {@code w0}, at {@code p}; or -1. */
  private static int text1(byte[] b, int p, int end, int len, long w0) {
    if (p + 8 <= end) {
      return ((long) LONGS.get(b, p) & mask(len)) == w0 ? p + len : -1;
    }
    if (p + len > end) {
      return -1;
    }
    for (int i = 0; i < len; i++) { // near the end of the buffer: a byte at a time
      if (b[p + i] != (byte) (w0 >>> (8 * i))) {
        return -1;
      }
    }
    return p + len;
  }

  /** After a text of {@code len} (9 to 16) bytes, words {@code w0} at 0 and {@code w1} at len - 8. */
  private static int text2(byte[] b, int p, int end, int len, long w0, long w1) {
    return p + len <= end && (long) LONGS.get(b, p) == w0 && (long) LONGS.get(b, p + len - 8) == w1
        ? p + len : -1;
  }

  /** After a text of {@code len} (17 to 24) bytes, words at 0, 8 and len - 8. */
  private static int text3(byte[] b, int p, int end, int len, long w0, long w1, long w2) {
    return p + len <= end && (long) LONGS.get(b, p) == w0 && (long) LONGS.get(b, p + 8) == w1
        && (long) LONGS.get(b, p + len - 8) == w2 ? p + len : -1;
  }

  private int stringOrNull(byte[] b, int p, int end) {
    if (p < end && b[p] == 'n') {
      return text1(b, p, end, NULL.length(), NULL_0);
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
    int y0 = b[p] - '0';
    int y1 = b[p + 1] - '0';
    int y2 = b[p + 2] - '0';
    int y3 = b[p + 3] - '0';
    int mo0 = b[p + 5] - '0';
    int mo1 = b[p + 6] - '0';
    int d0 = b[p + 8] - '0';
    int d1 = b[p + 9] - '0';
    int h0 = b[p + 11] - '0';
    int h1 = b[p + 12] - '0';
    int mi0 = b[p + 14] - '0';
    int mi1 = b[p + 15] - '0';
    int s0 = b[p + 17] - '0';
    int s1 = b[p + 18] - '0';
    // A value outside 0..9 makes x or 9 - x negative: one test for all fourteen digits.
    int notDigit = y0 | (9 - y0) | y1 | (9 - y1) | y2 | (9 - y2) | y3 | (9 - y3) | mo0 | (9 - mo0)
        | mo1 | (9 - mo1) | d0 | (9 - d0) | d1 | (9 - d1) | h0 | (9 - h0) | h1 | (9 - h1) | mi0 | (9 - mi0)
        | mi1 | (9 - mi1) | s0 | (9 - s0) | s1 | (9 - s1);
    if (notDigit < 0 || b[p + 4] != '-' || b[p + 7] != '-' || b[p + 10] != 'T' || b[p + 13] != ':'
        || b[p + 16] != ':') {
      return -1;
    }
    int year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    int month = mo0 * 10 + mo1;
    int day = d0 * 10 + d1;
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)
        || h0 * 10 + h1 > 23 || mi0 > 5 || s0 > 5) {
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
