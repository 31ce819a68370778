package io.github.eventretry.genesys.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An answer the emulator sends as it is: a status, headers and a body. The emulator's normal Genesys
 * answers are {@code Response}s (a {@link Dispatcher} gets one to pass on, wrap or replace), and a
 * test can script its own, such as a 200 with a body of its choosing. The emulator adds an
 * {@code ININ-Correlation-ID} to every answer, and {@code Content-Type: application/json;
 * charset=UTF-8} unless the response names its own.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status the HTTP status, 100..599
 * @param headers header names (kept as given, compared without case by the HTTP layer) and values
 * @param body the body as text, sent as UTF-8; empty for none
 */
public record Response(int status, Map<String, String> headers, String body) implements Reply {
  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException if the status is out of range, or a header name is blank or a
   *     name or value holds a line break
   */
  public Response {
    Statuses.check(status);
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      Objects.requireNonNull(k, "header name");
      Objects.requireNonNull(v, "header value");
      if (k.isBlank() || k.indexOf('\r') >= 0 || k.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a header name must not be blank, and no name or value"
            + " may hold a line break (rejected: " + k.strip() + ")");
      }
      copy.put(k, v);
    });
    headers = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns a JSON answer with no extra headers.
   *
   * @param status the status, 100..599
   * @param json the body
   * @return the response
   * @throws IllegalArgumentException if the status is out of range
   */
  public static Response json(int status, String json) {
    return new Response(status, Map.of(), json);
  }

  /**
   * Returns this response with another status.
   *
   * @param status the status, 100..599
   * @return a new response
   * @throws IllegalArgumentException if the status is out of range
   */
  public Response withStatus(int status) {
    return new Response(status, headers, body);
  }

  /**
   * Returns this response with another body.
   *
   * @param body the body
   * @return a new response
   */
  public Response withBody(String body) {
    return new Response(status, headers, body);
  }

  /**
   * Returns this response with a header set, replacing one of the same name (any case).
   *
   * @param name the name
   * @param value the value
   * @return a new response
   * @throws IllegalArgumentException if the name is blank or either holds a line break
   */
  public Response withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
    copy.put(name, value);
    return new Response(status, copy, body);
  }

  /**
   * Returns a header's value.
   *
   * @param name the name, any case
   * @return the value, or empty when absent
   */
  public java.util.Optional<String> header(String name) {
    Objects.requireNonNull(name, "name");
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }
}
