package io.github.eventretry.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.eventretry.core.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Runs the policy's Bean Validation constraints and turns what they find into {@link Violation}s with
 * JSON paths. Thread-safe: the validator is built once and Hibernate Validator's validators are
 * thread-safe.
 */
public final class PolicyRules {
  /** The shortest delay, in milliseconds. */
  public static final long MIN_DELAY_MS = 100;
  /** The longest delay, in milliseconds: 24 h. */
  public static final long MAX_DELAY_MS = 86_400_000;

  /** JSON paths in the order of the JSON form; violations are sorted by it. */
  public static final List<String> PATH_ORDER = List.of(
      "$",
      "$.max_retries",
      "$.backoff_strategy",
      "$.base_delay_ms",
      "$.max_delay_ms",
      "$.jitter",
      "$.jitter.mode",
      "$.jitter.factor",
      "$.dead_letter_queue_arn",
      "$.destination_rate_limit_rps",
      "$.storage_availability_class");

  private static final Map<String, String> JSON_NAMES = Map.ofEntries(
      Map.entry("maxRetries", "max_retries"),
      Map.entry("backoffStrategy", "backoff_strategy"),
      Map.entry("baseDelayMs", "base_delay_ms"),
      Map.entry("baseDelayExact", "base_delay_ms"),
      Map.entry("maxDelayMs", "max_delay_ms"),
      Map.entry("maxDelayExact", "max_delay_ms"),
      Map.entry("jitter", "jitter"),
      Map.entry("mode", "mode"),
      Map.entry("factor", "factor"),
      Map.entry("deadLetterQueueArn", "dead_letter_queue_arn"),
      Map.entry("destinationRateLimitRps", "destination_rate_limit_rps"),
      Map.entry("storageAvailabilityClass", "storage_availability_class"));

  private static final int MAX_RENDERED = 80;

  private PolicyRules() {}

  private static final class Holder {
    // Built on first use. ParameterMessageInterpolator needs no Expression Language implementation,
    // so validation works whether or not one is on the class path.
    static final Validator VALIDATOR = build();

    private static Validator build() {
      ValidatorFactory factory = Validation.byProvider(HibernateValidator.class)
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory();
      return factory.getValidator();
    }
  }

  /**
   * Validates a draft.
   *
   * @param draft the draft
   * @param earlier violations already found while reading (wrong types, unknown fields); a constraint
   *     on the same path is not reported again
   * @return the new violations, unsorted
   */
  public static List<Violation> validate(PolicyDraft draft, List<Violation> earlier) {
    Set<String> reported = new HashSet<>();
    for (Violation v : earlier) {
      reported.add(v.path());
    }
    List<Violation> found = new ArrayList<>();
    for (ConstraintViolation<PolicyDraft> cv : Holder.VALIDATOR.validate(draft)) {
      String path = jsonPath(cv.getPropertyPath());
      if (reported.contains(path) || reported.contains(parentOf(path))) {
        continue;
      }
      found.add(new Violation(path, cv.getMessage(), rendered(draft, cv)));
    }
    return found;
  }

  private static String rendered(PolicyDraft d, ConstraintViolation<PolicyDraft> cv) {
    String leaf = null;
    for (Path.Node n : cv.getPropertyPath()) {
      leaf = n.getName();
    }
    Object value;
    if ("baseDelayExact".equals(leaf) || "maxDelayExact".equals(leaf)) {
      value = cv.getInvalidValue();
    } else if ("maxDelayMs".equals(leaf)) {
      value = d.maxDelayMs;
    } else if ("factor".equals(leaf)) {
      value = d.jitter == null ? null : d.jitter.factor;
    } else {
      value = cv.getInvalidValue();
    }
    if (value == null) {
      return Violation.MISSING;
    }
    if (value instanceof String s && ("baseDelayExact".equals(leaf) || "maxDelayExact".equals(leaf))) {
      return s;
    }
    return renderValue(value);
  }

  private static String renderValue(Object value) {
    JsonNode node;
    if (value instanceof String s) {
      node = JsonNodeFactory.instance.textNode(s);
    } else if (value instanceof Long l) {
      node = JsonNodeFactory.instance.numberNode(l);
    } else if (value instanceof Double x) {
      return Double.isFinite(x) ? JsonNodeFactory.instance.numberNode(x).toString() : x.toString();
    } else {
      return shorten(String.valueOf(value));
    }
    return render(node);
  }

  /**
   * Renders a JSON value on one line, shortened to 80 characters.
   *
   * @param node the value
   * @return its JSON text
   */
  public static String render(JsonNode node) {
    return shorten(node.toString());
  }

  private static String shorten(String s) {
    if (s.length() <= MAX_RENDERED) {
      return s;
    }
    return s.substring(0, MAX_RENDERED) + "... (" + s.length() + " characters)";
  }

  private static String jsonPath(Path path) {
    StringBuilder sb = new StringBuilder("$");
    for (Path.Node n : path) {
      if (n.getName() != null) {
        sb.append('.').append(JSON_NAMES.getOrDefault(n.getName(), n.getName()));
      }
    }
    return sb.toString();
  }

  private static String parentOf(String path) {
    int dot = path.lastIndexOf('.');
    return dot <= 1 ? "$" : path.substring(0, dot);
  }

  /**
   * Sorts violations by the field order of the JSON form; unknown paths keep their order at the end.
   *
   * @param violations the violations
   * @return a sorted copy
   */
  public static List<Violation> sorted(List<Violation> violations) {
    List<Violation> copy = new ArrayList<>(violations);
    // Bean Validation reports in no particular order; within a known path, order by message so the
    // report is the same every run. Unknown paths keep the document's order.
    copy.sort(Comparator.<Violation>comparingInt(v -> {
      int i = PATH_ORDER.indexOf(v.path());
      return i < 0 ? PATH_ORDER.size() : i;
    }).thenComparing(v -> PATH_ORDER.contains(v.path()) ? v.message() : ""));
    return copy;
  }

  /**
   * Escapes text for use as a Bean Validation message template.
   *
   * @param text literal text
   * @return a template that interpolates to {@code text}
   */
  public static String escapeTemplate(String text) {
    return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
  }

  /**
   * Returns whether a duration is a whole number of milliseconds.
   *
   * @param d the duration
   * @return true when no sub-millisecond part is lost
   */
  public static boolean isWholeMillis(Duration d) {
    return d.getNano() % 1_000_000 == 0;
  }

  /**
   * Returns a duration in milliseconds, saturating at the bounds of {@code long}.
   *
   * @param d the duration
   * @return the milliseconds, rounded towards negative infinity
   */
  public static long wholeMillis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
