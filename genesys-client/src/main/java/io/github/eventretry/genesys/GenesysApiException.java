package io.github.eventretry.genesys;

import io.github.eventretry.core.EventRetryException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Genesys Cloud call that failed, after whatever retries the client was allowed. The subclass says
 * what kind of failure it was; the accessors carry what Genesys Cloud said: the HTTP status, its error
 * {@code code}, {@code message} and {@code contextId}, and the {@code ININ-Correlation-ID} response
 * header to quote to Genesys support.
 *
 * <p>Which subclass for which answer: 400 and any other 4xx not listed here is {@link BadRequest}; 401
 * {@link Unauthorized} (also a refused token request); 403 {@link Forbidden}; 404 {@link NotFound}; 409
 * {@link Conflict} (also a 408 on a configuration write); 429 {@link RateLimited}; 5xx {@link ServerError}; no answer at all (refused or
 * dropped connection, timeout, interruption) {@link Transport}; an answer whose body is not what the
 * API documents {@link MalformedResponse}.
 *
 * <p>No message, {@code toString} or field ever holds the client secret or a token: the client removes
 * them from anything the server echoes. Instances are thread-confined like any exception.
 */
public abstract sealed class GenesysApiException extends EventRetryException
    permits GenesysApiException.BadRequest,
        GenesysApiException.Unauthorized,
        GenesysApiException.Forbidden,
        GenesysApiException.NotFound,
        GenesysApiException.Conflict,
        GenesysApiException.RateLimited,
        GenesysApiException.ServerError,
        GenesysApiException.Transport,
        GenesysApiException.MalformedResponse {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int status;
  private final String code;
  private final String genesysMessage;
  private final String contextId;
  private final String correlationId;
  private final int attempts;

  GenesysApiException(ApiFailure f, Throwable cause) {
    super(f.describe(), cause);
    this.operation = f.operation();
    this.status = f.status();
    this.code = f.code();
    this.genesysMessage = f.message();
    this.contextId = f.contextId();
    this.correlationId = f.correlationId();
    this.attempts = f.attempts();
  }

  /**
   * Returns the call that failed.
   *
   * @return such as {@code GET /api/v2/integrations/{id}}, with the real id
   */
  public String operation() {
    return operation;
  }

  /**
   * Returns the HTTP status of the last answer.
   *
   * @return the status, or empty when there was no answer ({@link Transport})
   */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /**
   * Returns Genesys Cloud's error code, such as {@code not.found}, {@code too.many.requests.retry.after}
   * or, from the token endpoint, {@code invalid_client}.
   *
   * @return the code, or empty when the answer had none
   */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /**
   * Returns Genesys Cloud's error message (for a token request, its {@code error_description}).
   *
   * @return the message, or empty when the answer had none
   */
  public Optional<String> genesysMessage() {
    return Optional.ofNullable(genesysMessage);
  }

  /**
   * Returns the {@code contextId} of the error body.
   *
   * @return the context id, or empty when the answer had none
   */
  public Optional<String> contextId() {
    return Optional.ofNullable(contextId);
  }

  /**
   * Returns the {@code ININ-Correlation-ID} header of the last answer.
   *
   * @return the correlation id, or empty when there was no answer or no header
   */
  public Optional<String> correlationId() {
    return Optional.ofNullable(correlationId);
  }

  /**
   * Returns how many requests the call made before giving up.
   *
   * @return 1 or more
   */
  public int attempts() {
    return attempts;
  }

  /** 400, or a 4xx that has no class of its own: the request was wrong; never retried. */
  public static final class BadRequest extends GenesysApiException {
    private static final long serialVersionUID = 1L;

    BadRequest(ApiFailure f) {
      super(f, null);
    }
  }

  /**
   * 401: the credentials were refused by the token endpoint, or the API refused a token even after the
   * client fetched a new one.
   */
  public static final class Unauthorized extends GenesysApiException {
    private static final long serialVersionUID = 1L;

    Unauthorized(ApiFailure f) {
      super(f, null);
    }
  }

  /** 403: the OAuth client lacks a permission, such as {@code integrations:integration:edit}. */
  public static final class Forbidden extends GenesysApiException {
    private static final long serialVersionUID = 1L;

    Forbidden(ApiFailure f) {
      super(f, null);
    }
  }

  /** 404: no such integration (or path) in this organisation and region. */
  public static final class NotFound extends GenesysApiException {
    private static final long serialVersionUID = 1L;

    NotFound(ApiFailure f) {
      super(f, null);
    }
  }

  /**
   * 409 (or a 400 saying the version does not match): someone else changed the configuration, and the
   * client's bounded re-reads did not get a write through. Also a 408 Request Timeout on a
   * configuration write ({@link #status()} 408), which Genesys's Terraform provider retries like a
   * conflict: the write may or may not have been stored, so it is read again.
   */
  public static final class Conflict extends GenesysApiException {
    private static final long serialVersionUID = 1L;

    Conflict(ApiFailure f) {
      super(f, null);
    }
  }

  /** 429: Genesys Cloud's rate limit, still in force when the retry limits ran out. */
  public static final class RateLimited extends GenesysApiException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    RateLimited(ApiFailure f, Duration retryAfter) {
      super(f, null);
      this.retryAfter = retryAfter;
    }

    /**
     * Returns the {@code Retry-After} of the last answer.
     *
     * @return how long Genesys Cloud asked to wait, or empty when it did not say
     */
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }
  }

  /** 5xx: Genesys Cloud failed, still failing when the retry limits ran out. */
  public static final class ServerError extends GenesysApiException {
    private static final long serialVersionUID = 1L;

    ServerError(ApiFailure f) {
      super(f, null);
    }
  }

  /**
   * No answer: the connection was refused or dropped, the request timed out, or the thread was
   * interrupted (its interrupt flag is then set again). The cause is the I/O exception.
   */
  public static final class Transport extends GenesysApiException {
    private static final long serialVersionUID = 1L;

    Transport(ApiFailure f, Throwable cause) {
      super(f, cause);
    }
  }

  /** A 2xx answer whose body is not the JSON the API documents. Never retried. */
  public static final class MalformedResponse extends GenesysApiException {
    private static final long serialVersionUID = 1L;

    MalformedResponse(ApiFailure f, Throwable cause) {
      super(f, cause);
    }
  }
}
