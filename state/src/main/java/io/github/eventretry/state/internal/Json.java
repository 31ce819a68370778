package io.github.eventretry.state.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import java.io.IOException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** Strict JSON reading helpers. Thread-safe. */
public final class Json {
  /** Rejects duplicate members and trailing content. */
  public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private Json() {}

  /** Thrown for content that is not what the reader expects. */
  public static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates it. */
    public Bad(String message) {
      super(message, null, false, false);
    }
  }

  /** Requires an object with exactly the given members. */
  public static ObjectNode object(JsonNode n, String where, String... members) throws Bad {
    return object(n, where, Set.of(members), Set.of());
  }

  /** Requires an object with all the required members, any of the optional ones, and nothing else. */
  public static ObjectNode object(JsonNode n, String where, Set<String> required, Set<String> optional)
      throws Bad {
    if (n == null || !n.isObject()) {
      throw new Bad(where + " must be an object");
    }
    Set<String> have = new TreeSet<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      have.add(it.next());
    }
    Set<String> want = new TreeSet<>(required);
    for (String o : optional) {
      if (have.contains(o)) {
        want.add(o);
      }
    }
    if (!have.equals(want)) {
      Set<String> missing = new TreeSet<>(want);
      missing.removeAll(have);
      Set<String> unknown = new TreeSet<>(have);
      unknown.removeAll(want);
      throw new Bad(where + ": missing " + missing + ", unknown " + unknown);
    }
    return (ObjectNode) n;
  }

  /** Writes a tree as indented JSON (two spaces, as {@code PolicyJson} writes policies). */
  public static String pretty(JsonNode n) {
    try {
      return PRETTY.writeValueAsString(n);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree can always be written", e);
    }
  }

  /** Returns a policy's JSON form as a tree, through core's own writer. */
  public static ObjectNode policyNode(RetryPolicy policy) {
    try {
      return (ObjectNode) MAPPER.readTree(PolicyJson.write(policy));
    } catch (IOException e) {
      throw new IllegalStateException("core writes policies as JSON objects", e);
    }
  }

  /** Reads a policy from its JSON form as a tree, through core's own reader. */
  public static RetryPolicy policy(JsonNode n) {
    try {
      return PolicyJson.read(MAPPER.writeValueAsString(n));
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree can always be written", e);
    }
  }

  /** Requires a boolean member. */
  public static boolean bool(JsonNode o, String name) throws Bad {
    JsonNode n = o.get(name);
    if (n == null || !n.isBoolean()) {
      throw new Bad(name + " must be true or false");
    }
    return n.booleanValue();
  }

  /** Requires a string member. */
  public static String text(JsonNode o, String name) throws Bad {
    JsonNode n = o.get(name);
    if (n == null || !n.isTextual()) {
      throw new Bad(name + " must be a string");
    }
    return n.textValue();
  }

  /** Requires a string member or null. */
  public static String textOrNull(JsonNode o, String name) throws Bad {
    JsonNode n = o.get(name);
    if (n != null && n.isNull()) {
      return null;
    }
    return text(o, name);
  }

  /** Requires a whole number member that fits a long. */
  public static long integer(JsonNode o, String name) throws Bad {
    JsonNode n = o.get(name);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new Bad(name + " must be a whole number");
    }
    return n.longValue();
  }

  /** Requires a number member. */
  public static double number(JsonNode o, String name) throws Bad {
    JsonNode n = o.get(name);
    if (n == null || !n.isNumber()) {
      throw new Bad(name + " must be a number");
    }
    return n.doubleValue();
  }

  /** Requires an ISO-8601 instant. */
  public static Instant instant(JsonNode o, String name) throws Bad {
    String t = text(o, name);
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new Bad(name + " must be an ISO-8601 instant (rejected: " + t + ")");
    }
  }
}
