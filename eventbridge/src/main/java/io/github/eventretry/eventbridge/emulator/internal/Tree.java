package io.github.eventretry.eventbridge.emulator.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads members of a decoded request (maps, lists, text, numbers, instants), whatever protocol it came
 * in: JSON and CBOR carry typed values, the query protocol carries text. A member of the wrong type is
 * AWS's {@code SerializationException} (or CloudWatch's {@code InvalidParameterValue}).
 */
final class Tree {
  private final Function<String, AwsError> typeError;

  private Tree(Function<String, AwsError> typeError) {
    this.typeError = typeError;
  }

  /** EventBridge's: {@code SerializationException}. */
  static final Tree EVENTS = new Tree(field -> AwsError.events(400, "SerializationException",
      "Unexpected type for member '" + field + "'."));
  /** CloudWatch's: {@code InvalidParameterValue}. */
  static final Tree CLOUDWATCH = new Tree(field -> AwsError.cloudWatch(400, "InvalidParameterValue",
      "The parameter " + field + " has a value of the wrong type."));

  String text(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    throw typeError.apply(key);
  }

  Long integer(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger) {
      throw typeError.apply(key);
    }
    if (v instanceof Double dd && dd == Math.rint(dd) && Math.abs(dd) < 1e15) {
      return dd.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        throw typeError.apply(key);
      }
    }
    throw typeError.apply(key);
  }

  Double number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && !(v instanceof BigInteger)) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        throw typeError.apply(key);
      }
    }
    throw typeError.apply(key);
  }

  Boolean bool(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw typeError.apply(key);
  }

  /** A timestamp: a CBOR tag 1, epoch seconds (JSON), or ISO 8601 text or epoch text (query). */
  Instant instant(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof Number n && !(v instanceof BigInteger)) {
      return fromEpoch(n.doubleValue());
    }
    if (v instanceof String s) {
      try {
        return Instant.parse(s.strip());
      } catch (DateTimeParseException e) {
        try {
          return fromEpoch(Double.parseDouble(s.strip()));
        } catch (NumberFormatException e2) {
          throw typeError.apply(key);
        }
      }
    }
    throw typeError.apply(key);
  }

  private static Instant fromEpoch(double s) {
    long secs = (long) Math.floor(s);
    return Instant.ofEpochSecond(secs, Math.round((s - secs) * 1e9));
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?> mm) {
      return (Map<String, Object>) mm;
    }
    if (v instanceof String s && s.isEmpty()) {
      return new LinkedHashMap<>();
    }
    throw typeError.apply(key);
  }

  @SuppressWarnings("unchecked")
  List<Object> list(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> l) {
      return (List<Object>) l;
    }
    if (v instanceof String s && s.isEmpty()) {
      return new ArrayList<>(); // the query protocol's empty list: "Key="
    }
    throw typeError.apply(key);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> maps(Map<String, Object> m, String key) {
    List<Object> l = list(m, key);
    if (l == null) {
      return null;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : l) {
      if (!(o instanceof Map<?, ?>)) {
        throw typeError.apply(key);
      }
      out.add((Map<String, Object>) o);
    }
    return out;
  }

  List<String> texts(Map<String, Object> m, String key) {
    List<Object> l = list(m, key);
    if (l == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      if (!(o instanceof String s)) {
        throw typeError.apply(key);
      }
      out.add(s);
    }
    return out;
  }
}
