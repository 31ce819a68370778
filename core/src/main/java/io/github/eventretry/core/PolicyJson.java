package io.github.eventretry.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.internal.PolicyTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes the JSON form of a {@link RetryPolicy}:
 *
 * <pre>{@code
 * {
 *   "max_retries": 5,
 *   "backoff_strategy": "exponential",
 *   "base_delay_ms": 500,
 *   "max_delay_ms": 60000,
 *   "jitter": { "mode": "proportional", "factor": 0.1 },
 *   "dead_letter_queue_arn": "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq",
 *   "destination_rate_limit_rps": 150.0,
 *   "storage_availability_class": "standard"
 * }
 * }</pre>
 *
 * <p>Unknown fields, duplicate fields and trailing content are errors, so a typo never silently becomes
 * a default. Every read reports every problem at once in one {@link PolicyValidationException}; that
 * is the only exception bad content can cause. Writing then reading gives an equal policy, and
 * writing it again gives the same text. Thread-safe: this class holds no mutable state.
 */
public final class PolicyJson {
  /** The largest policy document read, in bytes (1 MiB); a larger one is rejected unread. */
  public static final int MAX_DOCUMENT_BYTES = 1 << 20;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private PolicyJson() {}

  /**
   * Reads a policy from JSON text.
   *
   * @param json the document
   * @return the policy
   * @throws PolicyValidationException listing every problem: malformed JSON, wrong types, unknown or
   *     missing fields, values out of range
   */
  public static RetryPolicy read(String json) {
    Objects.requireNonNull(json, "json");
    int size = json.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_DOCUMENT_BYTES) {
      throw tooLarge(size);
    }
    // Parsed as characters: no encoding detection can reinterpret the text.
    return readTree(() -> MAPPER.readTree(json));
  }

  /**
   * Reads a policy from a file, UTF-8 (or UTF-16/32 with a byte-order mark).
   *
   * @param file the file
   * @return the policy
   * @throws IOException if the file cannot be read (missing, a folder, not permitted)
   * @throws PolicyValidationException listing every problem in the content, or if the file is larger
   *     than {@link #MAX_DOCUMENT_BYTES}
   */
  public static RetryPolicy read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    long size = Files.size(file);
    if (size > MAX_DOCUMENT_BYTES) {
      throw tooLarge(size);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  /**
   * Reads a policy from a stream, up to {@link #MAX_DOCUMENT_BYTES}. The stream is not closed.
   *
   * @param in the stream
   * @return the policy
   * @throws IOException if reading the stream fails
   * @throws PolicyValidationException listing every problem in the content, or if the stream holds
   *     more than {@link #MAX_DOCUMENT_BYTES}
   */
  public static RetryPolicy read(InputStream in) throws IOException {
    Objects.requireNonNull(in, "in");
    byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw tooLarge(bytes.length);
    }
    return readTree(() -> MAPPER.readTree(bytes));
  }

  /**
   * Reads a policy from a parsed JSON tree, as found inside a larger document.
   *
   * @param node the policy object
   * @return the policy
   * @throws PolicyValidationException listing every problem
   */
  public static RetryPolicy read(JsonNode node) {
    Objects.requireNonNull(node, "node");
    PolicyTreeReader.Result r = PolicyTreeReader.read(node);
    if (!node.isObject()) {
      throw new PolicyValidationException(r.violations());
    }
    return RetryPolicy.fromDraft(r.draft(), r.violations());
  }

  /** Parses a document; only called on in-memory content. */
  private interface TreeSource {
    JsonNode read() throws IOException;
  }

  private static RetryPolicy readTree(TreeSource source) {
    JsonNode root;
    try {
      root = source.read();
    } catch (JsonProcessingException e) {
      throw new PolicyValidationException(List.of(malformed(e)));
    } catch (IOException e) {
      // In-memory content does no I/O: this is Jackson's encoding detection refusing the bytes
      // (CharConversionException), which is bad content like any other.
      throw new PolicyValidationException(List.of(new Violation(
          "$", "malformed JSON: " + oneLine(String.valueOf(e.getMessage())), "the document")));
    }
    if (root == null || root.isMissingNode()) {
      throw new PolicyValidationException(List.of(
          new Violation("$", "document is empty; expected a JSON object", Violation.MISSING)));
    }
    return read(root);
  }

  private static Violation malformed(JsonProcessingException e) {
    String detail = oneLine(e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage());
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new Violation("$", "malformed JSON" + where + ": " + detail, "the document");
  }

  private static String oneLine(String text) {
    String line = text.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  private static PolicyValidationException tooLarge(long size) {
    return new PolicyValidationException(List.of(new Violation(
        "$",
        "document is too large; a policy document may be at most " + MAX_DOCUMENT_BYTES + " bytes",
        size > MAX_DOCUMENT_BYTES ? "more than " + MAX_DOCUMENT_BYTES + " bytes" : size + " bytes")));
  }

  /**
   * Writes a policy as pretty JSON: two-space indent, {@code \n} line ends, fields in the order of
   * the JSON form, defaults written out.
   *
   * @param policy the policy
   * @return the JSON text, ending without a newline
   */
  public static String write(RetryPolicy policy) {
    return writePretty(toJsonNode(policy));
  }

  /**
   * Writes any JSON tree in the same pretty form as {@link #write(RetryPolicy)}: two-space indent,
   * {@code \n} line ends, members in their order in the tree.
   *
   * @param node the tree
   * @return the JSON text, ending without a newline
   */
  public static String writePretty(JsonNode node) {
    Objects.requireNonNull(node, "node");
    try {
      return PRETTY.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a plain JSON tree: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Returns the canonical form of a policy as a new JSON tree: every field with defaults filled in,
   * {@code factor} only for proportional jitter, {@code dead_letter_queue_arn} only when there is one.
   * The fingerprint is SHA-256 over its RFC 8785 form.
   *
   * @param policy the policy
   * @return a new tree the caller owns
   */
  public static ObjectNode toJsonNode(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("max_retries", policy.maxRetries());
    o.put("backoff_strategy", policy.backoffStrategy().jsonName());
    o.put("base_delay_ms", policy.baseDelayMillis());
    o.put("max_delay_ms", policy.maxDelayMillis());
    o.set("jitter", jitterNode(policy.jitter()));
    policy.deadLetterQueue().ifPresent(q -> o.put("dead_letter_queue_arn", q.arn()));
    o.put("destination_rate_limit_rps", policy.destinationRateLimitRps());
    o.put("storage_availability_class", policy.storageClass().jsonName());
    return o;
  }

  /**
   * Returns the JSON form of a jitter value, such as {@code {"mode":"proportional","factor":0.1}}.
   *
   * @param jitter the jitter
   * @return a new tree the caller owns
   */
  public static ObjectNode jitterNode(Jitter jitter) {
    ObjectNode j = JsonNodeFactory.instance.objectNode();
    j.put("mode", jitter.mode());
    if (jitter instanceof Jitter.Proportional p) {
      j.put("factor", p.factor());
    }
    return j;
  }
}
