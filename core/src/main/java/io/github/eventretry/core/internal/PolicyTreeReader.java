package io.github.eventretry.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventretry.core.Violation;
import io.github.eventretry.core.text.SafeText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a JSON tree into a {@link PolicyDraft} by walking {@link PolicyField}, reporting structural
 * problems (wrong type, explicit null, a number no double can hold, unknown field) as violations and
 * leaving the range rules to {@link PolicyRules}. A top-level {@code "$schema"} member is checked
 * ({@link SchemaMember}) and left out of the draft. Stateless and thread-safe.
 */
public final class PolicyTreeReader {
  private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private PolicyTreeReader() {}

  /**
   * A draft and the violations found while reading it.
   *
   * @param draft the draft
   * @param violations the structural violations
   */
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
    readObject(root, null, d, v);
    return new Result(d, v);
  }

  private static void readObject(JsonNode obj, PolicyField parent, PolicyDraft d, List<Violation> v) {
    List<PolicyField> fields = PolicyField.in(parent);
    unknownFields(obj, parent == null ? "$" : parent.path(), fields, parent == null, v);
    JsonNode schema = parent == null ? obj.get(SchemaMember.NAME) : null;
    if (schema != null) {
      Violation problem = SchemaMember.check(schema);
      if (problem != null) {
        v.add(problem);
      }
    }
    for (PolicyField f : fields) {
      JsonNode n = obj.get(f.jsonName());
      if (n == null) {
        continue; // absent: the validator reports a required field as required
      }
      if (n.isNull()) {
        if (!f.nullable()) {
          v.add(new Violation(f.path(), f.nullMessage(), "null"));
        }
        continue;
      }
      Object value = value(f, n, v);
      if (value == null) {
        continue;
      }
      if (f.kind() == PolicyField.Kind.OBJECT) {
        PolicyDraft.JitterDraft j = new PolicyDraft.JitterDraft();
        f.set(d, j);
        readObject(n, f, d, v);
      } else {
        f.set(d, value);
      }
    }
  }

  /** Returns the field's value, or null after reporting why it has none. */
  private static Object value(PolicyField f, JsonNode n, List<Violation> v) {
    switch (f.kind()) {
      case INTEGER:
        if (n.isIntegralNumber()) {
          if (n.canConvertToLong()) {
            return n.longValue();
          }
          // Far outside any range: keep a value that fails the range check with the usual message.
          return n.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        break;
      case NUMBER:
        if (n.isNumber()) {
          try {
            return JsonDocuments.toDouble(n);
          } catch (ArithmeticException e) {
            v.add(new Violation(f.path(), e.getMessage(), PolicyRules.render(n)));
            return null;
          }
        }
        break;
      case OBJECT:
        if (n.isObject()) {
          return n;
        }
        break;
      default:
        if (n.isTextual()) {
          return n.textValue();
        }
        break;
    }
    v.add(new Violation(f.path(), f.typeMessage(), PolicyRules.render(n)));
    return null;
  }

  /**
   * Reports the members that are no field; at the top level {@code "$schema"} is not one of them. The
   * list of allowed names is the policy's fields: {@code "$schema"} is offered only as a correction.
   */
  private static void unknownFields(
      JsonNode obj, String at, List<PolicyField> known, boolean top, List<Violation> v) {
    List<String> names = known.stream().map(PolicyField::jsonName).toList();
    List<String> hints = new ArrayList<>(names);
    if (top) {
      hints.add(SchemaMember.NAME);
    }
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (top && e.getKey().equals(SchemaMember.NAME)) {
        continue;
      }
      if (!names.contains(e.getKey())) {
        String hint = closest(e.getKey(), hints);
        String message = "unknown field"
            + (hint == null ? "." : "; did you mean " + hint + "?")
            + " Allowed: " + String.join(", ", names);
        v.add(new Violation(childPath(at, e.getKey()), message, PolicyRules.render(e.getValue())));
      }
    }
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
    return n.isNull() ? "null" : n.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the JSON path of a child field, in bracket form when the name is not a simple identifier;
   * the name is escaped and cut as every echoed value is.
   *
   * @param at the parent's path
   * @param name the field name
   * @return such as {@code $.jitter.mode} or {@code $["max retries"]}
   */
  public static String childPath(String at, String name) {
    if (SIMPLE_NAME.matcher(name).matches() && name.length() <= 64) {
      return at + "." + name;
    }
    return at + "[\"" + SafeText.quote(name, 64) + "\"]";
  }

  private static String closest(String name, List<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int dist = distance(name.toLowerCase(Locale.ROOT), k);
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
