package io.github.eventretry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The policy's JSON Schema: the committed copies (core's jar, {@code docs/schema/}) are what
 * {@link PolicySchema} generates from the field table, the schema is valid draft 2020-12 using only
 * draft 7's keywords, and a file's {@code "$schema"} member is read as documented. To rewrite the
 * copies and the list in {@code docs/policy.md} after changing the table, run the test with
 * {@code -Deventretry.writeDocs=true}.
 */
class PolicySchemaTest {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path IN_JAR = ROOT.resolve("core/src/main/resources").resolve(PolicyJson.SCHEMA_RESOURCE);
  static final Path IN_DOCS = ROOT.resolve("docs/schema/retry-policy-v1.schema.json");
  static final String BEGIN = "<!-- generated from PolicySchema.Gap: begin -->";
  static final String END = "<!-- generated from PolicySchema.Gap: end -->";

  /** The tutorial's policy, as {@code examples/policies/seed-policy.json} holds it. */
  static final String SEED = """
      {
        "max_retries": 5,
        "backoff_strategy": "exponential",
        "base_delay_ms": 500,
        "max_delay_ms": 60000,
        "jitter": { "mode": "proportional", "factor": 0.1 },
        "dead_letter_queue_arn": "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq",
        "destination_rate_limit_rps": 150.0,
        "storage_availability_class": "standard"
      }
      """;

  private static boolean rewrite() {
    return Boolean.getBoolean("eventretry.writeDocs");
  }

  @Test
  void theCommittedSchemaIsTheOneTheFieldTableGives() throws IOException {
    String generated = PolicySchema.text();
    for (Path copy : List.of(IN_JAR, IN_DOCS)) {
      if (rewrite()) {
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, generated);
      }
      assertThat(copy).as("%s; rewrite it with -Deventretry.writeDocs=true", ROOT.relativize(copy))
          .exists();
      assertThat(Files.readString(copy)).as("%s; rewrite it with -Deventretry.writeDocs=true",
          ROOT.relativize(copy)).isEqualTo(generated);
    }
  }

  @Test
  void theClassesCarryTheSchemaAtItsResourcePath() {
    // What the jar packs: read through the module, as a user's code does.
    assertThat(SchemaValidator.TEXT).isEqualTo(PolicySchema.text());
  }

  @Test
  void theDocsListTheRulesTheSchemaCannotState() throws IOException {
    Path doc = ROOT.resolve("docs/policy.md");
    String text = Files.readString(doc);
    int from = text.indexOf(BEGIN);
    int to = text.indexOf(END);
    String expected = BEGIN + "\n" + PolicySchema.gapsMarkdown() + END;
    if (rewrite() && from >= 0 && to > from) {
      text = text.substring(0, from) + expected + text.substring(to + END.length());
      Files.writeString(doc, text);
    }
    assertThat(from).as("docs/policy.md has the markers").isNotNegative();
    assertThat(text.substring(from, text.indexOf(END) + END.length())).isEqualTo(expected);
  }

  @Test
  void theIdIsVersion1sForever() {
    // Editors, mirrors and users' files name it: changing it breaks them all. A new form gets a new id.
    assertThat(PolicyJson.SCHEMA_ID).isEqualTo("https://eventretry.github.io/schema/retry-policy/v1.json");
    assertThat(PolicySchema.schema().get("$id").textValue()).isEqualTo(PolicyJson.SCHEMA_ID);
    assertThat(PolicyJson.SCHEMA_RESOURCE).isEqualTo("META-INF/eventretry/retry-policy-v1.schema.json");
  }

  @Test
  void theSchemaIsValidDraft202012() {
    assertThat(SchemaValidator.metaSchemaErrors()).isEmpty();
  }

  @Test
  void theSchemaUsesOnlyKeywordsDraft7AlreadyHad() {
    Set<String> used = new TreeSet<>();
    keywords(PolicySchema.schema(), used);
    assertThat(used).isSubsetOf("$schema", "$id", "$comment", "title", "description", "type",
        "properties", "required", "additionalProperties", "enum", "const", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "pattern", "maxLength", "default", "if", "then",
        "anyOf", "not");
  }

  private static void keywords(JsonNode schema, Set<String> out) {
    if (!schema.isObject()) {
      return; // true or false
    }
    Iterator<Map.Entry<String, JsonNode>> it = schema.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(e.getKey());
      switch (e.getKey()) {
        case "properties":
          e.getValue().forEach(member -> keywords(member, out));
          break;
        case "if", "then", "not":
          keywords(e.getValue(), out);
          break;
        case "anyOf":
          e.getValue().forEach(option -> keywords(option, out));
          break;
        default:
          break; // values, not schemas
      }
    }
  }

  @Test
  void theSchemaStatesEveryGapItHas() {
    String description = PolicySchema.schema().get("description").textValue();
    for (PolicySchema.Gap g : PolicySchema.Gap.values()) {
      assertThat(description).contains(g.plain());
    }
    assertThat(PolicySchema.schema().at("/properties/max_delay_ms/description").textValue())
        .contains("at least base_delay_ms is checked by eventretry only");
  }

  @Test
  void theSeedPolicyAndEveryExampleThatReadsAreValidByTheSchema() throws IOException {
    assertThat(SEED).isEqualTo(Files.readString(ROOT.resolve("examples/policies/seed-policy.json")));
    assertThat(SchemaValidator.paths(SEED)).isEmpty();
    try (var files = Files.list(ROOT.resolve("examples/policies"))) {
      for (Path p : files.toList()) {
        String json = Files.readString(p);
        boolean ours = catchThrowableOfType(PolicyValidationException.class, () -> PolicyJson.read(json))
            == null;
        assertThat(SchemaValidator.paths(json).isEmpty()).as(p.getFileName().toString()).isEqualTo(ours);
      }
    }
  }

  // --- the "$schema" member ---

  private static String withSchema(String value) {
    return SEED.replaceFirst("\\{", "{\n  \"\\$schema\": " + value.replace("$", "\\$") + ",");
  }

  private static List<String> violations(String json) {
    PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class,
        () -> PolicyJson.read(json));
    return e == null ? List.of() : e.violations().stream().map(Violation::toString).toList();
  }

  @Test
  void aSchemaMemberChangesNeitherThePolicyNorItsFingerprint() {
    RetryPolicy without = PolicyJson.read(SEED);
    for (String value : List.of("\"" + PolicyJson.SCHEMA_ID + "\"", "\"./retry-policy-v1.schema.json\"",
        "\"https://schemas.example.com/eventretry/v1.json\"", "\"\"")) {
      RetryPolicy with = PolicyJson.read(withSchema(value));
      assertThat(with).isEqualTo(without);
      assertThat(with.fingerprint()).isEqualTo(without.fingerprint());
      assertThat(PolicyJson.write(with)).isEqualTo(PolicyJson.write(without)).doesNotContain("$schema");
    }
  }

  @Test
  void theExampleWithASchemaMemberHasTheSeedPolicysFingerprint() throws IOException {
    String with = Files.readString(ROOT.resolve("examples/policies/seed-policy-with-schema.json"));
    assertThat(with).isEqualTo(withSchema("\"" + PolicyJson.SCHEMA_ID + "\""));
    // As docs/policy.md shows `eventretry fingerprint` print it for both files.
    assertThat(PolicyJson.read(with).fingerprint().value())
        .isEqualTo(PolicyJson.read(SEED).fingerprint().value())
        .isEqualTo("sha256:92427c9d08cdc56a5a43fb59ac6ff6a615d85d0ee7a4c89739f12b45c77a8322");
  }

  @Test
  void aSchemaMemberMustBeAString() {
    for (String value : List.of("7", "null", "true", "{\"$ref\": \"x\"}",
        "[\"" + PolicyJson.SCHEMA_ID + "\"]")) {
      assertThat(violations(withSchema(value))).as(value).hasSize(1).first().asString()
          .startsWith("$[\"$schema\"]: must be a string: the address of the policy's JSON Schema, such"
              + " as \"https://eventretry.github.io/schema/retry-policy/v1.json\" (rejected: ");
      assertThat(SchemaValidator.paths(withSchema(value))).as(value).containsExactly("$[\"$schema\"]");
    }
  }

  @Test
  void aSchemaMemberUnderEventretrysAddressMustBeVersion1() {
    for (String value : List.of("https://eventretry.github.io/schema/retry-policy/v2.json",
        "https://eventretry.github.io/schema/retry-policy/v1.jsn",
        "http://eventretry.github.io/schema/retry-policy/v1.json")) {
      assertThat(violations(withSchema("\"" + value + "\""))).as(value).containsExactly(
          "$[\"$schema\"]: names a schema this version of eventretry does not read; its policy files"
              + " name \"https://eventretry.github.io/schema/retry-policy/v1.json\" (rejected: \"" + value
              + "\")");
      assertThat(SchemaValidator.paths(withSchema("\"" + value + "\""))).as(value)
          .containsExactly("$[\"$schema\"]");
    }
  }

  @Test
  void aSchemaMemberIsAllowedAtTheTopOnlyAndAMisspeltOneIsNamed() {
    assertThat(violations(SEED.replace("\"mode\": \"proportional\",",
        "\"$schema\": \"" + PolicyJson.SCHEMA_ID + "\", \"mode\": \"proportional\",")))
        .containsExactly("$.jitter[\"$schema\"]: unknown field. Allowed: mode, factor (rejected: \""
            + PolicyJson.SCHEMA_ID + "\")");
    assertThat(violations(SEED.replaceFirst("\\{", "{\"\\$shema\": \"x\",")))
        .containsExactly("$[\"$shema\"]: unknown field; did you mean $schema? Allowed: max_retries,"
            + " backoff_strategy, base_delay_ms, max_delay_ms, jitter, dead_letter_queue_arn,"
            + " destination_rate_limit_rps, storage_availability_class (rejected: \"x\")");
  }

  @Test
  void aBadSchemaMemberIsReportedFirstWithTheOthers() {
    String json = withSchema("42").replace("\"max_retries\": 5", "\"max_retries\": 0");
    assertThat(violations(json)).extracting(v -> v.substring(0, v.indexOf(':')))
        .containsExactly("$[\"$schema\"]", "$.max_retries");
  }

  // --- a gap the property cannot generate: a rule of the parser ---

  @Test
  void theSchemaCannotSeeAMemberWrittenTwice() {
    String twice = SEED.replace("\"max_retries\": 5,", "\"max_retries\": 5, \"max_retries\": 5,");
    assertThat(violations(twice)).singleElement().asString().contains("appears twice");
    assertThat(SchemaValidator.paths(twice)).isEmpty(); // Gap.DOCUMENT: the parser's rule
  }
}
