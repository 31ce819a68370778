package io.github.eventretry.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.internal.JsonDocuments;
import io.github.eventretry.core.internal.PolicyField;
import io.github.eventretry.core.internal.SchemaMember;
import io.github.eventretry.core.internal.SqsArns;
import io.github.eventretry.core.json.PolicyTrees;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the policy's JSON Schema (draft 2020-12) from the field table, {@link PolicyField}: the file
 * in core's jar ({@link PolicyJson#SCHEMA_RESOURCE}) and in {@code docs/schema/} is this text, and
 * {@link PolicySchemaTest} fails when either differs.
 *
 * <p>The schema uses only keywords draft 7 already had, so an editor that implements no newer draft
 * reads it the same way. What it cannot state is listed once, in {@link Gap}: in the schema's
 * description, in the descriptions of the fields concerned and in {@code docs/policy.md}.
 */
final class PolicySchema {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The draft the schema declares. */
  static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

  private PolicySchema() {}

  /** A rule of eventretry's validator that JSON Schema cannot state; the validator still checks it. */
  enum Gap {
    /** The one rule between two fields. */
    DELAY_ORDER("`max_delay_ms` must be at least `base_delay_ms`: JSON Schema cannot compare two"
        + " values of a document."),
    /** JSON Schema judges the value of a number, not how it is written. */
    INTEGER_FORM("An integer must be written as one (`500`, not `500.0` or `5e2`): JSON Schema counts"
        + " every number whose fraction is zero as an integer."),
    /** eventretry reads numbers as doubles; JSON Schema compares them exactly. */
    DOUBLE_RANGE("A number must be one a 64-bit double can hold: eventretry refuses a number that is"
        + " not 0 but would read as 0 (`1e-400`) and one beyond the largest double (`1e400`). JSON"
        + " Schema compares numbers exactly, so the schema accepts `1e-400` wherever its range"
        + " allows it, and it bounds `destination_rate_limit_rps` by the largest double,"
        + " 1.7976931348623157e308, where eventretry also takes a longer number that rounds down to"
        + " it."),
    /** What the parser checks before there is a value to judge. */
    DOCUMENT("The document must be UTF-8, at most 1 MiB, nested at most " + JsonDocuments.MAX_DEPTH
        + " levels deep, with no member twice and nothing after its value: JSON Schema judges a"
        + " document only once it is parsed.");

    private final String markdown;

    Gap(String markdown) {
      this.markdown = markdown;
    }

    /** The rule as {@code docs/policy.md} states it. */
    String markdown() {
      return markdown;
    }

    /** The rule as the schema's description states it. */
    String plain() {
      return PolicySchema.plain(markdown);
    }
  }

  /** The schema's text: eventretry's pretty JSON form and a final newline. */
  static String text() {
    return PolicyTrees.writePretty(schema()) + "\n";
  }

  /** The list of {@link Gap}s as {@code docs/policy.md} shows it. */
  static String gapsMarkdown() {
    StringBuilder sb = new StringBuilder();
    for (Gap g : Gap.values()) {
      sb.append("- ").append(g.markdown()).append('\n');
    }
    return sb.toString();
  }

  static ObjectNode schema() {
    ObjectNode s = NODES.objectNode();
    s.put("$schema", DRAFT);
    s.put("$id", PolicyJson.SCHEMA_ID);
    s.put("$comment", "Generated from eventretry's field table (PolicyField); a test fails when"
        + " this file differs from it: do not edit. Version 1 of the policy's JSON form; this $id"
        + " never changes, and a form that breaks version 1 gets a new one.");
    s.put("title", "eventretry retry policy");
    StringBuilder description = new StringBuilder("A retry policy for Genesys Cloud's Amazon"
        + " EventBridge integration, as eventretry reads it (docs/policy.md). eventretry's validator"
        + " also checks what JSON Schema cannot state:");
    int n = 1;
    for (Gap g : Gap.values()) {
      description.append(' ').append(n++).append(") ").append(g.plain());
    }
    s.put("description", description.toString());
    s.put("type", "object");
    ObjectNode properties = s.putObject("properties");
    properties.set(SchemaMember.NAME, schemaMember());
    object(s, properties, null);
    return s;
  }

  /** The members of the top level or of an object field, their required list, and nothing else. */
  private static void object(ObjectNode target, ObjectNode properties, PolicyField parent) {
    ArrayNode required = NODES.arrayNode();
    for (PolicyField f : PolicyField.in(parent)) {
      properties.set(f.jsonName(), field(f));
      if (f.required()) {
        required.add(f.jsonName());
      }
    }
    target.set("required", required);
    target.put("additionalProperties", false);
  }

  private static ObjectNode schemaMember() {
    ObjectNode m = NODES.objectNode();
    m.put("description", "Where editors find this schema. eventretry accepts any string here and"
        + " leaves it out of the policy and its fingerprint, except that an address under"
        + " https://eventretry.github.io/schema/ must be this schema's own, " + PolicyJson.SCHEMA_ID
        + ".");
    m.put("type", "string");
    m.put("default", PolicyJson.SCHEMA_ID);
    ArrayNode anyOf = m.putArray("anyOf");
    anyOf.addObject().put("const", PolicyJson.SCHEMA_ID);
    anyOf.addObject().putObject("not").put("pattern", SchemaMember.NAMESPACE_PATTERN);
    return m;
  }

  private static ObjectNode field(PolicyField f) {
    ObjectNode p = NODES.objectNode();
    p.put("description", description(f));
    if (f.nullable()) {
      p.putArray("type").add(f.kind().jsonType()).add("null");
    } else {
      p.put("type", f.kind().jsonType());
    }
    switch (f.kind()) {
      case INTEGER:
        p.put("minimum", f.minLong());
        p.put("maximum", f.maxLong());
        break;
      case NUMBER:
        bound(p, f.minInclusive() ? "minimum" : "exclusiveMinimum", f.min());
        if (Double.isInfinite(f.max())) {
          p.put("maximum", Double.MAX_VALUE); // "finite": JSON has no infinity, but 1e400 is a number
        } else {
          bound(p, f.maxInclusive() ? "maximum" : "exclusiveMaximum", f.max());
        }
        break;
      case WORD:
        ArrayNode words = p.putArray("enum");
        f.words().forEach(words::add);
        break;
      case ARN:
        p.put("pattern", SqsArns.schemaPattern());
        p.put("maxLength", DeadLetterQueue.MAX_ARN_LENGTH);
        break;
      case OBJECT:
        object(p, p.putObject("properties"), f);
        if (f == PolicyField.JITTER) {
          factorOnlyForProportional(p);
        }
        break;
      default:
        throw new IllegalStateException("a kind the schema does not know: " + f.kind());
    }
    f.defaultJson().ifPresent(json -> p.set("default", parse(json)));
    return p;
  }

  /** {@code Constraints.FactorOnlyForProportional}: judged only against a mode that exists. */
  private static void factorOnlyForProportional(ObjectNode jitter) {
    ObjectNode condition = jitter.putObject("if");
    condition.putArray("required").add(PolicyField.JITTER_MODE.jsonName());
    ArrayNode others = condition.putObject("properties").putObject(PolicyField.JITTER_MODE.jsonName())
        .putArray("enum");
    PolicyField.JITTER_MODE.words().stream().filter(w -> !w.equals(Jitter.proportional(0.1).mode()))
        .forEach(others::add);
    jitter.putObject("then").putObject("properties").put(PolicyField.JITTER_FACTOR.jsonName(), false);
  }

  private static void bound(ObjectNode p, String keyword, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      p.put(keyword, (long) v);
    } else {
      p.put(keyword, v);
    }
  }

  private static String description(PolicyField f) {
    List<String> parts = new ArrayList<>();
    parts.add(sentence(f.meaning()));
    switch (f.kind()) {
      case OBJECT:
        break;
      case ARN:
        parts.add("Allowed: " + SqsArns.FORM + ", the partition one of "
            + String.join(", ", SqsArns.PARTITIONS) + "; a standard queue, not .fifo; at most "
            + DeadLetterQueue.MAX_ARN_LENGTH + " characters; or null for none.");
        break;
      default:
        parts.add("Allowed: " + plain(f.allowedText()) + ".");
        break;
    }
    if (f.required()) {
      parts.add(f.parent().isPresent() ? "Required in " + f.parent().get().jsonName() + "." : "Required.");
    } else {
      parts.add("Default: " + plain(f.defaultText()) + ".");
    }
    if (f.kind() == PolicyField.Kind.INTEGER) {
      parts.add("Write it as an integer: eventretry refuses " + f.minLong() + ".0, which JSON Schema"
          + " cannot tell from " + f.minLong() + ".");
    }
    if (f == PolicyField.MAX_DELAY_MS) {
      parts.add("That it is at least base_delay_ms is checked by eventretry only: JSON Schema cannot"
          + " compare two values.");
    }
    return String.join(" ", parts);
  }

  private static String sentence(String phrase) {
    String p = plain(phrase);
    return Character.toUpperCase(p.charAt(0)) + p.substring(1) + ".";
  }

  /** Markdown to plain text: editors show a description as it is. */
  static String plain(String markdown) {
    return markdown.replace("**", "").replace("`", "").replace("; see below", "");
  }

  private static JsonNode parse(String json) {
    try {
      return JsonDocuments.parse(json);
    } catch (JsonDocuments.NotJson e) {
      throw new IllegalStateException("the field table's default is not JSON: " + json, e);
    }
  }
}
