package io.github.eventretry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class PolicyProperties {

  @Provide
  Arbitrary<RetryPolicy> policies() {
    Arbitrary<Jitter> jitter = Arbitraries.oneOf(
        Arbitraries.of(Jitter.none(), Jitter.full(), Jitter.equal(), Jitter.decorrelated()),
        Arbitraries.doubles().between(0, 1).ofScale(3).map(Jitter::proportional));
    Arbitrary<Long> delays = Arbitraries.longs().between(100, 86_400_000);
    Arbitrary<String> dlq = Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(1).ofMaxLength(80)
        .map(name -> "arn:aws:sqs:eu-west-1:123456789012:" + name).injectNull(0.3);
    return Combinators.combine(
            Arbitraries.integers().between(1, 10),
            Arbitraries.of(BackoffStrategy.class),
            delays, delays, jitter, dlq,
            Arbitraries.doubles().between(0.001, 1e6).ofScale(3),
            Arbitraries.of(StorageClass.class))
        .as((retries, backoff, a, b, j, arn, rps, storage) -> {
          RetryPolicy.Builder builder = RetryPolicy.builder()
              .maxRetries(retries)
              .backoffStrategy(backoff)
              .baseDelay(Duration.ofMillis(Math.min(a, b)))
              .maxDelay(Duration.ofMillis(Math.max(a, b)))
              .jitter(j)
              .destinationRateLimitRps(rps)
              .storageClass(storage);
          if (arn != null) {
            builder.deadLetterQueueArn(arn);
          }
          return builder.build();
        });
  }

  @Property(tries = 300)
  void jsonRoundTripKeepsThePolicyAndItsFingerprint(@ForAll("policies") RetryPolicy p) {
    RetryPolicy back = PolicyJson.read(PolicyJson.write(p));
    assertThat(back).isEqualTo(p);
    assertThat(back.fingerprint()).isEqualTo(p.fingerprint());
    assertThat(PolicyJson.write(back)).isEqualTo(PolicyJson.write(p));
  }

  @Property(tries = 300)
  void fieldOrderAndWhitespaceNeverChangeTheFingerprint(
      @ForAll("policies") RetryPolicy p, @ForAll long seed) {
    ObjectNode node = io.github.eventretry.core.json.PolicyTrees.toJsonNode(p);
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    node.fields().forEachRemaining(fields::add);
    Random shuffle = new Random(seed);
    Collections.shuffle(fields, shuffle);
    String[] spaces = {"", " ", "\n", "\t ", "\r\n  "};
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < fields.size(); i++) {
      sb.append(i > 0 ? "," : "").append(spaces[shuffle.nextInt(spaces.length)])
          .append('"').append(fields.get(i).getKey()).append('"')
          .append(spaces[shuffle.nextInt(spaces.length)]).append(':')
          .append(spaces[shuffle.nextInt(spaces.length)]).append(fields.get(i).getValue());
    }
    sb.append(spaces[shuffle.nextInt(spaces.length)]).append('}');
    assertThat(PolicyJson.read(sb.toString()).fingerprint()).isEqualTo(p.fingerprint());
  }

  /** One field broken in one way, and the path that must be reported for it. */
  @Provide
  Arbitrary<Tuple.Tuple2<String, Object>> breakages() {
    return Arbitraries.of(
        Tuple.of("max_retries", (Object) 0),
        Tuple.of("max_retries", (Object) 11),
        Tuple.of("max_retries", (Object) "five"),
        Tuple.of("max_retries", (Object) 2.5),
        Tuple.of("backoff_strategy", (Object) "Exponential"),
        Tuple.of("backoff_strategy", (Object) 1),
        Tuple.of("base_delay_ms", (Object) 99),
        Tuple.of("base_delay_ms", (Object) (-1)),
        Tuple.of("max_delay_ms", (Object) 86_400_001L),
        Tuple.of("max_delay_ms", (Object) true),
        Tuple.of("dead_letter_queue_arn", (Object) "arn:aws:sqs:us-east-1:123456789012:q.fifo"),
        Tuple.of("dead_letter_queue_arn", (Object) "not-an-arn"),
        Tuple.of("destination_rate_limit_rps", (Object) 0),
        Tuple.of("destination_rate_limit_rps", (Object) (-3.5)),
        Tuple.of("destination_rate_limit_rps", (Object) "150"),
        Tuple.of("storage_availability_class", (Object) "cold"),
        Tuple.of("jitter", (Object) "full"),
        Tuple.of("max_retrys", (Object) 5));
  }

  @Property(tries = 300)
  void aPolicyBrokenInOneFieldIsReportedAtExactlyThatPath(
      @ForAll("policies") RetryPolicy p, @ForAll("breakages") Tuple.Tuple2<String, Object> breakage) {
    ObjectNode node = io.github.eventretry.core.json.PolicyTrees.toJsonNode(p);
    // Keep the cross-field rule out of the way when breaking the base delay.
    node.put("max_delay_ms", 86_400_000L);
    node.set(breakage.get1(), new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(breakage.get2()));
    Throwable thrown = catchThrowable(() -> PolicyJson.read(node.toString()));
    assertThat(thrown).isInstanceOf(PolicyValidationException.class);
    assertThat(((PolicyValidationException) thrown).violations())
        .extracting(Violation::path)
        .containsExactly("$." + breakage.get1());
  }

  @Property(tries = 1000)
  void parsingArbitraryTextOnlyThrowsTheDocumentedException(@ForAll String text) {
    assertThatThrownBy(() -> PolicyJson.read(text)).isInstanceOf(PolicyValidationException.class);
  }

  @Property(tries = 1000)
  void parsingArbitraryBytesOnlyThrowsTheDocumentedException(@ForAll byte[] bytes) {
    assertThatThrownBy(() -> PolicyJson.read(new java.io.ByteArrayInputStream(bytes)))
        .isInstanceOf(PolicyValidationException.class);
  }

  @Property(tries = 300)
  void parsingBytesWithAByteOrderMarkOnlyThrowsTheDocumentedException(
      @ForAll("byteOrderMarks") byte[] mark, @ForAll byte[] rest) {
    byte[] bytes = java.util.Arrays.copyOf(mark, mark.length + rest.length);
    System.arraycopy(rest, 0, bytes, mark.length, rest.length);
    assertThatThrownBy(() -> PolicyJson.read(new java.io.ByteArrayInputStream(bytes)))
        .isInstanceOf(PolicyValidationException.class);
  }

  @Provide
  Arbitrary<byte[]> byteOrderMarks() {
    return Arbitraries.of(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF},
        new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE},
        new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xFF, (byte) 0xFE},
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {0, 0, 0}, new byte[] {0});
  }

  @Property(tries = 1000)
  void parsingArbitraryJsonLikeTextOnlyThrowsTheDocumentedException(
      @ForAll("jsonish") String text) {
    Throwable t = catchThrowable(() -> PolicyJson.read(text));
    if (t != null) {
      assertThat(t).isInstanceOf(PolicyValidationException.class);
      assertThat(((PolicyValidationException) t).violations()).isNotEmpty()
          .allSatisfy(v -> assertThat(v.toString()).doesNotContain("\n"));
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"max_retries\"",
        "\"jitter\"", "\"mode\"", "\"factor\"", "\"base_delay_ms\"", "\"x\\n\"", "1", "-0", "1e999",
        "0.5", "null", "true", "\"exponential\"", " ", "\"\\ud800\"", "12345678901234567890123");
    return tokens.list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Property(tries = 100)
  void builderAndReaderAgree(@ForAll("policies") RetryPolicy p) {
    Tuple.Tuple2<RetryPolicy, RetryPolicy> pair = Tuple.of(p.toBuilder().build(),
        io.github.eventretry.core.json.PolicyTrees.read(io.github.eventretry.core.json.PolicyTrees.toJsonNode(p)));
    assertThat(pair.get1()).isEqualTo(pair.get2());
  }
}
