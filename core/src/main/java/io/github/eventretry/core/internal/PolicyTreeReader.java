package io.github.eventretry.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.eventretry.core.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a JSON tree into a {@link PolicyDraft}, reporting structural problems (wrong type, unknown
 * field) as violations and leaving the range rules to {@link PolicyRules}. Stateless and thread-safe.
 */
public final class PolicyTreeReader {
  /** The fields of the policy object, in the order of the JSON form. */
  public static final List<String> FIELDS = List.of(
      "max_retries",
      "backoff_strategy",
      "base_delay_ms",
      "max_delay_ms",
      "jitter",
      "dead_letter_queue_arn",
      "destination_rate_limit_rps",
      "storage_availability_class");

  /** The fields of the jitter object. */
  public static final List<String> JITTER_FIELDS = List.of("mode", "factor");

  private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private PolicyTreeReader() {}

  /** A draft and the violations found while reading it. */
  public record Result(PolicyDraft draft, List<Violation> violations) {}

  /**
   * Reads a policy object.
   *
   * @param root the parsed document
   * @return the draft and the structural violations
   */
  public static Result read(JsonNode root) {
    PolicyDraft d = new PolicyDraft();
    List<Violation> v = new ArrayList<>();
    if (!root.isObject()) {
      v.add(new Violation("$", "must be a JSON object", kind(root)));
      return new Result(d, v);
    }
    unknownFields(root, "$", FIELDS, v);
    d.maxRetries = integer(root, "max_retries", "$", v);
    d.backoffStrategy = text(root, "backoff_strategy", "$", v);
    d.baseDelayMs = integer(root, "base_delay_ms", "$", v);
    d.maxDelayMs = integer(root, "max_delay_ms", "$", v);
    JsonNode jitter = root.get("jitter");
    if (jitter != null && !jitter.isNull()) {
      if (!jitter.isObject()) {
        v.add(new Violation("$.jitter", "must be an object such as {\"mode\": \"full\"}", kind(jitter)));
      } else {
        unknownFields(jitter, "$.jitter", JITTER_FIELDS, v);
        PolicyDraft.JitterDraft j = new PolicyDraft.JitterDraft();
        j.mode = text(jitter, "mode", "$.jitter", v);
        j.factor = number(jitter, "factor", "$.jitter", v, true);
        d.jitter = j;
      }
    }
    JsonNode dlq = root.get("dead_letter_queue_arn");
    if (dlq != null && !dlq.isNull()) {
      d.deadLetterQueueArn = text(root, "dead_letter_queue_arn", "$", v);
    }
    d.destinationRateLimitRps = number(root, "destination_rate_limit_rps", "$", v, false);
    d.storageAvailabilityClass = text(root, "storage_availability_class", "$", v);
    return new Result(d, v);
  }

  private static void unknownFields(JsonNode obj, String at, List<String> known, List<Violation> v) {
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!known.contains(e.getKey())) {
        String hint = closest(e.getKey(), known);
        String message = "unknown field"
            + (hint == null ? "." : "; did you mean " + hint + "?")
            + " Allowed: " + String.join(", ", known);
        v.add(new Violation(childPath(at, e.getKey()), message, PolicyRules.render(e.getValue())));
      }
    }
  }

  private static Long integer(JsonNode obj, String name, String at, List<Violation> v) {
    JsonNode n = obj.get(name);
    if (n == null) {
      return null;
    }
    if (n.isIntegralNumber()) {
      if (n.canConvertToLong()) {
        return n.longValue();
      }
      // Far outside any range: keep a value that fails the range check with the usual message.
      return n.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    v.add(new Violation(childPath(at, name), "must be an integer", PolicyRules.render(n)));
    return null;
  }

  private static Double number(JsonNode obj, String name, String at, List<Violation> v, boolean opt) {
    JsonNode n = obj.get(name);
    if (n == null || (opt && n.isNull())) {
      return null;
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    v.add(new Violation(childPath(at, name), "must be a number", PolicyRules.render(n)));
    return null;
  }

  private static String text(JsonNode obj, String name, String at, List<Violation> v) {
    JsonNode n = obj.get(name);
    if (n == null) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    v.add(new Violation(childPath(at, name), "must be a string", PolicyRules.render(n)));
    return null;
  }

  private static String kind(JsonNode n) {
    if (n.isArray()) {
      return "an array";
    }
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "a number";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    return n.isNull() ? "null" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Returns the JSON path of a child field, in bracket form when the name is not a simple identifier.
   *
   * @param at the parent's path
   * @param name the field name
   * @return such as {@code $.jitter.mode} or {@code $["max retries"]}
   */
  public static String childPath(String at, String name) {
    if (SIMPLE_NAME.matcher(name).matches()) {
      return at + "." + name;
    }
    return at + "[" + JsonNodeFactory.instance.textNode(name) + "]";
  }

  private static String closest(String name, List<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int dist = distance(name.toLowerCase(java.util.Locale.ROOT), k);
      if (dist < bestDistance) {
        bestDistance = dist;
        best = k;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64) {
      return Integer.MAX_VALUE;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
