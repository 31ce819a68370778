package io.github.eventretry.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * RFC 8785 JSON Canonicalization Scheme: no whitespace, object members sorted by the UTF-16 code units
 * of their names, strings escaped as ECMAScript's {@code JSON.stringify} does, and numbers printed as
 * ECMAScript prints an IEEE 754 double ({@code 150.0} is {@code 150}, {@code 1e21} is {@code 1e+21}).
 *
 * <p>Number formatting does not use {@link Double#toString}, which differs from ECMAScript and, before
 * JDK 19, is not always the shortest form; the result is the same on every JVM. Stateless and
 * thread-safe.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final double TWO_53 = 9007199254740992.0;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  /**
   * Canonicalizes JSON text.
   *
   * @param json any I-JSON document
   * @return its canonical form
   * @throws IllegalArgumentException if the text is not JSON, has duplicate member names, or holds a
   *     value I-JSON forbids (a lone surrogate)
   */
  public static String canonicalize(String json) {
    Objects.requireNonNull(json, "json");
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty JSON document");
      }
      return canonicalize(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Canonicalizes a JSON tree.
   *
   * @param node the value
   * @return its canonical form
   * @throws IllegalArgumentException if the tree holds a non-finite number, a lone surrogate, or a
   *     node that is not plain JSON (binary, POJO, missing)
   */
  public static String canonicalize(JsonNode node) {
    Objects.requireNonNull(node, "node");
    StringBuilder sb = new StringBuilder(128);
    write(node, sb);
    return sb.toString();
  }

  /**
   * Returns the UTF-8 bytes of the canonical form.
   *
   * @param node the value
   * @return the bytes
   * @throws IllegalArgumentException as {@link #canonicalize(JsonNode)}
   */
  public static byte[] canonicalBytes(JsonNode node) {
    return canonicalize(node).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the lowercase hex SHA-256 of the canonical form.
   *
   * @param node the value
   * @return 64 hex digits
   * @throws IllegalArgumentException as {@link #canonicalize(JsonNode)}
   */
  public static String sha256Hex(JsonNode node) {
    return HexFormat.of().formatHex(sha256().digest(canonicalBytes(node)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void write(JsonNode node, StringBuilder sb) {
    switch (node.getNodeType()) {
      case OBJECT:
        List<String> names = new ArrayList<>(node.size());
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
          names.add(it.next());
        }
        names.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 requires
        sb.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          string(names.get(i), sb);
          sb.append(':');
          write(node.get(names.get(i)), sb);
        }
        sb.append('}');
        break;
      case ARRAY:
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(node.get(i), sb);
        }
        sb.append(']');
        break;
      case STRING:
        string(node.textValue(), sb);
        break;
      case NUMBER:
        sb.append(number(toDouble(node)));
        break;
      case BOOLEAN:
        sb.append(node.booleanValue() ? "true" : "false");
        break;
      case NULL:
        sb.append("null");
        break;
      default:
        throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static double toDouble(JsonNode n) {
    if (n.isBigDecimal()) {
      return Double.parseDouble(n.decimalValue().toString()); // correctly rounded
    }
    return n.doubleValue(); // int, long, BigInteger and double nodes round correctly
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
            } else {
              throw new IllegalArgumentException(
                  "lone surrogate U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                      + " at index " + i + " is not allowed in I-JSON");
            }
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /**
   * Formats a double as ECMAScript's {@code Number.prototype.toString} does, which RFC 8785 requires.
   *
   * @param d a finite double
   * @return such as {@code 0}, {@code 150}, {@code 0.1}, {@code 1e+21}, {@code 5e-324}
   * @throws IllegalArgumentException if {@code d} is NaN or infinite
   */
  public static String number(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("JSON has no " + d + "; RFC 8785 rejects NaN and Infinity");
    }
    if (d == 0.0) {
      return "0"; // also -0
    }
    if (d == Math.rint(d) && Math.abs(d) < TWO_53) {
      return Long.toString((long) d); // integers below 2^53 print as themselves (well below 1e21)
    }
    boolean negative = d < 0;
    double x = Math.abs(d);
    BigDecimal shortest = shortest(x);
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // x = digits * 10^(n - k)
    StringBuilder sb = new StringBuilder(32);
    if (negative) {
      sb.append('-');
    }
    if (k <= n && n <= 21) {
      sb.append(digits);
      for (int i = 0; i < n - k; i++) {
        sb.append('0');
      }
    } else if (0 < n && n <= 21) {
      sb.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      sb.append("0.");
      for (int i = 0; i < -n; i++) {
        sb.append('0');
      }
      sb.append(digits);
    } else {
      int e = n - 1;
      sb.append(digits.charAt(0));
      if (k > 1) {
        sb.append('.').append(digits, 1, k);
      }
      sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return sb.toString();
  }

  /**
   * The decimal with the fewest significant digits that reads back as {@code x}; among those of that
   * length, the one closest to {@code x} (and of two equally close, the even one), as ECMAScript
   * specifies. Trailing zeros are stripped.
   */
  private static BigDecimal shortest(double x) {
    BigDecimal exact = new BigDecimal(x);
    for (int p = 1; p <= 17; p++) {
      BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
      boolean downOk = Double.parseDouble(down.toString()) == x;
      boolean upOk = Double.parseDouble(up.toString()) == x;
      if (downOk && upOk && down.compareTo(up) != 0) {
        int c = exact.subtract(down).compareTo(up.subtract(exact));
        if (c < 0) {
          return down.stripTrailingZeros();
        }
        if (c > 0) {
          return up.stripTrailingZeros();
        }
        return (down.unscaledValue().testBit(0) ? up : down).stripTrailingZeros();
      }
      if (downOk) {
        return down.stripTrailingZeros();
      }
      if (upOk) {
        return up.stripTrailingZeros();
      }
    }
    return exact.round(MathContext.DECIMAL64).stripTrailingZeros(); // 17 digits always round-trip
  }
}
