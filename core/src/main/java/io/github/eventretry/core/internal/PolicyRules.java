package io.github.eventretry.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventretry.core.Violation;
import io.github.eventretry.core.text.SafeText;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.GenericConstraintDef;
import org.hibernate.validator.cfg.context.PropertyConstraintMappingContext;
import org.hibernate.validator.cfg.context.TypeConstraintMappingContext;
import org.hibernate.validator.cfg.defs.DecimalMaxDef;
import org.hibernate.validator.cfg.defs.DecimalMinDef;
import org.hibernate.validator.cfg.defs.MaxDef;
import org.hibernate.validator.cfg.defs.MinDef;
import org.hibernate.validator.cfg.defs.NotNullDef;
import org.hibernate.validator.cfg.defs.NullDef;
import org.hibernate.validator.cfg.defs.PatternDef;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Runs the policy's rules with Jakarta Bean Validation (Hibernate Validator) and turns what it finds into
 * {@link Violation}s with JSON paths. The constraints are not annotations: they are a programmatic
 * constraint mapping built from {@link PolicyField}, so every bound and message is written once, in the
 * table. Thread-safe: the validator is built once and Hibernate Validator's validators are thread-safe.
 */
public final class PolicyRules {
  private PolicyRules() {}

  private static final class Holder {
    // Built on first use. ParameterMessageInterpolator needs no Expression Language implementation,
    // so validation works whether or not one is on the class path.
    static final Validator VALIDATOR = build();

    private static Validator build() {
      HibernateValidatorConfiguration config = jakarta.validation.Validation
          .byProvider(HibernateValidator.class)
          .configure()
          .ignoreXmlConfiguration()
          .messageInterpolator(new ParameterMessageInterpolator());
      return config.addMapping(mapping(config)).buildValidatorFactory().getValidator();
    }
  }

  /**
   * Builds the constraint mapping of {@link PolicyDraft} from the field table.
   *
   * @param config the configuration that makes the mapping
   * @return the mapping
   */
  static ConstraintMapping mapping(HibernateValidatorConfiguration config) {
    ConstraintMapping mapping = config.createConstraintMapping();
    TypeConstraintMappingContext<PolicyDraft> policy = mapping.type(PolicyDraft.class)
        .constraint(new GenericConstraintDef<>(Constraints.DelayOrder.class));
    for (PolicyField f : PolicyField.in(null)) {
      constrain(policy.field(f.property()), f);
      f.exactProperty().ifPresent(p -> policy.field(p)
          .constraint(new NullDef().message("must be a whole number of milliseconds")));
    }
    TypeConstraintMappingContext<PolicyDraft.JitterDraft> jitter = mapping
        .type(PolicyDraft.JitterDraft.class)
        .constraint(new GenericConstraintDef<>(Constraints.FactorOnlyForProportional.class));
    for (PolicyField f : PolicyField.JITTER.members()) {
      constrain(jitter.field(f.property()), f);
    }
    return mapping;
  }

  private static void constrain(PropertyConstraintMappingContext p, PolicyField f) {
    if (f.required()) {
      p.constraint(new NotNullDef().message("is required"));
    }
    switch (f.kind()) {
      case INTEGER:
        p.constraint(new MinDef().value(f.minLong()).message(escapeTemplate(f.belowMessage())));
        p.constraint(new MaxDef().value(f.maxLong()).message(escapeTemplate(f.aboveMessage())));
        break;
      case NUMBER:
        p.constraint(new GenericConstraintDef<>(Constraints.Finite.class).message(escapeTemplate(f.belowMessage())));
        p.constraint(new DecimalMinDef().value(decimal(f.min())).inclusive(f.minInclusive())
            .message(escapeTemplate(f.belowMessage())));
        if (!Double.isInfinite(f.max())) {
          p.constraint(new DecimalMaxDef().value(decimal(f.max())).inclusive(f.maxInclusive())
              .message(escapeTemplate(f.aboveMessage())));
        }
        break;
      case WORD:
        p.constraint(new PatternDef().regexp(String.join("|", f.words()))
            .message(escapeTemplate(f.wordMessage())));
        break;
      case ARN:
        p.constraint(new GenericConstraintDef<>(Constraints.SqsStandardQueue.class));
        break;
      default:
        p.valid();
        break;
    }
  }

  private static String decimal(double v) {
    return new java.math.BigDecimal(v).toPlainString();
  }

  /**
   * Validates a draft.
   *
   * @param draft the draft
   * @param earlier violations already found while reading (wrong types, unknown fields); a constraint
   *     on the same path, or on a field inside it, is not reported again
   * @return the new violations, unsorted
   */
  public static List<Violation> validate(PolicyDraft draft, List<Violation> earlier) {
    Set<String> reported = new HashSet<>();
    for (Violation v : earlier) {
      reported.add(v.path());
    }
    Set<Violation> found = new LinkedHashSet<>(); // NaN breaks two rules with one message: say it once
    for (ConstraintViolation<PolicyDraft> cv : Holder.VALIDATOR.validate(draft)) {
      String path = jsonPath(cv.getPropertyPath());
      if (reported.contains(path) || reported.contains(parentOf(path))) {
        continue;
      }
      found.add(new Violation(path, cv.getMessage(), rendered(draft, cv)));
    }
    return new ArrayList<>(found);
  }

  private static String rendered(PolicyDraft d, ConstraintViolation<PolicyDraft> cv) {
    String leaf = null;
    for (Path.Node n : cv.getPropertyPath()) {
      leaf = n.getName();
    }
    PolicyField field = leaf == null ? null : PolicyField.byProperty(leaf).orElse(null);
    if (field != null && field.exactProperty().filter(leaf::equals).isPresent()) {
      return SafeText.quote(String.valueOf(field.getExact(d)));
    }
    Object value = field == null ? cv.getInvalidValue() : field.get(d);
    return value == null ? Violation.MISSING : renderValue(value);
  }

  /**
   * Renders a value from a draft as the report shows it: strings quoted, every value escaped and cut
   * to 80 characters ({@link SafeText}).
   *
   * @param value a {@link String}, {@link Long}, {@link Double} or anything else
   * @return the text
   */
  public static String renderValue(Object value) {
    if (value instanceof String s) {
      return quoted(s);
    }
    // Numbers as the JSON form writes them: 150.0, 0.1, 1.0E-5; NaN and Infinity as words.
    return SafeText.quote(String.valueOf(value));
  }

  /**
   * Renders a JSON value on one line, escaped and cut to 80 characters.
   *
   * @param node the value
   * @return its JSON text; a string quoted
   */
  public static String render(JsonNode node) {
    if (node.isTextual()) {
      return quoted(node.textValue());
    }
    return SafeText.quote(node.toString());
  }

  private static String quoted(String s) {
    return "\"" + SafeText.quote(s, SafeText.DEFAULT_MAX_CHARS - 2) + "\"";
  }

  private static String jsonPath(Path path) {
    StringBuilder sb = new StringBuilder("$");
    for (Path.Node n : path) {
      if (n.getName() != null) {
        String name = PolicyField.byProperty(n.getName()).map(PolicyField::jsonName)
            .orElse(n.getName());
        sb.append('.').append(name);
      }
    }
    return sb.toString();
  }

  private static String parentOf(String path) {
    int dot = path.lastIndexOf('.');
    return dot <= 1 ? "$" : path.substring(0, dot);
  }

  /**
   * Sorts violations by the field order of the table; unknown paths keep their order at the end.
   *
   * @param violations the violations
   * @return a sorted copy
   */
  public static List<Violation> sorted(List<Violation> violations) {
    List<Violation> copy = new ArrayList<>(violations);
    // Bean Validation reports in no particular order; within a known path, order by message so the
    // report is the same every run. Unknown paths keep the document's order.
    copy.sort(Comparator.<Violation>comparingInt(v -> order(v.path()))
        .thenComparing(v -> order(v.path()) < Integer.MAX_VALUE ? v.message() : ""));
    return copy;
  }

  private static int order(String path) {
    if (path.equals("$") || path.equals(SchemaMember.PATH)) {
      return -1; // a file's "$schema" comes first, as it does in the file
    }
    return PolicyField.byPath(path).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
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
