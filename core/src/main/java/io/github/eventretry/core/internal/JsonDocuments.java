package io.github.eventretry.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.Violation;
import io.github.eventretry.core.text.SafeText;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes or characters of a JSON document into a tree, strictly (RFC 8259): UTF-8 only, no
 * duplicate member, no trailing content, numbers kept exact. Every problem becomes one
 * {@link Violation} at {@code $} in words a person reads, never the parser's own advice. Stateless and
 * thread-safe.
 */
public final class JsonDocuments {
  /** The deepest nesting a document may have. */
  public static final int MAX_DEPTH = 64;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH + 1)
          .maxNumberLength(1000)
          .build())
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonDocuments() {}

  /** A document that is not JSON, or not one eventretry reads; carries the one violation. */
  public static final class NotJson extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    NotJson(String message, String rejected) {
      super(message, null, false, false);
      this.violation = new Violation("$", message, rejected);
    }

    /**
     * Returns the violation.
     *
     * @return the one violation at {@code $}
     */
    public Violation violation() {
      return violation;
    }
  }

  /**
   * Decodes the bytes of a document: UTF-8, with an optional UTF-8 byte-order mark.
   *
   * @param bytes the document
   * @return the text
   * @throws NotJson if the bytes are UTF-16 or UTF-32 (with or without a byte-order mark) or not valid
   *     UTF-8
   */
  public static String decode(byte[] bytes) throws NotJson {
    String other = otherEncoding(bytes);
    if (other != null) {
      throw new NotJson("the document is " + other + "; a policy document must be UTF-8 (RFC 8259)."
          + " Save it as UTF-8", "the document");
    }
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return utf8.decode(in).toString();
    } catch (CharacterCodingException e) {
      throw new NotJson("the document is not valid UTF-8 (at byte " + in.position()
          + "); a policy document must be UTF-8 (RFC 8259)", "the document");
    }
  }

  /** Names UTF-16 or UTF-32 by its byte-order mark, or by the zero bytes around the first ASCII. */
  private static String otherEncoding(byte[] b) {
    int n = b.length;
    int b0 = n > 0 ? b[0] & 0xff : -1;
    int b1 = n > 1 ? b[1] & 0xff : -1;
    int b2 = n > 2 ? b[2] & 0xff : -1;
    int b3 = n > 3 ? b[3] & 0xff : -1;
    if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
      return "UTF-32 (big-endian, with a byte-order mark)";
    }
    if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
      return "UTF-32 (little-endian, with a byte-order mark)";
    }
    if (b0 == 0xFE && b1 == 0xFF) {
      return "UTF-16 (big-endian, with a byte-order mark)";
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      return "UTF-16 (little-endian, with a byte-order mark)";
    }
    // Without a mark, RFC 4627's rule: a JSON text starts with ASCII, so zero bytes tell the width.
    if (n >= 4 && b0 == 0 && b1 == 0 && b2 == 0 && b3 != 0) {
      return "UTF-32 (big-endian)";
    }
    if (n >= 4 && b0 != 0 && b1 == 0 && b2 == 0 && b3 == 0) {
      return "UTF-32 (little-endian)";
    }
    if (n >= 2 && b0 == 0 && b1 != 0) {
      return "UTF-16 (big-endian)";
    }
    if (n >= 2 && b0 != 0 && b1 == 0) {
      return "UTF-16 (little-endian)";
    }
    return null;
  }

  /**
   * Parses one JSON document.
   *
   * @param text the document
   * @return the tree; numbers with a fraction or exponent are exact decimals
   * @throws NotJson if the text is empty, not JSON, has a duplicate member, is nested deeper than
   *     {@link #MAX_DEPTH}, or has content after its value
   */
  public static JsonNode parse(String text) throws NotJson {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body.isBlank()) {
      throw new NotJson("document is empty; expected a JSON object", Violation.MISSING);
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new NotJson("document is empty; expected a JSON object", Violation.MISSING);
      }
      JsonNode root = value(p, first);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        throw new NotJson("malformed JSON" + at(p.currentTokenLocation())
            + ": content after the end of the document", "the document");
      }
      return root;
    } catch (JsonEOFException e) {
      throw new NotJson("malformed JSON" + at(e.getLocation())
          + ": the document ends before its value is complete", "the document");
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new NotJson("malformed JSON" + at(e.getLocation()) + ": nested more than " + MAX_DEPTH
          + " levels deep, or a number longer than 1000 digits", "the document");
    } catch (JsonProcessingException e) {
      throw new NotJson("malformed JSON" + at(e.getLocation()) + ": " + near(body, e.getLocation()),
          "the document");
    } catch (IOException e) {
      // Parsing a String does no I/O.
      throw new IllegalStateException("reading a string failed", e);
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t)
      throws IOException, NotJson {
    switch (t) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        JsonToken k;
        while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonLocation where = p.currentTokenLocation();
          JsonNode v = value(p, p.nextToken());
          if (o.has(name)) {
            throw new NotJson("malformed JSON" + at(where) + ": the member "
                + PolicyRules.renderValue(name) + " appears twice", "the document");
          }
          o.set(name, v);
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = NODES.arrayNode();
        JsonToken k;
        while ((k = p.nextToken()) != JsonToken.END_ARRAY) {
          a.add(value(p, k));
        }
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? NODES.numberNode(p.getBigIntegerValue())
            : NODES.numberNode(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(decimal(p.getText()));
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new NotJson("malformed JSON" + at(p.currentTokenLocation()) + ": unexpected "
            + t.asString(), "the document");
    }
  }

  /**
   * Returns a JSON number's exact value. A number whose exponent is beyond what {@link BigDecimal}
   * holds (more than about 2^31) is far beyond any double or far below the smallest one: it becomes
   * {@code ±1e2147483647} or {@code ±1e-2147483647}, which {@link #toDouble} reports as too large or
   * too small, as it does {@code 1e400} and {@code 1e-400}.
   */
  private static BigDecimal decimal(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      int exp = Math.max(text.indexOf('e'), text.indexOf('E'));
      BigDecimal mantissa = new BigDecimal(text.substring(0, exp));
      if (mantissa.signum() == 0) {
        return BigDecimal.ZERO;
      }
      boolean tiny = text.charAt(exp + 1) == '-';
      return BigDecimal.valueOf(mantissa.signum(), tiny ? Integer.MAX_VALUE : -Integer.MAX_VALUE);
    }
  }

  private static String at(JsonLocation l) {
    return l == null || l.getLineNr() < 1 ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
  }

  private static String near(String body, JsonLocation l) {
    long offset = l == null ? -1 : l.getCharOffset();
    if (offset < 0 || offset > body.length()) {
      return "not valid JSON here";
    }
    int i = (int) Math.min(offset, body.length() - 1L);
    // The parser reports the character after the one it refused; step back over it when it can.
    int from = Math.max(0, i - 1);
    String around = body.substring(from, Math.min(body.length(), from + 12));
    return "not valid JSON near " + "\"" + SafeText.quote(around, 20) + "\"";
  }

  /**
   * Returns a JSON number as a double, or why it cannot be one.
   *
   * @param n a number node
   * @return the nearest double
   * @throws ArithmeticException with the reason, when the number is too large (it would be infinite)
   *     or too small (it would be 0 though it is not)
   */
  public static double toDouble(JsonNode n) {
    if (n.isBigDecimal()) {
      BigDecimal exact = n.decimalValue();
      double d = exact.doubleValue();
      if (Double.isInfinite(d)) {
        throw new ArithmeticException("is too large to be represented (beyond about 1.8e308)");
      }
      if (d == 0.0 && exact.signum() != 0) {
        throw new ArithmeticException("is too small to be represented (it would read as 0)");
      }
      return d + 0.0; // -0.0 is 0.0
    }
    if (n.isBigInteger()) {
      BigInteger big = n.bigIntegerValue();
      double d = big.doubleValue();
      if (Double.isInfinite(d)) {
        throw new ArithmeticException("is too large to be represented (beyond about 1.8e308)");
      }
      return d;
    }
    return n.doubleValue() + 0.0;
  }
}
