package io.github.eventretry.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventretry.genesys.internal.ExchangeLoop;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import io.github.eventretry.genesys.internal.Outcome;
import io.github.eventretry.genesys.internal.Redactor;
import io.github.eventretry.genesys.internal.RetryRule;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The client's error mapper: turns an {@link Outcome} or an unusable answer into the
 * {@link GenesysApiException} subclass its status calls for, with Genesys's {@code code},
 * {@code message} and {@code contextId} read from the error body (or the OAuth {@code error} and
 * {@code error_description}), and every secret the {@link Redactor} knows removed. Thread-safe.
 */
final class Failures {
  private final Redactor redactor;
  private final long deadlineMillis;

  Failures(Redactor redactor, long deadlineMillis) {
    this.redactor = redactor;
    this.deadlineMillis = deadlineMillis;
  }

  /**
   * Returns a successful outcome's answer, or throws what the outcome calls for.
   *
   * @throws GenesysApiException (a subclass) for anything but a 2xx answer
   */
  HttpResponse<String> successOrThrow(String op, Outcome<String> outcome) {
    if (outcome instanceof Outcome.Answered<String> a) {
      if (a.succeeded()) {
        return a.response();
      }
      throw fromAnswer(op, a.response(), a.attempts(), null);
    }
    if (outcome instanceof Outcome.GaveUp<String> g) {
      String why = g.limit() == Outcome.Limit.ATTEMPTS
          ? "retry limit reached"
          : "waiting " + g.refusedWait().duration().toMillis()
              + " ms would pass the retry deadline of " + deadlineMillis + " ms";
      if (g.response().isPresent()) {
        throw fromAnswer(op, g.response().get(), g.attempts(), why);
      }
      IOException io = g.failure().orElseThrow();
      throw transport(op, g.attempts(), ExchangeLoop.describe(io) + "; " + why, io);
    }
    Outcome.Interrupted<String> i = (Outcome.Interrupted<String>) outcome;
    throw transport(op, Math.max(1, i.attempts()),
        i.whileWaiting() ? "interrupted while waiting to retry" : "interrupted", i.cause());
  }

  /** Reads an answer's body as a JSON object or array. */
  JsonNode parse(String op, HttpResponse<String> r) {
    Optional<JsonNode> n = Json.parse(r.body());
    if (n.isEmpty()) {
      throw malformed(op, "HTTP " + r.statusCode() + " with a body that is not JSON", null, r);
    }
    if (!n.get().isContainerNode()) {
      throw malformed(op, "HTTP " + r.statusCode() + " with a body that is not a JSON object",
          null, r);
    }
    return n.get();
  }

  GenesysApiException.Transport transport(String op, int attempts, String why, Throwable cause) {
    // The cause's own message is not copied: I/O messages are the JDK's, and stay out of ours.
    return new GenesysApiException.Transport(
        new ApiFailure(op, 0, null, null, null, null, attempts, redactor.clean(why)), cause);
  }

  GenesysApiException.MalformedResponse malformed(String op, String why, Throwable cause) {
    return new GenesysApiException.MalformedResponse(
        new ApiFailure(op, 0, null, null, null, null, 1, "malformed answer: " + redactor.clean(why)),
        cause);
  }

  GenesysApiException.MalformedResponse malformed(
      String op, String why, Throwable cause, HttpResponse<String> r) {
    return new GenesysApiException.MalformedResponse(new ApiFailure(op, r.statusCode(), null, null,
        null, correlation(r), 1, "malformed answer: " + redactor.clean(why)), cause);
  }

  private String correlation(HttpResponse<String> r) {
    return redactor.clean(r.headers().firstValue(GenesysApi.CORRELATION_HEADER).orElse(null));
  }

  GenesysApiException fromAnswer(String op, HttpResponse<String> r, int attempts, String why) {
    String code = null;
    String message = null;
    String contextId = null;
    Optional<JsonNode> parsed = Json.parse(r.body());
    if (parsed.isPresent() && parsed.get().isObject()) {
      // Not a Genesys error body (a proxy's HTML page, say): the status still tells what happened.
      JsonNode b = parsed.get();
      code = text(b, GenesysApi.CODE);
      message = text(b, GenesysApi.MESSAGE);
      contextId = text(b, GenesysApi.CONTEXT_ID);
      if (code == null) {
        code = text(b, GenesysApi.OAUTH_ERROR);
      }
      if (message == null) {
        message = text(b, GenesysApi.OAUTH_ERROR_DESCRIPTION);
      }
      if (message == null) {
        message = text(b, GenesysApi.OAUTH_DESCRIPTION);
      }
    }
    ApiFailure f = new ApiFailure(op, r.statusCode(), redactor.clean(code), redactor.clean(message),
        redactor.clean(contextId), correlation(r), attempts, why);
    int s = r.statusCode();
    if (s == 400) {
      return new GenesysApiException.BadRequest(f);
    } else if (s == 401) {
      return new GenesysApiException.Unauthorized(f);
    } else if (s == 403) {
      return new GenesysApiException.Forbidden(f);
    } else if (s == 404) {
      return new GenesysApiException.NotFound(f);
    } else if (s == 409) {
      return new GenesysApiException.Conflict(f);
    } else if (s == 429) {
      return new GenesysApiException.RateLimited(f, RetryRule.retryAfter(r.headers()).orElse(null));
    } else if (s >= 500) {
      return new GenesysApiException.ServerError(f);
    } else if (s >= 400) {
      return new GenesysApiException.BadRequest(f);
    }
    return new GenesysApiException.MalformedResponse(f, null);
  }

  static GenesysApiException.Conflict asConflict(GenesysApiException e, String why) {
    return new GenesysApiException.Conflict(new ApiFailure(e.operation(), e.status().orElse(0),
        e.code().orElse(null), e.genesysMessage().orElse(null), e.contextId().orElse(null),
        e.correlationId().orElse(null), e.attempts(), why));
  }

  private static String text(JsonNode b, String field) {
    JsonNode v = b.get(field);
    return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
  }
}
