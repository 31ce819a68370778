package io.github.eventretry.eventbridge.emulator.internal;

/**
 * An error answer of the emulated services, independent of the wire protocol: the HTTP status, the
 * error code a JSON or CBOR body carries in {@code __type}, the code the query protocol (and the
 * {@code x-amzn-query-error} header) carries, whether the sender or the service is at fault, and the
 * message.
 */
public final class AwsError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String queryCode;
  private final boolean senderFault;

  /**
   * Creates an error.
   *
   * @param status the HTTP status
   * @param code the error code in JSON and CBOR bodies, such as {@code ValidationException}
   * @param queryCode the query protocol's code, such as {@code InvalidParameterValue}
   * @param senderFault true for {@code Sender}, false for {@code Receiver}
   * @param message the message
   */
  public AwsError(int status, String code, String queryCode, boolean senderFault, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.queryCode = queryCode;
    this.senderFault = senderFault;
  }

  /**
   * An EventBridge error (the same code in every protocol).
   *
   * @param status the status
   * @param code the code
   * @param message the message
   * @return the error
   */
  public static AwsError events(int status, String code, String message) {
    return new AwsError(status, code, code, status < 500, message);
  }

  /**
   * EventBridge's {@code ValidationException}.
   *
   * @param message the message
   * @return the error
   */
  public static AwsError validation(String message) {
    return events(400, "ValidationException", message);
  }

  /**
   * A CloudWatch error whose modelled exception is {@code <queryCode>Exception}, such as
   * {@code InvalidParameterValue}.
   *
   * @param status the status
   * @param queryCode the query code
   * @param message the message
   * @return the error
   */
  public static AwsError cloudWatch(int status, String queryCode, String message) {
    return new AwsError(status, queryCode + "Exception", queryCode, status < 500, message);
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Returns the JSON and CBOR code.
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * Returns the query protocol's code.
   *
   * @return the code
   */
  public String queryCode() {
    return queryCode;
  }

  /**
   * Returns {@code Sender} or {@code Receiver}.
   *
   * @return the fault side
   */
  public String faultType() {
    return senderFault ? "Sender" : "Receiver";
  }
}
