package io.github.eventretry.eventbridge.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted misbehaviour of the {@link AwsEmulator}, played instead of (or, for {@link Delay}, before)
 * its normal answer to one request. {@link AwsEmulator#enqueue(AwsFault)} queues one for the next
 * request, {@link AwsEmulator#enqueue(String, AwsFault)} for the next request of one operation.
 *
 * <p>All implementations are immutable records and thread-safe.
 */
public sealed interface AwsFault {
  /**
   * Answers with an AWS error in the request's protocol: {@code {"__type", "message"}} in JSON or CBOR
   * (plus {@code x-amzn-query-error} for CloudWatch), {@code <ErrorResponse>} in the query protocol.
   *
   * @param status the HTTP status, 400..599
   * @param code the error code, such as {@code InternalException} (CloudWatch's query form, such as
   *     {@code InternalServiceError}, for CloudWatch)
   * @param message the message
   */
  record Error(int status, String code, String message) implements AwsFault {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the status is not 400..599 or the code is blank
     */
    public Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("status must be 400..599 (rejected: " + status + ")");
      }
      if (code.isBlank()) {
        throw new IllegalArgumentException("code must not be blank");
      }
    }
  }

  /**
   * Answers as AWS does when a caller exceeds its request rate: HTTP 400 with
   * {@code ThrottlingException} (EventBridge) or {@code Throttling} (CloudWatch), "Rate exceeded".
   */
  record Throttle() implements AwsFault {}

  /**
   * Makes the next {@code PutTargets} that carries this target fail for that entry only: the call
   * answers HTTP 200 with {@code FailedEntryCount} and the entry in {@code FailedEntries}, the target is
   * left as it was, and every other entry of the call is applied.
   *
   * @param targetId the target id the failing entry carries
   * @param errorCode the entry's {@code ErrorCode}, such as {@code ConcurrentModificationException}
   * @param errorMessage the entry's {@code ErrorMessage}
   */
  record FailEntry(String targetId, String errorCode, String errorMessage) implements AwsFault {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the id or the code is blank
     */
    public FailEntry {
      Objects.requireNonNull(targetId, "targetId");
      Objects.requireNonNull(errorCode, "errorCode");
      Objects.requireNonNull(errorMessage, "errorMessage");
      if (targetId.isBlank() || errorCode.isBlank()) {
        throw new IllegalArgumentException("targetId and errorCode must not be blank");
      }
    }
  }

  /**
   * Waits, then answers normally: for timeouts.
   *
   * @param delay how long, zero or positive
   */
  record Delay(Duration delay) implements AwsFault {
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

  /** Closes the connection without answering. */
  record DropConnection() implements AwsFault {}

  /**
   * Answers with a status, content type and body exactly as given (a JSON, XML or CBOR body a test
   * builds by hand, such as a {@code GetMetricData} result with {@code StatusCode} {@code InternalError}).
   *
   * @param status the HTTP status, 100..599
   * @param contentType the {@code Content-Type}
   * @param body the body bytes, may be empty; copied in and out
   */
  record Respond(int status, String contentType, byte[] body) implements AwsFault {
    /**
     * Checks and copies the values.
     *
     * @throws IllegalArgumentException if the status is out of range
     */
    public Respond {
      Objects.requireNonNull(contentType, "contentType");
      body = Objects.requireNonNull(body, "body").clone();
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be 100..599 (rejected: " + status + ")");
      }
    }

    /**
     * Returns the body.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /**
     * Compares status, content type and body bytes.
     *
     * @param o the other object
     * @return whether they are equal
     */
    @Override
    public boolean equals(Object o) {
      return o instanceof Respond r && r.status == status && r.contentType.equals(contentType)
          && java.util.Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, contentType) * 31 + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return "Respond[status=" + status + ", contentType=" + contentType + ", " + body.length + " bytes]";
    }
  }

  /**
   * Returns an answer with a text body as given.
   *
   * @param status the status
   * @param contentType the content type
   * @param body the body, sent as UTF-8
   * @return the fault
   */
  static AwsFault respond(int status, String contentType, String body) {
    return new Respond(status, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Returns an AWS error answer.
   *
   * @param status the status
   * @param code the code
   * @param message the message
   * @return the fault
   */
  static AwsFault error(int status, String code, String message) {
    return new Error(status, code, message);
  }

  /**
   * Returns a throttling answer.
   *
   * @return the fault
   */
  static AwsFault throttle() {
    return new Throttle();
  }

  /**
   * Returns a partial failure of one {@code PutTargets} entry.
   *
   * @param targetId the target id
   * @param errorCode the entry's error code
   * @param errorMessage the entry's error message
   * @return the fault
   */
  static AwsFault failEntry(String targetId, String errorCode, String errorMessage) {
    return new FailEntry(targetId, errorCode, errorMessage);
  }

  /**
   * Returns a partial failure of one {@code PutTargets} entry with EventBridge's
   * {@code ConcurrentModificationException}.
   *
   * @param targetId the target id
   * @return the fault
   */
  static AwsFault concurrentModification(String targetId) {
    return new FailEntry(targetId, "ConcurrentModificationException",
        "Another process is modifying the rule. Try again later.");
  }

  /**
   * Returns a delay before the normal answer.
   *
   * @param delay the delay
   * @return the fault
   */
  static AwsFault delay(Duration delay) {
    return new Delay(delay);
  }

  /**
   * Returns a dropped connection.
   *
   * @return the fault
   */
  static AwsFault dropConnection() {
    return new DropConnection();
  }
}
