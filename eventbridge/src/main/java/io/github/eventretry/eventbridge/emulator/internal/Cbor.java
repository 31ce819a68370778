package io.github.eventretry.eventbridge.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of CBOR (RFC 8949) that Smithy RPC v2 CBOR uses, both ways: maps and arrays of definite
 * and indefinite length, text and byte strings (chunked too), integers, half, single and double floats,
 * booleans, null and undefined, and tag 1 (epoch-seconds timestamps), which becomes an {@link Instant}.
 * Other tags are read through to their content.
 *
 * <p>Decoded values are {@code Map<String, Object>} (insertion order), {@code List<Object>},
 * {@code String}, {@code byte[]}, {@code Long} (or {@code BigInteger} past its range), {@code Double},
 * {@code Boolean}, {@code Instant} and {@code null}. Encoding takes the same types plus {@code Integer}.
 * Maps are written with definite length, floats as float64, timestamps as tag 1 + float64.
 *
 * <p>Written here rather than taken from a library: the AWS SDK carries its own shaded CBOR parser for
 * its own use, and the emulator needs this small, tag-aware subset only. Stateless and thread-safe.
 */
public final class Cbor {
  /** Nesting deeper than this is refused, so a hostile body cannot exhaust the stack. */
  static final int MAX_DEPTH = 64;

  private static final Object BREAK = new Object();

  private Cbor() {}

  /** A body that is not well-formed CBOR. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /**
   * Decodes exactly one data item.
   *
   * @param bytes the encoded item
   * @return the value
   * @throws MalformedException if the bytes are not one well-formed item of the supported subset
   */
  public static Object decode(byte[] bytes) throws MalformedException {
    Reader r = new Reader(bytes);
    Object v = r.item(0);
    if (v == BREAK) {
      throw new MalformedException("unexpected break at offset 0");
    }
    if (r.pos != bytes.length) {
      throw new MalformedException("trailing bytes after the data item at offset " + r.pos);
    }
    return v;
  }

  /**
   * Encodes one value.
   *
   * @param value a value of the supported types
   * @return the encoding
   * @throws IllegalArgumentException if a value has an unsupported type
   */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object v) {
    if (v == null) {
      out.write(0xf6);
    } else if (v instanceof Boolean b) {
      out.write(b ? 0xf5 : 0xf4);
    } else if (v instanceof Integer || v instanceof Long) {
      long n = ((Number) v).longValue();
      if (n >= 0) {
        head(out, 0, n);
      } else {
        head(out, 1, -1 - n);
      }
    } else if (v instanceof Double || v instanceof Float) {
      out.write(0xfb);
      long bits = Double.doubleToLongBits(((Number) v).doubleValue());
      for (int i = 7; i >= 0; i--) {
        out.write((int) (bits >>> (8 * i)) & 0xff);
      }
    } else if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      head(out, 3, b.length);
      out.writeBytes(b);
    } else if (v instanceof byte[] b) {
      head(out, 2, b.length);
      out.writeBytes(b);
    } else if (v instanceof Instant t) {
      out.write(0xc1); // tag 1
      write(out, t.getEpochSecond() + t.getNano() / 1e9);
    } else if (v instanceof List<?> l) {
      head(out, 4, l.size());
      for (Object e : l) {
        write(out, e);
      }
    } else if (v instanceof Map<?, ?> m) {
      head(out, 5, m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        write(out, (String) e.getKey());
        write(out, e.getValue());
      }
    } else {
      throw new IllegalArgumentException("cannot encode a " + v.getClass().getSimpleName() + " in CBOR");
    }
  }

  private static void head(ByteArrayOutputStream out, int major, long n) {
    int m = major << 5;
    if (n < 24) {
      out.write(m | (int) n);
    } else if (n < 0x100) {
      out.write(m | 24);
      out.write((int) n);
    } else if (n < 0x10000) {
      out.write(m | 25);
      out.write((int) (n >>> 8));
      out.write((int) n & 0xff);
    } else if (n < 0x100000000L) {
      out.write(m | 26);
      for (int i = 3; i >= 0; i--) {
        out.write((int) (n >>> (8 * i)) & 0xff);
      }
    } else {
      out.write(m | 27);
      for (int i = 7; i >= 0; i--) {
        out.write((int) (n >>> (8 * i)) & 0xff);
      }
    }
  }

  private static final class Reader {
    private final byte[] b;
    private int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    private int u8() throws MalformedException {
      if (pos >= b.length) {
        throw new MalformedException("truncated at offset " + pos);
      }
      return b[pos++] & 0xff;
    }

    /** Returns the argument of a head, or -1 for indefinite length (info 31). */
    private long argument(int info) throws MalformedException {
      if (info < 24) {
        return info;
      }
      switch (info) {
        case 24:
          return u8();
        case 25:
          return ((long) u8() << 8) | u8();
        case 26:
          return ((long) u8() << 24) | ((long) u8() << 16) | ((long) u8() << 8) | u8();
        case 27: {
          long n = 0;
          for (int i = 0; i < 8; i++) {
            n = (n << 8) | u8();
          }
          return n; // may be "negative" as a signed long: an unsigned value past Long.MAX_VALUE
        }
        case 31:
          return -1;
        default:
          throw new MalformedException("reserved additional information " + info + " at offset "
              + (pos - 1));
      }
    }

    private int length(long n) throws MalformedException {
      if (n < 0 || n > b.length - pos) {
        throw new MalformedException("length " + Long.toUnsignedString(n) + " runs past the end at offset "
            + pos);
      }
      return (int) n;
    }

    Object item(int depth) throws MalformedException {
      if (depth > MAX_DEPTH) {
        throw new MalformedException("nested deeper than " + MAX_DEPTH);
      }
      int start = pos;
      int ib = u8();
      int major = ib >>> 5;
      int info = ib & 0x1f;
      switch (major) {
        case 0: {
          long n = argument(info);
          if (info == 31) {
            throw new MalformedException("indefinite length integer at offset " + start);
          }
          return n >= 0 ? (Object) n : new BigInteger(Long.toUnsignedString(n));
        }
        case 1: {
          long n = argument(info);
          if (info == 31) {
            throw new MalformedException("indefinite length integer at offset " + start);
          }
          return n >= 0 ? (Object) (-1 - n)
              : BigInteger.ONE.negate().subtract(new BigInteger(Long.toUnsignedString(n)));
        }
        case 2:
          return bytes(info, 2, start);
        case 3:
          return text(bytes(info, 3, start), start);
        case 4: {
          long n = argument(info);
          List<Object> list = new ArrayList<>();
          if (n < 0) {
            while (true) {
              Object e = item(depth + 1);
              if (e == BREAK) {
                return list;
              }
              list.add(e);
            }
          }
          length(n); // every element takes at least one byte
          for (long i = 0; i < n; i++) {
            Object e = item(depth + 1);
            if (e == BREAK) {
              throw new MalformedException("break inside a definite-length array at offset " + start);
            }
            list.add(e);
          }
          return list;
        }
        case 5: {
          long n = argument(info);
          Map<String, Object> map = new LinkedHashMap<>();
          if (n >= 0) {
            length(n);
          }
          for (long i = 0; n < 0 || i < n; i++) {
            int keyAt = pos;
            Object k = item(depth + 1);
            if (k == BREAK) {
              if (n < 0) {
                return map;
              }
              throw new MalformedException("break inside a definite-length map at offset " + start);
            }
            if (!(k instanceof String key)) {
              throw new MalformedException("map key at offset " + keyAt + " is not a text string");
            }
            Object v = item(depth + 1);
            if (v == BREAK) {
              throw new MalformedException("map key without a value at offset " + keyAt);
            }
            if (map.put(key, v) != null) {
              throw new MalformedException("duplicate map key '" + key + "' at offset " + keyAt);
            }
          }
          return map;
        }
        case 6: {
          long tag = argument(info);
          if (info == 31) {
            throw new MalformedException("indefinite tag at offset " + start);
          }
          Object content = item(depth + 1);
          if (content == BREAK) {
            throw new MalformedException("tag without content at offset " + start);
          }
          if (tag == 1) {
            if (!(content instanceof Number num) || content instanceof BigInteger) {
              throw new MalformedException("tag 1 (epoch time) on a non-number at offset " + start);
            }
            double s = num.doubleValue();
            if (!Double.isFinite(s)) {
              throw new MalformedException("tag 1 (epoch time) on a non-finite number at offset " + start);
            }
            if (s < Instant.MIN.getEpochSecond() || s >= Instant.MAX.getEpochSecond()) {
              throw new MalformedException("tag 1 (epoch time) beyond the years -1000000000 to"
                  + " 1000000000 at offset " + start);
            }
            long secs = (long) Math.floor(s);
            long nanos = Math.round((s - secs) * 1e9);
            return Instant.ofEpochSecond(secs, nanos);
          }
          return content;
        }
        default:
          return simple(info, start);
      }
    }

    private byte[] bytes(int info, int major, int start) throws MalformedException {
      long n = argument(info);
      if (n >= 0) {
        int len = length(n);
        byte[] out = new byte[len];
        System.arraycopy(b, pos, out, 0, len);
        pos += len;
        return out;
      }
      ByteArrayOutputStream chunks = new ByteArrayOutputStream();
      while (true) {
        int chunkAt = pos;
        int h = u8();
        if (h == 0xff) {
          return chunks.toByteArray();
        }
        if (h >>> 5 != major || (h & 0x1f) == 31) {
          throw new MalformedException("bad chunk in an indefinite-length string at offset " + chunkAt);
        }
        int len = length(argument(h & 0x1f));
        chunks.write(b, pos, len);
        pos += len;
      }
    }

    private static String text(byte[] utf8, int start) throws MalformedException {
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(utf8)).toString();
      } catch (CharacterCodingException e) {
        throw new MalformedException("text string at offset " + start + " is not UTF-8");
      }
    }

    private Object simple(int info, int start) throws MalformedException {
      switch (info) {
        case 20:
          return Boolean.FALSE;
        case 21:
          return Boolean.TRUE;
        case 22:
        case 23:
          return null;
        case 25: {
          int h = (u8() << 8) | u8();
          return halfToDouble(h);
        }
        case 26: {
          int bits = (u8() << 24) | (u8() << 16) | (u8() << 8) | u8();
          return (double) Float.intBitsToFloat(bits);
        }
        case 27: {
          long bits = 0;
          for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | u8();
          }
          return Double.longBitsToDouble(bits);
        }
        case 31:
          return BREAK;
        default:
          throw new MalformedException("unsupported simple value " + info + " at offset " + start);
      }
    }

    private static double halfToDouble(int h) {
      int exp = (h >> 10) & 0x1f;
      int mant = h & 0x3ff;
      double v;
      if (exp == 0) {
        v = mant * Math.pow(2, -24);
      } else if (exp != 31) {
        v = (mant + 1024) * Math.pow(2, exp - 25);
      } else {
        v = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
      }
      return (h & 0x8000) != 0 ? -v : v;
    }
  }
}
