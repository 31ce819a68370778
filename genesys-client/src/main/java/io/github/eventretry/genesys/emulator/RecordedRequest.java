package io.github.eventretry.genesys.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as the emulator received it, for assertions. Header names are lower case.
 * {@link #toString()} leaves out header values, which hold credentials and tokens.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence 1 for the first request the emulator received, then 2, 3, ...
 * @param method the method, such as {@code GET}
 * @param path the path, such as {@code /api/v2/integrations/abc}
 * @param query the raw query, if any
 * @param headers every header, names in lower case, copied
 * @param body the body as UTF-8 text, empty when none
 */
public record RecordedRequest(
    long sequence,
    String method,
    String path,
    Optional<String> query,
    Map<String, List<String>> headers,
    String body) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any is null
   */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(body, "body");
    TreeMap<String, List<String>> copy = new TreeMap<>();
    headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(copy);
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
   * Returns whether this is a token request: {@code POST /oauth/token}.
   *
   * @return true for a token request
   */
  public boolean isTokenRequest() {
    return method.equals("POST") && path.equals("/oauth/token");
  }

  /**
   * Returns the method, path and header names, without header values or body.
   *
   * @return such as {@code #3 GET /api/v2/integrations/abc headers=[accept, authorization]}
   */
  @Override
  public String toString() {
    return "#" + sequence + " " + method + " " + path + query.map(q -> "?" + q).orElse("")
        + " headers=" + headers.keySet();
  }
}
