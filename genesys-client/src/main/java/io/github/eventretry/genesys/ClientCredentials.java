package io.github.eventretry.genesys;

import java.util.Objects;

/**
 * An OAuth client's id and secret for Genesys Cloud's client-credentials grant. The secret never
 * appears in {@link #toString()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param clientId the OAuth client id
 * @param clientSecret the OAuth client secret
 */
public record ClientCredentials(String clientId, String clientSecret) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if either is null
   * @throws IllegalArgumentException if either is blank, or the id contains a colon (it could not be
   *     sent in HTTP Basic authentication)
   */
  public ClientCredentials {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    if (clientId.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "clientId must not contain ':' (rejected: " + clientId + ")");
    }
    if (clientSecret.isBlank()) {
      throw new IllegalArgumentException("clientSecret must not be blank");
    }
  }

  /**
   * Returns the client id with the secret masked.
   *
   * @return such as {@code ClientCredentials[clientId=abc, clientSecret=****]}
   */
  @Override
  public String toString() {
    return "ClientCredentials[clientId=" + clientId + ", clientSecret=****]";
  }
}
