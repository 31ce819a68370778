package io.github.eventretry.eventbridge.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as the {@link AwsEmulator} received it, for assertions. Header names are lower case.
 * {@link #toString()} leaves out header values, which hold signatures and session tokens.
 *
 * <p>Immutable and thread-safe (the body is copied in and out).
 */
public final class RecordedRequest {
  private final long sequence;
  private final String method;
  private final String path;
  private final Optional<String> query;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final AwsProtocol protocol;
  private final String operation;

  /**
   * Creates a record.
   *
   * @param sequence 1 for the first request, then 2, 3, ...
   * @param method such as {@code POST}
   * @param path such as {@code /}
   * @param query the raw query, if any
   * @param headers every header, copied with names in lower case
   * @param body the body, copied
   * @param protocol the protocol it was recognised as
   * @param operation the operation, such as {@code PutTargets}; empty text when unknown
   * @throws NullPointerException if any is null
   */
  public RecordedRequest(long sequence, String method, String path, Optional<String> query,
      Map<String, List<String>> headers, byte[] body, AwsProtocol protocol, String operation) {
    this.sequence = sequence;
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.query = Objects.requireNonNull(query, "query");
    TreeMap<String, List<String>> copy = new TreeMap<>();
    headers.forEach((k, v) -> copy.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
      List<String> all = new java.util.ArrayList<>(a);
      all.addAll(b);
      return List.copyOf(all);
    }));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body.clone();
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.operation = Objects.requireNonNull(operation, "operation");
  }

  /**
   * Returns the sequence number.
   *
   * @return 1 for the first request the emulator received
   */
  public long sequence() {
    return sequence;
  }

  /**
   * Returns the method.
   *
   * @return such as {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the path.
   *
   * @return such as {@code /service/GraniteServiceVersion20100801/operation/GetMetricData}
   */
  public String path() {
    return path;
  }

  /**
   * Returns the raw query.
   *
   * @return the query, or empty when none
   */
  public Optional<String> query() {
    return query;
  }

  /**
   * Returns every header.
   *
   * @return names in lower case to their values; unmodifiable
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the name, any case
   * @return the value, or empty when absent
   */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * Returns the body.
   *
   * @return a copy of the bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body as UTF-8 text (for JSON and the query protocol; CBOR is binary).
   *
   * @return the text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Returns the protocol the request was recognised as.
   *
   * @return the protocol
   */
  public AwsProtocol protocol() {
    return protocol;
  }

  /**
   * Returns the operation.
   *
   * @return such as {@code PutTargets} or {@code GetMetricData}; empty text when not recognised
   */
  public String operation() {
    return operation;
  }

  /**
   * Returns the sequence, method, path, protocol, operation and header names, without header values or
   * body.
   *
   * @return such as {@code #3 POST / AWS_JSON_1_1 PutTargets headers=[authorization, …]}
   */
  @Override
  public String toString() {
    return "#" + sequence + " " + method + " " + path + query.map(q -> "?" + q).orElse("") + " "
        + protocol + " " + operation + " headers=" + headers.keySet();
  }
}
