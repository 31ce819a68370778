package io.github.eventretry.genesys.internal;

import java.util.List;

/**
 * Genesys Cloud's wire vocabulary, written once for the client and the emulator: paths, headers, and
 * the members of OAuth answers and of error bodies. Constants only.
 */
public final class GenesysApi {
  private GenesysApi() {}

  /** The OAuth token path on the login host. */
  public static final String TOKEN_PATH = "/oauth/token";
  /** The form body of a client-credentials grant. */
  public static final String CLIENT_CREDENTIALS_GRANT = "grant_type=client_credentials";
  /** The prefix every API path has. */
  public static final String API_PREFIX = "/api/v2/";
  /** The integrations collection, with its trailing slash. */
  public static final String INTEGRATIONS = "/api/v2/integrations/";
  /** What follows an integration's id in its configuration's path. */
  public static final String CONFIG_CURRENT = "/config/current";
  /** The tutorial's metrics query (not in Genesys Cloud's published API). */
  public static final String METRICS_PATH = "/api/v2/analytics/events/summary/query";

  /** The response header every Genesys Cloud answer carries. */
  public static final String CORRELATION_HEADER = "ININ-Correlation-ID";
  /** The 429 header, in whole seconds. */
  public static final String RETRY_AFTER_HEADER = "Retry-After";
  /** The User-Agent the client sends. */
  public static final String USER_AGENT = "eventretry-genesys-client";

  /** OAuth answer: the token. */
  public static final String ACCESS_TOKEN = "access_token";
  /** OAuth answer: {@code bearer}. */
  public static final String TOKEN_TYPE = "token_type";
  /** OAuth answer: the token's lifetime in seconds. */
  public static final String EXPIRES_IN = "expires_in";
  /** OAuth error: the error code, such as {@code invalid_client}. */
  public static final String OAUTH_ERROR = "error";
  /** OAuth error: the description (OAuth 2's member). */
  public static final String OAUTH_ERROR_DESCRIPTION = "error_description";
  /** OAuth error: the description (Genesys's own duplicate member). */
  public static final String OAUTH_DESCRIPTION = "description";

  /** Error body: the message. */
  public static final String MESSAGE = "message";
  /** Error body: the code, such as {@code not.found}. */
  public static final String CODE = "code";
  /** Error body: the HTTP status. */
  public static final String STATUS = "status";
  /** Error body: the message parameters object. */
  public static final String MESSAGE_PARAMS = "messageParams";
  /** Error body: the context id (the correlation id of the answer). */
  public static final String CONTEXT_ID = "contextId";
  /** Error body: the details array. */
  public static final String DETAILS = "details";
  /** Error body: the nested errors array. */
  public static final String ERRORS = "errors";
  /** The members of an error body, in the order Genesys writes them. */
  public static final List<String> ERROR_BODY_MEMBERS =
      List.of(MESSAGE, CODE, STATUS, MESSAGE_PARAMS, CONTEXT_ID, DETAILS, ERRORS);

  /** The 429 code since 2021-11-10. */
  public static final String TOO_MANY_REQUESTS = "too.many.requests.retry.after";
  /** A configuration's version member. */
  public static final String VERSION = "version";
  /** A configuration's advanced member. */
  public static final String ADVANCED = "advanced";
  /** A configuration's properties member. */
  public static final String PROPERTIES = "properties";

  /**
   * Returns the path of an integration.
   *
   * @param encodedId the id, already percent-encoded as one path segment
   * @return {@code /api/v2/integrations/{id}}
   */
  public static String integrationPath(String encodedId) {
    return INTEGRATIONS + encodedId;
  }

  /**
   * Returns the path of an integration's configuration.
   *
   * @param encodedId the id, already percent-encoded as one path segment
   * @return {@code /api/v2/integrations/{id}/config/current}
   */
  public static String configPath(String encodedId) {
    return INTEGRATIONS + encodedId + CONFIG_CURRENT;
  }

  /**
   * Returns Genesys's 429 message.
   *
   * @param seconds the Retry-After seconds
   * @return {@code Rate limit exceeded the maximum. Retry the request in [N] seconds}
   */
  public static String tooManyRequestsMessage(long seconds) {
    return "Rate limit exceeded the maximum. Retry the request in [" + seconds + "] seconds";
  }
}
