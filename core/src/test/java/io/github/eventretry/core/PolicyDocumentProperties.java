package io.github.eventretry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated valid documents, and the same documents broken in several fields at once, through the
 * table-driven reader and validator: every violation must come with exactly the path and the message
 * written here, in the order of the JSON form, and nothing else. The expected messages are literal text,
 * not read from the field table, so a change of the table shows here.
 */
class PolicyDocumentProperties {

  /** A document as ordered members of raw JSON text. */
  record Doc(Map<String, String> members, Map<String, String> jitter) {
    String json() {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<String, String> e : members.entrySet()) {
        sb.append(sb.length() > 1 ? ", " : "").append('"').append(e.getKey()).append("\": ");
        if (e.getKey().equals("jitter") && e.getValue() == null) {
          StringBuilder j = new StringBuilder("{");
          jitter.forEach((k, v) -> j.append(j.length() > 1 ? ", " : "").append('"').append(k)
              .append("\": ").append(v));
          sb.append(j).append('}');
        } else {
          sb.append(e.getValue());
        }
      }
      return sb.append('}').toString();
    }
  }

  /** One field broken one way, and what must be reported: pairs of path and message. */
  record Breakage(String group, String field, String value, boolean remove, List<String[]> expected) {
    static Breakage of(String group, String field, String value, String... pathAndMessage) {
      List<String[]> e = new ArrayList<>();
      for (int i = 0; i < pathAndMessage.length; i += 2) {
        e.add(new String[] {pathAndMessage[i], pathAndMessage[i + 1]});
      }
      return new Breakage(group, field, value, value == null, e);
    }
  }

  @Provide
  Arbitrary<Doc> validDocuments() {
    Arbitrary<Long> delays = Arbitraries.longs().between(100, 86_400_000);
    Arbitrary<Map<String, String>> jitter = Arbitraries.oneOf(
        Arbitraries.of("none", "full", "equal", "decorrelated").map(m -> Map.of("mode", q(m))),
        Arbitraries.doubles().between(0, 1).ofScale(3)
            .map(f -> Map.of("mode", q("proportional"), "factor", Double.toString(f))),
        Arbitraries.just(Map.of("mode", q("proportional"))));
    return Combinators.combine(Arbitraries.integers().between(1, 10),
            Arbitraries.of("exponential", "linear"), delays, delays, jitter.injectNull(0.2),
            Arbitraries.of("arn:aws:sqs:us-east-1:123456789012:dlq", "arn:aws-cn:sqs:cn-north-1:"
                + "123456789012:q_1", "arn:aws-eusc:sqs:eusc-de-east-1:123456789012:q").injectNull(0.3),
            Arbitraries.of("150.0", "1", "0.001", "1e6", "2.5E2"),
            Arbitraries.of("standard", "infrequent", "glacier"))
        .as((retries, strategy, a, b, j, arn, rps, storage) -> {
          Map<String, String> m = new LinkedHashMap<>();
          m.put("max_retries", Integer.toString(retries));
          m.put("backoff_strategy", q(strategy));
          m.put("base_delay_ms", Long.toString(Math.min(a, b)));
          m.put("max_delay_ms", Long.toString(Math.max(a, b)));
          if (j != null) {
            m.put("jitter", null);
          }
          if (arn != null) {
            m.put("dead_letter_queue_arn", q(arn));
          }
          m.put("destination_rate_limit_rps", rps);
          m.put("storage_availability_class", q(storage));
          return new Doc(m, j == null ? new LinkedHashMap<>() : new LinkedHashMap<>(j));
        });
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  @Provide
  Arbitrary<List<Breakage>> breakages() {
    // At most one breakage per group, so that two breakages never judge each other's field.
    return Arbitraries.of(breakageList()).list().ofMaxSize(5).uniqueElements(Breakage::group);
  }

  /** Every breakage, each with what eventretry must report; {@code PolicySchemaProperties} uses them too. */
  static List<Breakage> breakageList() {
    String modes = "must be one of: none, proportional, full, equal, decorrelated";
    String id = "https://eventretry.github.io/schema/retry-policy/v1.json";
    return List.of(
        Breakage.of("retries", "max_retries", "0", "$.max_retries", "must be between 1 and 10"),
        Breakage.of("retries", "max_retries", "11", "$.max_retries", "must be between 1 and 10"),
        Breakage.of("retries", "max_retries", "2.0", "$.max_retries", "must be an integer"),
        Breakage.of("retries", "max_retries", "\"5\"", "$.max_retries", "must be an integer"),
        Breakage.of("retries", "max_retries", "1e400", "$.max_retries", "must be an integer"),
        Breakage.of("retries", "max_retries", "null", "$.max_retries",
            "must not be null: it is required"),
        Breakage.of("retries", "max_retries", null, "$.max_retries", "is required"),
        Breakage.of("strategy", "backoff_strategy", "\"fibonacci\"", "$.backoff_strategy",
            "must be one of: exponential, linear"),
        Breakage.of("strategy", "backoff_strategy", "\"Exponential\"", "$.backoff_strategy",
            "must be one of: exponential, linear"),
        Breakage.of("strategy", "backoff_strategy", "1", "$.backoff_strategy", "must be a string"),
        Breakage.of("delays", "base_delay_ms", "99", "$.base_delay_ms", "must be at least 100 ms"),
        Breakage.of("delays", "base_delay_ms", "-5", "$.base_delay_ms", "must be at least 100 ms"),
        Breakage.of("delays", "base_delay_ms", "500.0", "$.base_delay_ms", "must be an integer"),
        Breakage.of("delays", "base_delay_ms", null, "$.base_delay_ms", "is required"),
        Breakage.of("delays", "max_delay_ms", "86400001", "$.max_delay_ms",
            "must be at most 86400000 ms (24 h)"),
        Breakage.of("delays", "max_delay_ms", "[]", "$.max_delay_ms", "must be an integer"),
        Breakage.of("delays", "max_delay_ms", "null", "$.max_delay_ms",
            "must not be null: it is required"),
        Breakage.of("jitter", "jitter", "\"full\"", "$.jitter",
            "must be an object such as {\"mode\": \"full\"}"),
        Breakage.of("jitter", "jitter", "null", "$.jitter", "must not be null; leave the field out"
            + " to use the default, {\"mode\": \"proportional\", \"factor\": 0.1}"),
        Breakage.of("jitter", "jitter", "{\"mode\": \"gaussian\", \"factor\": 0.5}", "$.jitter.mode",
            modes),
        Breakage.of("jitter", "jitter", "{\"mode\": \"Full\"}", "$.jitter.mode", modes),
        Breakage.of("jitter", "jitter", "{\"factor\": 0.5}", "$.jitter.mode", "is required"),
        Breakage.of("jitter", "jitter", "{\"mode\": null}", "$.jitter.mode",
            "must not be null: it is required"),
        Breakage.of("jitter", "jitter", "{\"mode\": \"proportional\", \"factor\": 1.5}",
            "$.jitter.factor", "must be between 0 and 1"),
        Breakage.of("jitter", "jitter", "{\"mode\": \"proportional\", \"factor\": -0.1}",
            "$.jitter.factor", "must be between 0 and 1"),
        Breakage.of("jitter", "jitter", "{\"mode\": \"proportional\", \"factor\": null}",
            "$.jitter.factor", "must not be null; leave the field out to use the default, 0.1"),
        Breakage.of("jitter", "jitter", "{\"mode\": \"full\", \"factor\": 0.2}", "$.jitter.factor",
            "applies only to mode proportional; remove it for mode full"),
        Breakage.of("jitter", "jitter", "{\"mode\": \"full\", \"spread\": 1}", "$.jitter.spread",
            "unknown field. Allowed: mode, factor"),
        Breakage.of("dlq", "dead_letter_queue_arn", "\"arn:aws:sqs:us-east-1:123456789012:q.fifo\"",
            "$.dead_letter_queue_arn",
            "names a FIFO queue; EventBridge dead-letter queues must be SQS standard queues"),
        Breakage.of("dlq", "dead_letter_queue_arn", "\"arn:aws-moon:sqs:us-east-1:123456789012:q\"",
            "$.dead_letter_queue_arn", "names no AWS partition; the partition must be one of aws,"
                + " aws-cn, aws-eusc, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-us-gov"),
        Breakage.of("dlq", "dead_letter_queue_arn", "\"arn:aws:sns:us-east-1:123456789012:q\"",
            "$.dead_letter_queue_arn", "must be an SQS queue ARN: arn:<partition>:sqs:<region>:"
                + "<12-digit account>:<queue name of 1-80 letters, digits, '-' or '_'>"),
        Breakage.of("dlq", "dead_letter_queue_arn", "7", "$.dead_letter_queue_arn",
            "must be a string"),
        Breakage.of("rps", "destination_rate_limit_rps", "0", "$.destination_rate_limit_rps",
            "must be a finite number greater than 0"),
        Breakage.of("rps", "destination_rate_limit_rps", "-1.5", "$.destination_rate_limit_rps",
            "must be a finite number greater than 0"),
        Breakage.of("rps", "destination_rate_limit_rps", "1e400", "$.destination_rate_limit_rps",
            "is too large to be represented (beyond about 1.8e308)"),
        Breakage.of("rps", "destination_rate_limit_rps", "-1e400", "$.destination_rate_limit_rps",
            "is too large to be represented (beyond about 1.8e308)"),
        Breakage.of("rps", "destination_rate_limit_rps", "1e-400", "$.destination_rate_limit_rps",
            "is too small to be represented (it would read as 0)"),
        Breakage.of("rps", "destination_rate_limit_rps", "\"150\"", "$.destination_rate_limit_rps",
            "must be a number"),
        Breakage.of("storage", "storage_availability_class", "\"cold\"",
            "$.storage_availability_class", "must be one of: standard, infrequent, glacier"),
        Breakage.of("storage", "storage_availability_class",
            "\"" + "\\u001b[31m\\u2028".repeat(30) + "\"", "$.storage_availability_class",
            "must be one of: standard, infrequent, glacier"),
        Breakage.of("storage", "storage_availability_class", null, "$.storage_availability_class",
            "is required"),
        Breakage.of("unknown", "max_retrys", "3", "$.max_retrys",
            "unknown field; did you mean max_retries? Allowed: max_retries, backoff_strategy,"
                + " base_delay_ms, max_delay_ms, jitter, dead_letter_queue_arn,"
                + " destination_rate_limit_rps, storage_availability_class"),
        // A file's "$schema" for editors: any string but another address of eventretry's own.
        Breakage.of("schema", "$schema", "\"" + id + "\""),
        Breakage.of("schema", "$schema", "\"./schemas/retry-policy-v1.schema.json\""),
        Breakage.of("schema", "$schema", "7", "$[\"$schema\"]",
            "must be a string: the address of the policy's JSON Schema, such as \"" + id + "\""),
        Breakage.of("schema", "$schema", "null", "$[\"$schema\"]",
            "must be a string: the address of the policy's JSON Schema, such as \"" + id + "\""),
        Breakage.of("schema", "$schema", "\"https://eventretry.github.io/schema/retry-policy/v2.json\"",
            "$[\"$schema\"]", "names a schema this version of eventretry does not read; its policy"
                + " files name \"" + id + "\""));
  }

  @Property(tries = 500)
  void everyValidDocumentReadsAndKeepsItsValues(@ForAll("validDocuments") Doc doc) {
    RetryPolicy p = PolicyJson.read(doc.json());
    assertThat(p.maxRetries()).isEqualTo(Integer.parseInt(doc.members().get("max_retries")));
    assertThat(p.baseDelayMillis()).isEqualTo(Long.parseLong(doc.members().get("base_delay_ms")));
    assertThat(p.deadLetterQueue().isPresent()).isEqualTo(
        doc.members().containsKey("dead_letter_queue_arn"));
    assertThat(PolicyJson.read(PolicyJson.write(p))).isEqualTo(p);
  }

  @Property(tries = 1000)
  void everyViolationHasItsPathAndMessageAndNothingElseIsReported(
      @ForAll("validDocuments") Doc valid, @ForAll("breakages") List<Breakage> breakages) {
    Map<String, String> m = new LinkedHashMap<>(valid.members());
    Map<String, String> j = new LinkedHashMap<>(valid.jitter());
    List<String[]> expected = new ArrayList<>();
    for (Breakage b : breakages) {
      if (b.field().equals("max_delay_ms") && !b.value().equals("86400001")) {
        m.put("base_delay_ms", "100"); // a broken max is never also judged against the base
      }
      if (b.remove()) {
        m.remove(b.field());
      } else if (b.field().equals("jitter")) {
        m.put("jitter", b.value());
      } else {
        m.put(b.field(), b.value());
      }
      expected.addAll(b.expected());
    }
    Doc broken = new Doc(m, j);
    if (expected.isEmpty()) {
      assertThat(PolicyJson.read(broken.json())).isNotNull();
      return;
    }
    PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class,
        () -> PolicyJson.read(broken.json()));
    assertThat(e).as(broken.json()).isNotNull();
    List<String> actual = e.violations().stream().map(v -> v.path() + ": " + v.message()).toList();
    List<String> wanted = new ArrayList<>(expected.stream().map(x -> x[0] + ": " + x[1]).toList());
    // The report's order: the field order of the JSON form, unknown fields last.
    // Unknown fields after the known ones: the top level's, then those inside jitter.
    List<String> order = List.of("$[\"$schema\"]", "$.max_retries", "$.backoff_strategy", "$.base_delay_ms",
        "$.max_delay_ms", "$.jitter", "$.jitter.mode", "$.jitter.factor", "$.dead_letter_queue_arn",
        "$.destination_rate_limit_rps", "$.storage_availability_class", "$.max_retrys",
        "$.jitter.spread");
    wanted.sort(java.util.Comparator.comparingInt(
        (String w) -> order.indexOf(w.substring(0, w.indexOf(": ")))));
    assertThat(actual).as(broken.json()).isEqualTo(wanted);
    for (Violation v : e.violations()) {
      assertThat(v.rejectedValue().length()).isLessThanOrEqualTo(80);
      assertThat(v.toString()).doesNotContainPattern("[\\p{Cntrl}\u2028\u2029]");
    }
  }
}
