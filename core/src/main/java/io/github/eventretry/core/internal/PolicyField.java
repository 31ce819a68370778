package io.github.eventretry.core.internal;

import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one table of the policy's fields: JSON name, path, order, type, bounds, default, message, where
 * the field sits in the Genesys block, and which property of {@link PolicyDraft} holds it. The reader
 * ({@link PolicyTreeReader}), the validator ({@link PolicyRules}), the writer
 * ({@code core.json.PolicyTrees}), the Genesys mapper ({@code core.json.GenesysTrees}) and
 * {@code docs/policy.md} all iterate it; no other place names a field or states a bound.
 *
 * <p>The declaration order is the order of the JSON form and of every report. Immutable.
 */
public enum PolicyField {
  /** {@code max_retries}. */
  MAX_RETRIES(spec("max_retries", Kind.INTEGER).required().range(1, 10, "")
      .genesys("retry_policy", "max_retries").property("maxRetries", d -> d.maxRetries,
          (d, v) -> d.maxRetries = (Long) v)
      .write(p -> (long) p.maxRetries())
      .doc("retries after the first attempt")),
  /** {@code backoff_strategy}. */
  BACKOFF_STRATEGY(spec("backoff_strategy", Kind.WORD).required().words("exponential", "linear")
      .genesys("retry_policy", "backoff_strategy").property("backoffStrategy",
          d -> d.backoffStrategy, (d, v) -> d.backoffStrategy = (String) v)
      .write(p -> p.backoffStrategy().jsonName())
      .doc("`exponential` (`base * 2^n`) or `linear` (`base * (n + 1)`)")),
  /** {@code base_delay_ms}. */
  BASE_DELAY_MS(spec("base_delay_ms", Kind.INTEGER).required().range(100, 86_400_000, " ms")
      .genesys("retry_policy", "base_delay_ms").property("baseDelayMs", d -> d.baseDelayMs,
          (d, v) -> d.baseDelayMs = (Long) v)
      .exact("baseDelayExact", d -> d.baseDelayExact)
      .write(RetryPolicy::baseDelayMillis)
      .doc("the nominal delay of the first retry")),
  /** {@code max_delay_ms}; also at least {@code base_delay_ms}. */
  MAX_DELAY_MS(spec("max_delay_ms", Kind.INTEGER).required().range(100, 86_400_000, " ms")
      .genesys("retry_policy", "max_delay_ms").property("maxDelayMs", d -> d.maxDelayMs,
          (d, v) -> d.maxDelayMs = (Long) v)
      .exact("maxDelayExact", d -> d.maxDelayExact)
      .write(RetryPolicy::maxDelayMillis)
      .also("and at least `base_delay_ms`")
      .doc("the cap on every delay, jitter included")),
  /** {@code jitter}, an object. */
  JITTER(spec("jitter", Kind.OBJECT).example("{\"mode\": \"full\"}")
      .defaultJson("{\"mode\": \"proportional\", \"factor\": 0.1}")
      .genesys("retry_policy", "jitter").property("jitter", d -> d.jitter,
          (d, v) -> d.jitter = (PolicyDraft.JitterDraft) v)
      .doc("how each delay is randomised; see below")),
  /** {@code jitter.mode}. */
  JITTER_MODE(spec("mode", Kind.WORD).in("jitter").required()
      .words("none", "proportional", "full", "equal", "decorrelated")
      .property("mode", d -> d.jitter == null ? null : d.jitter.mode, (d, v) -> d.jitter.mode = (String) v)
      .write(p -> p.jitter().mode())
      .doc("the jitter formula")),
  /** {@code jitter.factor}: proportional jitter only. */
  JITTER_FACTOR(spec("factor", Kind.NUMBER).in("jitter").range(0.0, true, 1.0, true)
      .defaultJson("0.1")
      .property("factor", d -> d.jitter == null ? null : d.jitter.factor,
          (d, v) -> d.jitter.factor = (Double) v)
      .write(p -> p.jitter() instanceof Jitter.Proportional pr ? pr.factor() : null)
      .also("only with `proportional`")
      .doc("the spread of proportional jitter, as a fraction of the delay")),
  /** {@code dead_letter_queue_arn}: optional, and the one field that may be {@code null}. */
  DEAD_LETTER_QUEUE_ARN(spec("dead_letter_queue_arn", Kind.ARN).nullable()
      .genesys("dead_letter_queue", "arn").property("deadLetterQueueArn",
          d -> d.deadLetterQueueArn, (d, v) -> d.deadLetterQueueArn = (String) v)
      .write(p -> p.deadLetterQueue().map(q -> q.arn()).orElse(null))
      .defaultText("none: exhausted events are dropped")
      .doc("the SQS **standard** queue that receives events whose retries run out")),
  /** {@code destination_rate_limit_rps}. */
  DESTINATION_RATE_LIMIT_RPS(spec("destination_rate_limit_rps", Kind.NUMBER).required()
      .range(0.0, false, Double.POSITIVE_INFINITY, false)
      .genesys("destination_constraints", "rate_limit_rps").property("destinationRateLimitRps",
          d -> d.destinationRateLimitRps, (d, v) -> d.destinationRateLimitRps = (Double) v)
      .write(RetryPolicy::destinationRateLimitRps)
      .doc("the most requests per second the destination accepts")),
  /** {@code storage_availability_class}. */
  STORAGE_AVAILABILITY_CLASS(spec("storage_availability_class", Kind.WORD).required()
      .words("standard", "infrequent", "glacier")
      .genesys("destination_constraints", "storage_class").property("storageAvailabilityClass",
          d -> d.storageAvailabilityClass, (d, v) -> d.storageAvailabilityClass = (String) v)
      .write(p -> p.storageClass().jsonName())
      .doc("passed through to the Genesys block; does not change delivery"));

  /** The JSON type of a field. */
  public enum Kind {
    /** A JSON integer (no fraction, no exponent). */
    INTEGER("integer", "must be an integer"),
    /** Any JSON number that a double can hold. */
    NUMBER("number", "must be a number"),
    /** A string from a fixed list. */
    WORD("string", "must be a string"),
    /** A string holding an SQS queue ARN. */
    ARN("string", "must be a string"),
    /** A JSON object. */
    OBJECT("object", "must be an object");

    private final String jsonType;
    private final String typeMessage;

    Kind(String jsonType, String typeMessage) {
      this.jsonType = jsonType;
      this.typeMessage = typeMessage;
    }

    /**
     * Returns the JSON type's name.
     *
     * @return such as {@code integer}
     */
    public String jsonType() {
      return jsonType;
    }
  }

  private final Spec s;

  PolicyField(Spec s) {
    this.s = s;
  }

  /**
   * Returns the field's name in its object.
   *
   * @return such as {@code max_retries} or {@code mode}
   */
  public String jsonName() {
    return s.name;
  }

  /**
   * Returns the JSON path of the field.
   *
   * @return such as {@code $.max_retries} or {@code $.jitter.mode}
   */
  public String path() {
    return s.parent == null ? "$." + s.name : "$." + s.parent + "." + s.name;
  }

  /**
   * Returns the field that holds this one, for the members of {@code jitter}.
   *
   * @return the parent, or empty for a top-level field
   */
  public Optional<PolicyField> parent() {
    return s.parent == null ? Optional.empty() : Optional.of(byName(null, s.parent));
  }

  /**
   * Returns the JSON type.
   *
   * @return the kind
   */
  public Kind kind() {
    return s.kind;
  }

  /**
   * Returns whether the field must be present (in its object).
   *
   * @return true when required
   */
  public boolean required() {
    return s.required;
  }

  /**
   * Returns whether an explicit {@code null} is allowed (and means absent).
   *
   * @return true only for {@code dead_letter_queue_arn}
   */
  public boolean nullable() {
    return s.nullable;
  }

  /**
   * Returns the smallest allowed value of an integer or number field.
   *
   * @return the bound
   */
  public double min() {
    return s.min;
  }

  /**
   * Returns the largest allowed value of an integer or number field.
   *
   * @return the bound, infinite when there is none
   */
  public double max() {
    return s.max;
  }

  /**
   * Returns whether {@link #min()} itself is allowed.
   *
   * @return true when inclusive
   */
  public boolean minInclusive() {
    return s.minInclusive;
  }

  /**
   * Returns whether {@link #max()} itself is allowed.
   *
   * @return true when inclusive
   */
  public boolean maxInclusive() {
    return s.maxInclusive;
  }

  /**
   * Returns the smallest allowed value of an integer field.
   *
   * @return the bound
   */
  public long minLong() {
    return (long) s.min;
  }

  /**
   * Returns the largest allowed value of an integer field.
   *
   * @return the bound
   */
  public long maxLong() {
    return (long) s.max;
  }

  /**
   * Returns the allowed words of a word field.
   *
   * @return the words in their documented order; empty for other kinds
   */
  public List<String> words() {
    return s.words;
  }

  /**
   * Returns the default's JSON text, for an optional field that has one.
   *
   * @return the default, or empty
   */
  public Optional<String> defaultJson() {
    return Optional.ofNullable(s.defaultJson);
  }

  /**
   * Returns the message of a value below {@link #min()}.
   *
   * @return such as {@code must be between 1 and 10}
   */
  public String belowMessage() {
    return s.belowMessage;
  }

  /**
   * Returns the message of a value above {@link #max()}.
   *
   * @return such as {@code must be at most 86400000 ms (24 h)}
   */
  public String aboveMessage() {
    return s.aboveMessage;
  }

  /**
   * Returns the message of a word that is not allowed.
   *
   * @return such as {@code must be one of: exponential, linear}
   */
  public String wordMessage() {
    return "must be one of: " + String.join(", ", s.words);
  }

  /**
   * Returns the message of a value of the wrong JSON type.
   *
   * @return such as {@code must be an integer} or {@code must be an object such as {"mode": "full"}}
   */
  public String typeMessage() {
    return s.example == null ? s.kind.typeMessage : s.kind.typeMessage + " such as " + s.example;
  }

  /**
   * Returns the message of an explicit {@code null} where none is allowed.
   *
   * @return what to do instead
   */
  public String nullMessage() {
    if (s.required) {
      return "must not be null: it is required";
    }
    return "must not be null; leave the field out to use the default"
        + (s.defaultJson == null ? "" : ", " + s.defaultJson);
  }

  /**
   * Returns where the field sits in the block eventretry keeps under a Genesys integration's
   * {@code advanced}, for a top-level field.
   *
   * @return such as {@code [retry_policy, max_retries]}; empty for members of {@code jitter}
   */
  public List<String> genesysPath() {
    return s.genesysPath;
  }

  /**
   * Returns the name of the {@link PolicyDraft} property that holds the field.
   *
   * @return such as {@code maxRetries}
   */
  public String property() {
    return s.property;
  }

  /**
   * Returns the name of the draft property holding a builder's duration that was not whole
   * milliseconds, for the delay fields.
   *
   * @return the property, or empty
   */
  public Optional<String> exactProperty() {
    return Optional.ofNullable(s.exactProperty);
  }

  /**
   * Reads the field from a draft.
   *
   * @param draft the draft
   * @return the value, or null when absent
   */
  public Object get(PolicyDraft draft) {
    return s.getter.apply(draft);
  }

  /**
   * Reads the builder's inexact duration of a delay field.
   *
   * @param draft the draft
   * @return the duration's text, or null
   */
  public Object getExact(PolicyDraft draft) {
    return s.exactGetter == null ? null : s.exactGetter.apply(draft);
  }

  /**
   * Sets the field in a draft (the draft's {@code jitter} for members of {@code jitter}).
   *
   * @param draft the draft
   * @param value the value: {@link Long}, {@link Double}, {@link String} or a jitter draft
   */
  public void set(PolicyDraft draft, Object value) {
    s.setter.accept(draft, value);
  }

  /**
   * Returns the field's value in the canonical form of a policy.
   *
   * @param policy the policy
   * @return a {@link Long}, {@link Double} or {@link String}; null when the canonical form leaves
   *     the field out; null also for {@code jitter}, whose members carry its value
   */
  public Object canonicalValue(RetryPolicy policy) {
    return s.writer == null ? null : s.writer.apply(policy);
  }

  /**
   * Returns the top-level fields, or the members of an object field, in order.
   *
   * @param parent the object field, or null for the top level
   * @return the fields
   */
  public static List<PolicyField> in(PolicyField parent) {
    List<PolicyField> out = new ArrayList<>();
    for (PolicyField f : values()) {
      if (parent == null ? f.s.parent == null : parent.s.name.equals(f.s.parent)) {
        out.add(f);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the members of this object field.
   *
   * @return the members, in order; empty for other kinds
   */
  public List<PolicyField> members() {
    return in(this);
  }

  /**
   * Finds a field by its path.
   *
   * @param path such as {@code $.jitter.factor}
   * @return the field, or empty
   */
  public static Optional<PolicyField> byPath(String path) {
    for (PolicyField f : values()) {
      if (f.path().equals(path)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds a field by its draft property.
   *
   * @param property such as {@code maxRetries}
   * @return the field, or empty
   */
  public static Optional<PolicyField> byProperty(String property) {
    for (PolicyField f : values()) {
      if (f.s.property.equals(property) || property.equals(f.s.exactProperty)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static PolicyField byName(String parent, String name) {
    for (PolicyField f : values()) {
      if (f.s.name.equals(name) && java.util.Objects.equals(parent, f.s.parent)) {
        return f;
      }
    }
    throw new IllegalStateException("no field " + name);
  }

  /**
   * Returns the allowed values as {@code docs/policy.md} states them.
   *
   * @return such as {@code 1..10}
   */
  public String allowedText() {
    String text;
    switch (s.kind) {
      case INTEGER:
        text = minLong() + ".." + maxLong();
        break;
      case NUMBER:
        text = Double.isInfinite(s.max)
            ? "finite, greater than " + number(s.min)
            : number(s.min) + ".." + number(s.max);
        break;
      case WORD:
        text = String.join(", ", s.words.stream().map(w -> "`" + w + "`").toList());
        break;
      case ARN:
        text = "an SQS standard queue ARN, see below";
        break;
      default:
        text = "see below";
        break;
    }
    return s.also == null ? text : text + ", " + s.also;
  }

  /**
   * Returns what the field means, for {@code docs/policy.md}.
   *
   * @return one phrase
   */
  public String meaning() {
    return s.doc;
  }

  /**
   * Returns the default as {@code docs/policy.md} states it.
   *
   * @return such as {@code 0.1}, or {@code —} for a required field
   */
  public String defaultText() {
    if (s.defaultText != null) {
      return s.defaultText;
    }
    return s.defaultJson == null ? "—" : "`" + s.defaultJson + "`";
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static Spec spec(String name, Kind kind) {
    return new Spec(name, kind);
  }

  /** A field's entry while the table is written. */
  private static final class Spec {
    final String name;
    final Kind kind;
    String parent;
    boolean required;
    boolean nullable;
    double min = Double.NEGATIVE_INFINITY;
    double max = Double.POSITIVE_INFINITY;
    boolean minInclusive = true;
    boolean maxInclusive = true;
    String belowMessage;
    String aboveMessage;
    List<String> words = List.of();
    String defaultJson;
    String defaultText;
    String example;
    String also;
    String doc = "";
    List<String> genesysPath = List.of();
    String property;
    String exactProperty;
    Function<PolicyDraft, Object> getter;
    Function<PolicyDraft, Object> exactGetter;
    BiConsumer<PolicyDraft, Object> setter;
    Function<RetryPolicy, Object> writer;

    Spec(String name, Kind kind) {
      this.name = name;
      this.kind = kind;
    }

    Spec in(String p) {
      parent = p;
      return this;
    }

    Spec required() {
      required = true;
      return this;
    }

    Spec nullable() {
      nullable = true;
      return this;
    }

    /** An integer range; {@code unit} such as {@code " ms"}. */
    Spec range(long lo, long hi, String unit) {
      min = lo;
      max = hi;
      if (unit.isEmpty()) {
        belowMessage = "must be between " + lo + " and " + hi;
        aboveMessage = belowMessage;
      } else {
        belowMessage = "must be at least " + lo + unit;
        aboveMessage = "must be at most " + hi + unit + (hi == 86_400_000 ? " (24 h)" : "");
      }
      return this;
    }

    /** A number range; an infinite {@code hi} means finite and no upper bound. */
    Spec range(double lo, boolean loIn, double hi, boolean hiIn) {
      min = lo;
      max = hi;
      minInclusive = loIn;
      maxInclusive = hiIn;
      if (Double.isInfinite(hi)) {
        belowMessage = "must be a finite number greater than " + number(lo);
      } else {
        belowMessage = String.format(Locale.ROOT, "must be between %s and %s", number(lo), number(hi));
      }
      aboveMessage = belowMessage;
      return this;
    }

    Spec words(String... w) {
      words = List.of(w);
      return this;
    }

    Spec defaultJson(String json) {
      defaultJson = json;
      return this;
    }

    Spec defaultText(String text) {
      defaultText = text;
      return this;
    }

    Spec example(String e) {
      example = e;
      return this;
    }

    Spec also(String a) {
      also = a;
      return this;
    }

    Spec doc(String d) {
      doc = d;
      return this;
    }

    Spec genesys(String... path) {
      genesysPath = List.of(path);
      return this;
    }

    Spec property(String p, Function<PolicyDraft, Object> get, BiConsumer<PolicyDraft, Object> set) {
      property = p;
      getter = get;
      setter = set;
      return this;
    }

    Spec exact(String p, Function<PolicyDraft, Object> get) {
      exactProperty = p;
      exactGetter = get;
      return this;
    }

    Spec write(Function<RetryPolicy, Object> w) {
      writer = w;
      return this;
    }
  }
}
