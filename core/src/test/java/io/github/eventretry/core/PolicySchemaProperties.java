package io.github.eventretry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.eventretry.core.PolicyDocumentProperties.Breakage;
import io.github.eventretry.core.PolicyDocumentProperties.Doc;
import io.github.eventretry.core.PolicySchema.Gap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The policy's JSON Schema and eventretry's validator agree: generated valid documents are valid to
 * both, and the same documents broken in several fields at once are faulted by both in exactly the
 * same fields, as a maintained third-party validator (networknt) reads the schema, as draft 2020-12 and
 * as draft 7. The only exceptions are the rules JSON Schema cannot state ({@link Gap}); each breakage
 * that touches one is listed in {@link #DISAGREEMENTS} with the gap and, literally, what the schema
 * faults instead, and the run must meet every gap it can generate.
 */
class PolicySchemaProperties {
  private final PolicyDocumentProperties documents = new PolicyDocumentProperties();

  /** A breakage on which the schema and eventretry differ, why, and what the schema faults. */
  record Disagreement(Gap gap, List<String> schemaFaults) {}

  /** The breakage that breaks the one rule between two fields: the base it needs is set with it. */
  static final Breakage ORDER = Breakage.of("delays", "max_delay_ms", "150", "$.max_delay_ms",
      "must be greater than or equal to base_delay_ms (200)");

  /** Breakages of this property only: more of the rules both can state, and the gaps. */
  static final List<Breakage> MORE = List.of(
      ORDER,
      Breakage.of("retries", "max_retries", "1e1", "$.max_retries", "must be an integer"),
      Breakage.of("retries", "max_retries", "2.5", "$.max_retries", "must be an integer"),
      Breakage.of("jitter", "jitter", "{\"mode\": \"proportional\", \"factor\": 1e-400}",
          "$.jitter.factor", "is too small to be represented (it would read as 0)"),
      Breakage.of("jitter", "jitter", "{\"mode\": \"none\", \"factor\": 0}", "$.jitter.factor",
          "applies only to mode proportional; remove it for mode none"),
      Breakage.of("jitter", "jitter", "{\"mode\": 5}", "$.jitter.mode", "must be a string"),
      Breakage.of("jitter", "jitter", "{\"mode\": \"decorrelated\"}"),
      Breakage.of("rps", "destination_rate_limit_rps", "1.7976931348623158e308"),
      Breakage.of("rps", "destination_rate_limit_rps", "-1e-400", "$.destination_rate_limit_rps",
          "is too small to be represented (it would read as 0)"),
      Breakage.of("dlq", "dead_letter_queue_arn", "null"),
      Breakage.of("dlq", "dead_letter_queue_arn", "\"arn:aws:sqs:us-east-1:123456789012:q\\n\"",
          "$.dead_letter_queue_arn", "must be an SQS queue ARN: arn:<partition>:sqs:<region>:"
              + "<12-digit account>:<queue name of 1-80 letters, digits, '-' or '_'>"),
      Breakage.of("storage", "storage_availability_class", "\"standard \"",
          "$.storage_availability_class", "must be one of: standard, infrequent, glacier"));

  /**
   * Every breakage on which the schema's verdict is not eventretry's, keyed by field and value. All
   * other breakages are faulted by the schema in exactly eventretry's fields.
   */
  static final Map<String, Disagreement> DISAGREEMENTS = Map.of(
      "max_delay_ms=150", new Disagreement(Gap.DELAY_ORDER, List.of()),
      "max_retries=2.0", new Disagreement(Gap.INTEGER_FORM, List.of()),
      "max_retries=1e1", new Disagreement(Gap.INTEGER_FORM, List.of()),
      "base_delay_ms=500.0", new Disagreement(Gap.INTEGER_FORM, List.of()),
      "destination_rate_limit_rps=1e-400", new Disagreement(Gap.DOUBLE_RANGE, List.of()),
      "jitter={\"mode\": \"proportional\", \"factor\": 1e-400}",
          new Disagreement(Gap.DOUBLE_RANGE, List.of()),
      // eventretry reads it as the largest double; the schema's maximum is that double, exactly.
      "destination_rate_limit_rps=1.7976931348623158e308",
          new Disagreement(Gap.DOUBLE_RANGE, List.of("$.destination_rate_limit_rps")));

  @Provide
  Arbitrary<Doc> validDocuments() {
    Arbitrary<String> schema = Arbitraries.of("\"" + PolicyJson.SCHEMA_ID + "\"",
        "\"./schemas/retry-policy-v1.schema.json\"", "\"https://schemas.example.com/retry-policy.json\"")
        .injectNull(0.4);
    return net.jqwik.api.Combinators.combine(documents.validDocuments(), schema).as((doc, s) -> {
      if (s == null) {
        return doc;
      }
      Map<String, String> m = new LinkedHashMap<>();
      m.put("$schema", s); // first, where a file names it
      m.putAll(doc.members());
      return new Doc(m, doc.jitter());
    });
  }

  @Provide
  Arbitrary<List<Breakage>> breakages() {
    List<Breakage> all = Stream.concat(PolicyDocumentProperties.breakageList().stream(), MORE.stream())
        .toList();
    return Arbitraries.of(all).list().ofMaxSize(5).uniqueElements(Breakage::group);
  }

  @Provide
  Arbitrary<RetryPolicy> policies() {
    return new PolicyProperties().policies();
  }

  private static Set<String> oursFaults(String json) {
    PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class,
        () -> PolicyJson.read(json));
    Set<String> out = new TreeSet<>();
    if (e != null) {
      e.violations().forEach(v -> out.add(v.path() + ": " + v.message()));
    }
    return out;
  }

  private static void bothSchemaReadingsFault(String json, Set<String> expected) {
    assertThat(SchemaValidator.paths(json)).as("draft 2020-12: %s", json).isEqualTo(expected);
    assertThat(SchemaValidator.pathsAsDraft7(json)).as("draft 7: %s", json).isEqualTo(expected);
  }

  @Property(tries = 300)
  void everyValidDocumentIsValidToTheSchemaAndItsSchemaMemberChangesNothing(
      @ForAll("validDocuments") Doc doc) {
    RetryPolicy p = PolicyJson.read(doc.json());
    bothSchemaReadingsFault(doc.json(), Set.of());
    Map<String, String> without = new LinkedHashMap<>(doc.members());
    Statistics.label("$schema").collect(without.remove("$schema") != null);
    RetryPolicy bare = PolicyJson.read(new Doc(without, doc.jitter()).json());
    assertThat(p).isEqualTo(bare);
    assertThat(p.fingerprint()).isEqualTo(bare.fingerprint());
    assertThat(PolicyJson.write(p)).isEqualTo(PolicyJson.write(bare)).doesNotContain("$schema");
  }

  @Property(tries = 200)
  void everyPolicyTheWriterWritesIsValidToTheSchema(@ForAll("policies") RetryPolicy p) {
    bothSchemaReadingsFault(PolicyJson.write(p), Set.of());
  }

  @Property(tries = 1000)
  void theSchemaFaultsExactlyTheFieldsEventretryFaultsExceptWhereJsonSchemaCannotSay(
      @ForAll("validDocuments") Doc valid, @ForAll("breakages") List<Breakage> breakages) {
    Map<String, String> m = new LinkedHashMap<>(valid.members());
    Set<String> ours = new TreeSet<>();
    Set<String> schema = new TreeSet<>();
    List<Gap> gaps = new ArrayList<>();
    for (Breakage b : breakages) {
      if (b == ORDER) {
        m.put("base_delay_ms", "200");
      } else if (b.field().equals("max_delay_ms") && !b.value().equals("86400001")) {
        m.put("base_delay_ms", "100"); // a broken max is never also judged against the base
      }
      if (b.remove()) {
        m.remove(b.field());
      } else {
        m.put(b.field(), b.value());
      }
      b.expected().forEach(x -> ours.add(x[0] + ": " + x[1]));
      Disagreement d = DISAGREEMENTS.get(b.field() + "=" + b.value());
      if (d == null) {
        b.expected().forEach(x -> schema.add(x[0]));
      } else {
        schema.addAll(d.schemaFaults());
        gaps.add(d.gap());
      }
    }
    String json = new Doc(m, valid.jitter()).json();
    assertThat(oursFaults(json)).as(json).isEqualTo(ours);
    bothSchemaReadingsFault(json, schema);
    Statistics.label("gaps").collect(gaps.isEmpty() ? "none" : gaps.stream().distinct().sorted().toList()
        .toString());
    for (Gap g : List.of(Gap.DELAY_ORDER, Gap.INTEGER_FORM, Gap.DOUBLE_RANGE)) {
      Statistics.label(g.name()).collect(gaps.contains(g));
    }
    Statistics.label(Gap.DELAY_ORDER.name()).coverage(c -> c.check(true).count(n -> n > 0));
    Statistics.label(Gap.INTEGER_FORM.name()).coverage(c -> c.check(true).count(n -> n > 0));
    Statistics.label(Gap.DOUBLE_RANGE.name()).coverage(c -> c.check(true).count(n -> n > 0));
  }
}
