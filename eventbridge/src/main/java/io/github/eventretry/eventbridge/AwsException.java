package io.github.eventretry.eventbridge;

import io.github.eventretry.core.EventRetryException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A call to EventBridge or CloudWatch failed, or what it found cannot be worked with (no such bus, no
 * targets, a target removed since a snapshot). Carries the operation, AWS's error code, HTTP status and
 * request id when AWS answered, and the rule and target it concerns when there is one. The message
 * names them in a person's words and never holds a credential.
 *
 * <p>Thread-confined like any exception.
 */
public final class AwsException extends EventRetryException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String errorCode;
  private final int statusCode;
  private final String requestId;
  private final String rule;
  private final String targetId;

  private AwsException(Builder b, Throwable cause) {
    super(b.message, cause);
    this.operation = b.operation;
    this.errorCode = b.errorCode;
    this.statusCode = b.statusCode;
    this.requestId = b.requestId;
    this.rule = b.rule;
    this.targetId = b.targetId;
  }

  /**
   * Returns a builder, for this module's classes.
   *
   * @param operation the AWS operation, such as {@code PutTargets}
   * @param message the message
   * @return a builder
   */
  static Builder builder(String operation, String message) {
    return new Builder(operation, message);
  }

  /**
   * Returns a builder carrying this exception's details with another message, for this module's
   * classes.
   *
   * @param message the new message
   * @return a builder
   */
  Builder withMessage(String message) {
    return new Builder(operation, message).errorCode(errorCode).statusCode(statusCode)
        .requestId(requestId).rule(rule).targetId(targetId);
  }

  /**
   * Returns the AWS operation that failed or found the problem.
   *
   * @return such as {@code PutTargets} or {@code GetMetricData}
   */
  public String operation() {
    return operation;
  }

  /**
   * Returns AWS's error code.
   *
   * @return such as {@code ConcurrentModificationException} or {@code ThrottlingException}, or empty
   *     when AWS did not answer with one
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /**
   * Returns the HTTP status of AWS's answer.
   *
   * @return the status, or empty when there was no answer or the failure was in an entry of a 200
   */
  public OptionalInt statusCode() {
    return statusCode == 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  /**
   * Returns AWS's request id.
   *
   * @return the id, or empty when there was none
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * Returns the rule concerned.
   *
   * @return the rule name, or empty
   */
  public Optional<String> rule() {
    return Optional.ofNullable(rule);
  }

  /**
   * Returns the target concerned.
   *
   * @return the target id, or empty
   */
  public Optional<String> targetId() {
    return Optional.ofNullable(targetId);
  }

  /** Builds an {@link AwsException}. Not thread-safe. */
  static final class Builder {
    private final String operation;
    private final String message;
    private String errorCode;
    private int statusCode;
    private String requestId;
    private String rule;
    private String targetId;

    private Builder(String operation, String message) {
      this.operation = Objects.requireNonNull(operation, "operation");
      this.message = Objects.requireNonNull(message, "message");
    }

    Builder errorCode(String code) {
      this.errorCode = code;
      return this;
    }

    Builder statusCode(int status) {
      this.statusCode = status;
      return this;
    }

    Builder requestId(String id) {
      this.requestId = id;
      return this;
    }

    Builder rule(String name) {
      this.rule = name;
      return this;
    }

    Builder targetId(String id) {
      this.targetId = id;
      return this;
    }

    AwsException build() {
      return new AwsException(this, null);
    }

    AwsException build(Throwable cause) {
      return new AwsException(this, cause);
    }
  }
}
