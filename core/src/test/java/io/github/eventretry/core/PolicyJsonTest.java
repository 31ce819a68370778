package io.github.eventretry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyJsonTest {
  static final String SEED = """
      {
        "max_retries": 5,
        "backoff_strategy": "exponential",
        "base_delay_ms": 500,
        "max_delay_ms": 60000,
        "dead_letter_queue_arn": "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq",
        "destination_rate_limit_rps": 150.0,
        "storage_availability_class": "standard"
      }""";

  static RetryPolicy seed() {
    return PolicyJson.read(SEED);
  }

  private static List<Violation> violations(String json) {
    try {
      PolicyJson.read(json);
    } catch (PolicyValidationException e) {
      return e.violations();
    }
    throw new AssertionError("expected violations for " + json);
  }

  @Test
  void readsTheSeedPolicyWithDefaultJitter() {
    RetryPolicy p = seed();
    assertThat(p.maxRetries()).isEqualTo(5);
    assertThat(p.backoffStrategy()).isEqualTo(BackoffStrategy.EXPONENTIAL);
    assertThat(p.baseDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(p.maxDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.jitter()).isEqualTo(Jitter.proportional(0.1));
    assertThat(p.deadLetterQueue()).hasValueSatisfying(q -> {
      assertThat(q.partition()).isEqualTo("aws");
      assertThat(q.region()).isEqualTo("us-east-1");
      assertThat(q.accountId()).isEqualTo("123456789012");
      assertThat(q.queueName()).isEqualTo("eventbridge-dlq");
    });
    assertThat(p.destinationRateLimitRps()).isEqualTo(150.0);
    assertThat(p.storageClass()).isEqualTo(StorageClass.STANDARD);
  }

  @Test
  void defaultJitterAndExplicitDefaultHaveTheSameFingerprint() {
    RetryPolicy explicit = PolicyJson.read(SEED.replace("\"max_retries\": 5,",
        "\"max_retries\": 5, \"jitter\": {\"mode\": \"proportional\", \"factor\": 0.1},"));
    assertThat(explicit).isEqualTo(seed());
    assertThat(explicit.fingerprint()).isEqualTo(seed().fingerprint());
  }

  @Test
  void fingerprintIsTheSha256OfTheCanonicalForm() {
    // Pinned: the same value on every JVM, run, locale and field order. Recompute with
    // printf '%s' '<canonical>' | sha256sum if the canonical form ever changes on purpose.
    String canonical = "{\"backoff_strategy\":\"exponential\",\"base_delay_ms\":500,"
        + "\"dead_letter_queue_arn\":\"arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq\","
        + "\"destination_rate_limit_rps\":150,\"jitter\":{\"factor\":0.1,\"mode\":\"proportional\"},"
        + "\"max_delay_ms\":60000,\"max_retries\":5,\"storage_availability_class\":\"standard\"}";
    assertThat(io.github.eventretry.core.json.CanonicalJson.canonicalize(
        io.github.eventretry.core.json.PolicyTrees.toJsonNode(seed())))
        .isEqualTo(canonical);
    assertThat(seed().fingerprint().value()).isEqualTo("sha256:" + sha256(canonical));
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aNumberWhoseExponentNoDecimalHoldsIsTooLargeOrTooSmall() {
    // Found by parsingArbitraryJsonLikeTextOnlyThrowsTheDocumentedException: BigDecimal refused the
    // exponent and its NumberFormatException escaped.
    assertThat(violations("1e99912345678901234567890123")).singleElement().asString()
        .startsWith("$: must be a JSON object");
    assertThat(violations(SEED.replace("150.0", "1e99912345678901234567890123"))).extracting(Violation::message)
        .containsExactly("is too large to be represented (beyond about 1.8e308)");
    assertThat(violations(SEED.replace("150.0", "-2.5E-99912345678901234567890123")))
        .extracting(Violation::message)
        .containsExactly("is too small to be represented (it would read as 0)");
    assertThat(violations(SEED.replace("150.0", "0e99912345678901234567890123")))
        .extracting(Violation::message).containsExactly("must be a finite number greater than 0");
    assertThat(violations(SEED.replace("\"max_retries\": 5", "\"max_retries\": 5e99912345678901234567890")))
        .extracting(Violation::message).containsExactly("must be an integer");
  }

  @Test
  void writeThenReadIsExactAndStable() {
    String written = PolicyJson.write(seed());
    assertThat(PolicyJson.read(written)).isEqualTo(seed());
    assertThat(PolicyJson.write(PolicyJson.read(written))).isEqualTo(written);
    assertThat(written).isEqualTo("""
        {
          "max_retries": 5,
          "backoff_strategy": "exponential",
          "base_delay_ms": 500,
          "max_delay_ms": 60000,
          "jitter": {
            "mode": "proportional",
            "factor": 0.1
          },
          "dead_letter_queue_arn": "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq",
          "destination_rate_limit_rps": 150.0,
          "storage_availability_class": "standard"
        }""");
  }

  @Test
  void reportsEveryViolationAtOnceWithItsPath() {
    List<Violation> v = violations("""
        {
          "max_retries": 11,
          "backoff_strategy": "fibonacci",
          "base_delay_ms": "500",
          "max_delay_ms": 50,
          "jitter": {"mode": "full", "factor": 0.5},
          "dead_letter_queue_arn": "arn:aws:sqs:us-east-1:123456789012:dlq.fifo",
          "destination_rate_limit_rps": 0,
          "max_retrys": 3
        }""");
    assertThat(v).extracting(Violation::path).containsExactly(
        "$.max_retries",
        "$.backoff_strategy",
        "$.base_delay_ms",
        "$.max_delay_ms",
        "$.jitter.factor",
        "$.dead_letter_queue_arn",
        "$.destination_rate_limit_rps",
        "$.storage_availability_class",
        "$.max_retrys");
    assertThat(v.get(0).toString()).isEqualTo("$.max_retries: must be between 1 and 10 (rejected: 11)");
    assertThat(v.get(2).toString()).isEqualTo("$.base_delay_ms: must be an integer (rejected: \"500\")");
    assertThat(v.get(3).message()).isEqualTo("must be at least 100 ms");
    assertThat(v.get(5).message()).contains("FIFO");
    assertThat(v.get(7).rejectedValue()).isEqualTo(Violation.MISSING);
    assertThat(v.get(8).message()).contains("did you mean max_retries?");
  }

  @Test
  void crossFieldRuleNamesBothFields() {
    List<Violation> v = violations(SEED.replace("60000", "400"));
    assertThat(v).singleElement().hasToString(
        "$.max_delay_ms: must be greater than or equal to base_delay_ms (500) (rejected: 400)");
  }

  @Test
  void malformedInputIsOneViolationAtTheRoot() {
    assertThat(violations("")).singleElement().extracting(Violation::message)
        .asString().contains("empty");
    assertThat(violations("{\"max_retries\": 5,")).singleElement().extracting(Violation::message)
        .asString().startsWith("malformed JSON at line 1");
    assertThat(violations("[1, 2]")).singleElement()
        .hasToString("$: must be a JSON object (rejected: an array)");
    assertThat(violations(SEED + " {}")).singleElement().extracting(Violation::path).isEqualTo("$");
    assertThat(violations("{\"max_retries\": 5, \"max_retries\": 6}")).singleElement()
        .hasToString("$: malformed JSON at line 1, column 20: the member \"max_retries\" appears twice"
            + " (rejected: the document)");
  }

  @Test
  void undecodableBytesAreAViolationNotAnIoError() {
    byte[] utf32Junk = {0, 0, (byte) 0xFF, (byte) 0xFE, 0, 0, 0, '{'};
    assertThatThrownBy(() -> PolicyJson.read(new ByteArrayInputStream(utf32Junk)))
        .isInstanceOf(PolicyValidationException.class)
        .hasMessageContaining("must be UTF-8");
    byte[] badUtf32 = {(byte) 0xFF, (byte) 0xFE, 0, 0, 0, 0, 0x10, 0};
    assertThatThrownBy(() -> PolicyJson.read(new ByteArrayInputStream(badUtf32)))
        .isInstanceOf(PolicyValidationException.class);
  }

  @Test
  void textIsNeverReinterpretedInAnotherEncoding() {
    // As UTF-32 bytes this would read as {}; as the characters it is, it is not JSON.
    assertThat(violations("\0\0\0{\0\0\0}")).singleElement()
        .extracting(Violation::message).asString().startsWith("malformed JSON");
    assertThat(violations("\0\0\0{\0\u0011\0\0")).singleElement()
        .extracting(Violation::path).isEqualTo("$");
  }

  @Test
  void oversizedStreamIsRejectedWithoutReadingItAll() {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return ' ';
      }
    };
    assertThatThrownBy(() -> PolicyJson.read(endless))
        .isInstanceOf(PolicyValidationException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void readsFilesAndStreams(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("policy.json");
    Files.writeString(file, SEED);
    assertThat(PolicyJson.read(file)).isEqualTo(seed());
    assertThat(PolicyJson.read(new ByteArrayInputStream(SEED.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(seed());
    assertThatThrownBy(() -> PolicyJson.read(dir.resolve("missing.json")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
