package io.github.eventretry.genesys.emulator.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.emulator.Response;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import java.util.Optional;

/** Genesys Cloud's error answers: the API's error body, the 429, and the OAuth errors. Stateless. */
public final class ErrorBodies {
  private ErrorBodies() {}

  /**
   * Returns a Genesys error answer.
   *
   * @param status the status
   * @param code the code, such as {@code not.found}
   * @param message the message
   * @param correlation the context id (the answer's correlation id)
   * @return {@code {message, code, status, messageParams, contextId, details, errors}}
   */
  public static Response error(int status, String code, String message, String correlation) {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    b.put(GenesysApi.MESSAGE, message);
    b.put(GenesysApi.CODE, code);
    b.put(GenesysApi.STATUS, status);
    b.putObject(GenesysApi.MESSAGE_PARAMS);
    b.put(GenesysApi.CONTEXT_ID, correlation);
    b.putArray(GenesysApi.DETAILS);
    b.putArray(GenesysApi.ERRORS);
    return Response.json(status, Json.write(b));
  }

  /**
   * Returns Genesys's 429.
   *
   * @param seconds the {@code Retry-After}
   * @param correlation the context id
   * @return the answer with its header and {@code too.many.requests.retry.after} body
   */
  public static Response tooMany(long seconds, String correlation) {
    return error(429, GenesysApi.TOO_MANY_REQUESTS, GenesysApi.tooManyRequestsMessage(seconds),
        correlation).withHeader(GenesysApi.RETRY_AFTER_HEADER, Long.toString(seconds));
  }

  /**
   * Returns an OAuth error of the token endpoint.
   *
   * @param status the status
   * @param error the OAuth error, such as {@code invalid_client}
   * @param description the description
   * @return {@code {error, description, error_description}}
   */
  public static Response oauth(int status, String error, String description) {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    b.put(GenesysApi.OAUTH_ERROR, error);
    b.put(GenesysApi.OAUTH_DESCRIPTION, description);
    b.put(GenesysApi.OAUTH_ERROR_DESCRIPTION, description);
    return Response.json(status, Json.write(b));
  }

  /**
   * Returns the answer a fault stands for, or empty for faults that are not an answer
   * ({@link Fault.DropConnection}, {@link Fault.Delay}).
   *
   * @param fault the fault
   * @param correlation the answer's correlation id
   * @return the response to send
   */
  public static Optional<Response> of(Fault fault, String correlation) {
    if (fault instanceof Fault.Respond r) {
      return Optional.of(Response.json(r.status(), r.body()));
    } else if (fault instanceof Fault.Error e) {
      return Optional.of(error(e.status(), e.code(), e.message(), correlation));
    } else if (fault instanceof Fault.RetryAfter r) {
      return Optional.of(tooMany(r.seconds(), correlation));
    } else if (fault instanceof Fault.MalformedBody m) {
      return Optional.of(Response.json(m.status(), "{\"entities\": [{\"integrationId\": "));
    }
    return Optional.empty();
  }
}
