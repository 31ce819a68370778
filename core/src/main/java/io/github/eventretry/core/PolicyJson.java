package io.github.eventretry.core;

import io.github.eventretry.core.internal.JsonDocuments;
import io.github.eventretry.core.json.PolicyTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
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
 * <p>Strict, as RFC 8259 asks: a document is UTF-8 (a UTF-8 byte-order mark is ignored; UTF-16 and
 * UTF-32 are refused), unknown fields, duplicate fields and trailing content are errors (a typo never
 * silently becomes a default), an explicit {@code null} is an error except for
 * {@code dead_letter_queue_arn}, and a number no double can hold ({@code 1e400}, {@code 1e-400}) is an
 * error rather than infinity or 0. Every read reports every problem at once in one
 * {@link PolicyValidationException}; that is the only exception bad content can cause. Writing then
 * reading gives an equal policy, and writing it again gives the same text. A file may also carry a
 * {@code "$schema"} member for editors ({@link #SCHEMA_ID}); it is not part of the policy. Thread-safe:
 * this class holds no mutable state.
 */
public final class PolicyJson {
  /** The largest policy document read, in bytes (1 MiB); a larger one is rejected unread. */
  public static final int MAX_DOCUMENT_BYTES = 1 << 20;

  /**
   * The {@code $id} of the JSON Schema (draft 2020-12) of this JSON form, version 1. It never changes
   * for version 1; a policy file may name it in a {@code "$schema"} member so that editors complete and
   * check it. The reader accepts that member (any string, except that an address under
   * {@code https://eventretry.github.io/schema/} must be this one) and the policy, its fingerprint and
   * {@link #write} leave it out.
   */
  public static final String SCHEMA_ID = "https://eventretry.github.io/schema/retry-policy/v1.json";

  /**
   * Where the schema {@link #SCHEMA_ID} names lies in {@code eventretry-core}'s jar: read it with
   * {@code PolicyJson.class.getModule().getResourceAsStream(SCHEMA_RESOURCE)}, on the class path or the
   * module path (the folder is not a package, so the module does not hide it).
   */
  public static final String SCHEMA_RESOURCE = "META-INF/eventretry/retry-policy-v1.schema.json";

  private PolicyJson() {}

  /**
   * Reads a policy from JSON text.
   *
   * @param json the document
   * @return the policy
   * @throws PolicyValidationException listing every problem: malformed JSON, wrong types, unknown or
   *     missing fields, values out of range, or a document larger than {@link #MAX_DOCUMENT_BYTES}
   */
  public static RetryPolicy read(String json) {
    Objects.requireNonNull(json, "json");
    long size = utf8Length(json);
    if (size > MAX_DOCUMENT_BYTES) {
      throw tooLarge(size);
    }
    try {
      // Parsed as characters: no encoding detection can reinterpret the text.
      return PolicyTrees.read(JsonDocuments.parse(json));
    } catch (JsonDocuments.NotJson e) {
      throw new PolicyValidationException(List.of(e.violation()));
    }
  }

  /**
   * Reads a policy from a UTF-8 file.
   *
   * @param file the file
   * @return the policy
   * @throws IOException if the file cannot be read (missing, a folder, not permitted)
   * @throws PolicyValidationException listing every problem in the content, or if the file is larger
   *     than {@link #MAX_DOCUMENT_BYTES}
   */
  public static RetryPolicy read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  /**
   * Reads a policy from a UTF-8 stream, up to {@link #MAX_DOCUMENT_BYTES}. The stream is not closed.
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
    try {
      return read(JsonDocuments.decode(bytes));
    } catch (JsonDocuments.NotJson e) {
      throw new PolicyValidationException(List.of(e.violation()));
    }
  }

  /**
   * Reads a policy from characters, up to {@link #MAX_DOCUMENT_BYTES} of them. The reader is not
   * closed.
   *
   * @param reader the characters
   * @return the policy
   * @throws IOException if reading fails
   * @throws PolicyValidationException listing every problem in the content, or if the document is
   *     larger than {@link #MAX_DOCUMENT_BYTES}
   */
  public static RetryPolicy read(Reader reader) throws IOException {
    Objects.requireNonNull(reader, "reader");
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    int n;
    while ((n = reader.read(buf)) >= 0) {
      sb.append(buf, 0, n);
      if (sb.length() > MAX_DOCUMENT_BYTES) {
        throw tooLarge(sb.length());
      }
    }
    return read(sb.toString());
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
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
    return PolicyTrees.writePretty(PolicyTrees.toJsonNode(policy));
  }

  /**
   * Writes a policy as {@link #write(RetryPolicy)} does, in UTF-8, followed by a newline. The stream
   * is flushed, not closed.
   *
   * @param policy the policy
   * @param out the stream
   * @throws IOException if writing fails
   */
  public static void write(RetryPolicy policy, OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    out.write((write(policy) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
