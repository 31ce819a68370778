package io.github.eventretry.genesys;

/**
 * What is known about a failed call, already free of secrets; the fields of a
 * {@link GenesysApiException}. Nullable members mean "not known". Immutable.
 */
record ApiFailure(
    String operation,
    int status,
    String code,
    String message,
    String contextId,
    String correlationId,
    int attempts,
    String summary) {

  String describe() {
    StringBuilder b = new StringBuilder(operation).append(": ");
    if (status != 0) {
      b.append("HTTP ").append(status);
      if (code != null) {
        b.append(' ').append(code);
      }
      if (message != null) {
        b.append(": ").append(message);
      }
    } else {
      b.append(summary);
    }
    if (status != 0 && summary != null) {
      b.append(" (").append(summary).append(')');
    }
    b.append(" after ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
    if (contextId != null) {
      b.append(", contextId=").append(contextId);
    }
    if (correlationId != null) {
      b.append(", ININ-Correlation-ID=").append(correlationId);
    }
    return b.toString();
  }
}
