package io.github.eventretry.genesys.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted misbehaviour of the emulator, played instead of (or, for {@link Delay}, before) its normal
 * answer to one request. {@link GenesysCloudEmulator#enqueue} queues them; a {@link Dispatcher} picks
 * them per request. A scripted answer that is not a misbehaviour (a 200 with a body of the test's
 * choosing) is a {@link Response}.
 *
 * <p>All implementations are immutable records and thread-safe.
 */
public sealed interface Fault extends Reply {
  /**
   * Answers with a status and a body as given, with {@code Content-Type: application/json}: for
   * answers Genesys itself would not send (a 429 without {@code Retry-After}, a bare 504 from a
   * gateway, an HTML error page).
   *
   * @param status the HTTP status, 100..599
   * @param body the body, may be empty
   */
  record Respond(int status, String body) implements Fault {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the status is out of range
     */
    public Respond {
      Objects.requireNonNull(body, "body");
      Statuses.check(status);
    }
  }

  /**
   * Answers with a Genesys Cloud error body {@code {message, code, status, messageParams, contextId,
   * details, errors}}; the context id is the answer's {@code ININ-Correlation-ID}.
   *
   * @param status the HTTP status, 100..599
   * @param code Genesys's error code, such as {@code bad.request}
   * @param message the message
   */
  record Error(int status, String code, String message) implements Fault {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the status is out of range
     */
    public Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      Statuses.check(status);
    }
  }

  /**
   * Waits, then answers normally: for timeouts.
   *
   * @param delay how long, zero or positive
   */
  record Delay(Duration delay) implements Fault {
    /**
     * Checks the value.
     *
     * @throws IllegalArgumentException if negative
     */
    public Delay {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative (rejected: " + delay + ")");
      }
    }
  }

  /**
   * Answers 429 with {@code Retry-After} and Genesys's {@code too.many.requests.retry.after} body.
   *
   * @param seconds the {@code Retry-After} value, 0 or more
   */
  record RetryAfter(long seconds) implements Fault {
    /**
     * Checks the value.
     *
     * @throws IllegalArgumentException if negative
     */
    public RetryAfter {
      if (seconds < 0) {
        throw new IllegalArgumentException("seconds must be 0 or more (rejected: " + seconds + ")");
      }
    }
  }

  /** Closes the connection without answering. */
  record DropConnection() implements Fault {}

  /**
   * Answers with a status and a body that is not valid JSON.
   *
   * @param status the HTTP status, 100..599
   */
  record MalformedBody(int status) implements Fault {
    /**
     * Checks the value.
     *
     * @throws IllegalArgumentException if the status is out of range
     */
    public MalformedBody {
      Statuses.check(status);
    }
  }

  /**
   * Returns an answer with a Genesys error body.
   *
   * @param status the status
   * @param code the Genesys code
   * @param message the message
   * @return the fault
   */
  static Fault error(int status, String code, String message) {
    return new Error(status, code, message);
  }

  /**
   * Returns a plain answer.
   *
   * @param status the status
   * @param body the body
   * @return the fault
   */
  static Fault respond(int status, String body) {
    return new Respond(status, body);
  }

  /**
   * Returns a 429 with {@code Retry-After}.
   *
   * @param seconds the seconds
   * @return the fault
   */
  static Fault retryAfter(long seconds) {
    return new RetryAfter(seconds);
  }

  /**
   * Returns a delay before the normal answer.
   *
   * @param delay the delay
   * @return the fault
   */
  static Fault delay(Duration delay) {
    return new Delay(delay);
  }

  /**
   * Returns a dropped connection.
   *
   * @return the fault
   */
  static Fault dropConnection() {
    return new DropConnection();
  }

  /**
   * Returns a 200 whose body is not JSON.
   *
   * @return the fault
   */
  static Fault malformedBody() {
    return new MalformedBody(200);
  }
}
