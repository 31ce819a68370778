package io.github.eventretry.eventbridge.emulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The emulator's codecs: AWS JSON (1.0 and 1.1), Smithy RPC v2 CBOR and the query protocol (form in,
 * XML out), between the bytes on the wire and the neutral trees the fakes take and give
 * ({@code Map<String, Object>}, lists, text, numbers, {@link Instant}). Stateless and thread-safe.
 */
public final class Wire {
  /** CloudWatch's Smithy namespace, which its JSON and CBOR error types carry. */
  public static final String CLOUDWATCH_NAMESPACE = "com.amazonaws.cloudwatch#";
  /** CloudWatch's query-protocol XML namespace. */
  public static final String CLOUDWATCH_XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private Wire() {}

  /**
   * Decodes a JSON request body; an empty body is an empty object.
   *
   * @param body the body
   * @param events true for EventBridge's error codes, false for CloudWatch's
   * @return the members
   * @throws AwsError {@code SerializationException} if the body is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> json(byte[] body, boolean events) {
    if (body.length == 0) {
      return new LinkedHashMap<>();
    }
    Object v;
    try {
      v = JSON.readValue(body, Object.class);
    } catch (IOException e) {
      throw serialization(events);
    }
    if (!(v instanceof Map<?, ?>)) {
      throw serialization(events);
    }
    return (Map<String, Object>) normalize(v);
  }

  private static AwsError serialization(boolean events) {
    String message = "The request body is not a well-formed JSON object.";
    return events ? AwsError.events(400, "SerializationException", message)
        : new AwsError(400, "SerializationException", "SerializationException", true, message);
  }

  /** Jackson's BigDecimal floats become Double, BigInteger within range Long. */
  @SuppressWarnings("unchecked")
  private static Object normalize(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> out.put(k, normalize(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) {
        out.add(normalize(x));
      }
      return out;
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    return v;
  }

  /**
   * Encodes a response tree as JSON; instants become epoch seconds.
   *
   * @param tree the members
   * @return UTF-8 JSON
   */
  public static byte[] json(Map<String, Object> tree) {
    try {
      return JSON.writeValueAsBytes(forJson(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a response tree is always serialisable", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object forJson(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> out.put(k, forJson(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) {
        out.add(forJson(x));
      }
      return out;
    }
    if (v instanceof Instant i) {
      return epochSeconds(i);
    }
    return v;
  }

  private static BigDecimal epochSeconds(Instant i) {
    return BigDecimal.valueOf(i.getEpochSecond()).add(BigDecimal.valueOf(i.getNano(), 9))
        .stripTrailingZeros();
  }

  /**
   * Decodes a CBOR request body; an empty body is an empty map.
   *
   * @param body the body
   * @return the members
   * @throws AwsError {@code SerializationException} if the body is not one CBOR map
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> cbor(byte[] body) {
    if (body.length == 0) {
      return new LinkedHashMap<>();
    }
    try {
      Object v = Cbor.decode(body);
      if (v instanceof Map<?, ?> m) {
        return (Map<String, Object>) m;
      }
    } catch (Cbor.MalformedException e) {
      throw new AwsError(400, "SerializationException", "SerializationException", true,
          "The request body is not well-formed CBOR: " + e.getMessage() + ".");
    }
    throw new AwsError(400, "SerializationException", "SerializationException", true,
        "The request body is not a CBOR map.");
  }

  /**
   * Parses a query-protocol form: {@code Action}, {@code Version} and the parameters, with
   * {@code A.member.N.B} turned into lists of maps.
   *
   * @param form the URL-encoded form
   * @return the parameters as a tree, {@code Action} and {@code Version} included
   */
  public static Map<String, Object> form(String form) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      insert(root, key.split("\\."), 0, value);
    }
    return lists(root);
  }

  @SuppressWarnings("unchecked")
  private static void insert(Map<String, Object> node, String[] path, int i, String value) {
    String k = path[i];
    if (i == path.length - 1) {
      node.putIfAbsent(k, value);
      return;
    }
    Object child = node.get(k);
    if (!(child instanceof Map<?, ?>)) {
      child = new LinkedHashMap<String, Object>();
      node.put(k, child);
    }
    insert((Map<String, Object>) child, path, i + 1, value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> lists(Map<String, Object> node) {
    Map<String, Object> out = new LinkedHashMap<>();
    node.forEach((k, v) -> out.put(k, listValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object listValue(Object v) {
    if (!(v instanceof Map<?, ?>)) {
      return v;
    }
    Map<String, Object> m = (Map<String, Object>) v;
    if (m.size() == 1 && m.get("member") instanceof Map<?, ?> members) {
      TreeMap<Integer, Object> ordered = new TreeMap<>();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) members).entrySet()) {
        try {
          ordered.put(Integer.parseInt(e.getKey()), listValue(e.getValue()));
        } catch (NumberFormatException ex) {
          return lists(m);
        }
      }
      return new ArrayList<>(ordered.values());
    }
    return lists(m);
  }

  /**
   * Writes a query-protocol response: {@code <OpResponse><OpResult>…</OpResult><ResponseMetadata>}.
   *
   * @param operation the operation
   * @param result the result members; empty for operations without output
   * @param requestId the request id
   * @return UTF-8 XML
   */
  public static byte[] xml(String operation, Map<String, Object> result, String requestId) {
    StringBuilder b = new StringBuilder();
    b.append("<").append(operation).append("Response xmlns=\"").append(CLOUDWATCH_XMLNS).append("\">");
    if (!result.isEmpty()) {
      b.append("<").append(operation).append("Result>");
      members(b, result);
      b.append("</").append(operation).append("Result>");
    }
    b.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata>");
    b.append("</").append(operation).append("Response>");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static void members(StringBuilder b, Map<String, Object> m) {
    m.forEach((k, v) -> {
      b.append('<').append(k).append('>');
      value(b, v);
      b.append("</").append(k).append('>');
    });
  }

  @SuppressWarnings("unchecked")
  private static void value(StringBuilder b, Object v) {
    if (v instanceof Map<?, ?> m) {
      members(b, (Map<String, Object>) m);
    } else if (v instanceof List<?> l) {
      for (Object x : l) {
        b.append("<member>");
        value(b, x);
        b.append("</member>");
      }
    } else if (v instanceof Instant i) {
      b.append(i);
    } else if (v instanceof Double d) {
      b.append(BigDecimal.valueOf(d).toPlainString());
    } else if (v != null) {
      escape(b, v.toString());
    }
  }

  private static void escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
            b.append("&#x").append(Integer.toHexString(c)).append(';');
          } else {
            b.append(c);
          }
        }
      }
    }
  }

  /**
   * Writes a query-protocol error: {@code <ErrorResponse><Error><Type/><Code/><Message/></Error>}.
   *
   * @param e the error
   * @param requestId the request id
   * @return UTF-8 XML
   */
  public static byte[] xmlError(AwsError e, String requestId) {
    StringBuilder b = new StringBuilder();
    b.append("<ErrorResponse xmlns=\"").append(CLOUDWATCH_XMLNS).append("\"><Error><Type>")
        .append(e.faultType()).append("</Type><Code>");
    escape(b, e.queryCode());
    b.append("</Code>");
    if (e.getMessage() != null) {
      b.append("<Message>");
      escape(b, e.getMessage());
      b.append("</Message>");
    }
    b.append("</Error><RequestId>").append(requestId).append("</RequestId></ErrorResponse>");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns an error body for JSON and CBOR: {@code __type} and {@code message}.
   *
   * @param e the error
   * @param namespace the Smithy namespace to put before the code, or empty text
   * @return the members
   */
  public static Map<String, Object> errorTree(AwsError e, String namespace) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("__type", namespace + e.code());
    if (e.getMessage() != null) {
      m.put("message", e.getMessage());
    }
    return m;
  }
}
