package io.github.eventretry.genesys.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The few DER encodings (ITU-T X.690) an X.509 certificate needs, as byte arrays. Stateless.
 */
final class Der {
  private Der() {}

  static final int BOOLEAN = 0x01;
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int OID = 0x06;
  static final int UTF8_STRING = 0x0C;
  static final int UTC_TIME = 0x17;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;

  /** A tag, its length and the content. */
  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((n >>> (8 * i)) & 0xFF);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... parts) {
    return tlv(SEQUENCE, concat(parts));
  }

  static byte[] set(byte[]... parts) {
    return tlv(SET, concat(parts));
  }

  static byte[] integer(BigInteger value) {
    return tlv(INTEGER, value.toByteArray());
  }

  static byte[] integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  static byte[] bool(boolean value) {
    return tlv(BOOLEAN, new byte[] {(byte) (value ? 0xFF : 0x00)});
  }

  static byte[] octets(byte[] value) {
    return tlv(OCTET_STRING, value);
  }

  /** A BIT STRING whose last {@code unusedBits} bits are padding. */
  static byte[] bits(int unusedBits, byte[] value) {
    byte[] content = new byte[value.length + 1];
    content[0] = (byte) unusedBits;
    System.arraycopy(value, 0, content, 1, value.length);
    return tlv(BIT_STRING, content);
  }

  static byte[] utf8(String value) {
    return tlv(UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A context-specific tag: constructed for EXPLICIT wrapping, primitive for IMPLICIT strings. */
  static byte[] context(int number, boolean constructed, byte[] content) {
    return tlv(0x80 | (constructed ? 0x20 : 0) | number, content);
  }

  /** UTCTime YYMMDDHHMMSSZ (RFC 5280 for 1950..2049). */
  static byte[] utcTime(ZonedDateTime t) {
    ZonedDateTime u = t.withZoneSameInstant(ZoneOffset.UTC);
    if (u.getYear() < 1950 || u.getYear() > 2049) {
      throw new IllegalArgumentException("UTCTime covers 1950..2049 (rejected: " + u.getYear() + ")");
    }
    String s = String.format(java.util.Locale.ROOT, "%02d%02d%02d%02d%02d%02dZ", u.getYear() % 100,
        u.getMonthValue(), u.getDayOfMonth(), u.getHour(), u.getMinute(), u.getSecond());
    return tlv(UTC_TIME, s.getBytes(StandardCharsets.US_ASCII));
  }

  /** An OBJECT IDENTIFIER from its dotted form. */
  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long v = Long.parseLong(parts[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
      for (int g = groups - 1; g >= 0; g--) {
        int b = (int) ((v >>> (7 * g)) & 0x7F);
        out.write(g == 0 ? b : b | 0x80);
      }
    }
    return tlv(OID, out.toByteArray());
  }
}
