package io.github.eventretry.genesys.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.genesys.emulator.MetricsModel;
import io.github.eventretry.genesys.emulator.RecordedRequest;
import io.github.eventretry.genesys.emulator.Response;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The fake Genesys Cloud behind the emulator's transport: it routes a {@link RecordedRequest} to the
 * token endpoint ({@link OAuthClients}, which also keeps tokens and rate windows), the integration
 * store ({@link IntegrationStore}) or the tutorial's metrics query (a {@link MetricsModel}), and
 * answers with a {@link Response}, errors in Genesys's shapes ({@link ErrorBodies}). It knows nothing
 * of sockets.
 *
 * <p>With a domain (the emulator's TLS mode) it also checks the {@code Host} each request names, as
 * Genesys Cloud's two hosts do: the token endpoint answers on {@code login.<domain>} only, the API on
 * {@code api.<domain>} only.
 *
 * <p>Thread-safe.
 */
public final class FakeGenesys {
  private final OAuthClients oauth;
  private final IntegrationStore store;
  private final MetricsModel metrics;
  private final Optional<String> domain;

  /**
   * Makes the fake.
   *
   * @param clock token expiry, rate windows and {@code reportedState.lastUpdated}
   * @param tokenLifetime {@code expires_in} of issued tokens
   * @param requestsPerMinute per client, 0 for no limit
   * @param metrics answers the metrics query
   * @param clients OAuth client ids and secrets
   * @param integrationIds the pre-seeded EventBridge integrations
   * @param seed tokens and correlation ids
   * @param domain the TLS domain whose api. and login. hosts are checked, or empty
   */
  public FakeGenesys(Clock clock, Duration tokenLifetime, int requestsPerMinute, MetricsModel metrics,
      Map<String, String> clients, List<String> integrationIds, long seed, Optional<String> domain) {
    this.oauth = new OAuthClients(clock, tokenLifetime, requestsPerMinute, clients, seed);
    this.store = new IntegrationStore(clock, integrationIds);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.domain = Objects.requireNonNull(domain, "domain");
  }

  /**
   * Returns a new correlation id (a UUID from the seeded generator).
   *
   * @return the id
   */
  public String correlationId() {
    return oauth.correlationId();
  }

  /**
   * Returns every access token issued.
   *
   * @return a copy, oldest first
   */
  public List<String> issuedTokens() {
    return oauth.issuedTokens();
  }

  /** Makes every issued token invalid. */
  public void revokeTokens() {
    oauth.revokeTokens();
  }

  /**
   * Returns an integration's configuration.
   *
   * @param integrationId the integration
   * @return its {@code IntegrationConfiguration} as compact JSON text
   * @throws IllegalArgumentException if there is no such integration
   */
  public String configuration(String integrationId) {
    return store.configuration(integrationId);
  }

  /**
   * Changes a configuration as another writer would; the version is incremented.
   *
   * @param integrationId the integration
   * @param edit gets the configuration's JSON text, returns the new one
   * @return the new version
   * @throws IllegalArgumentException if there is no such integration, or the edit's answer is not a
   *     JSON object
   */
  public long editConfiguration(String integrationId, UnaryOperator<String> edit) {
    return store.edit(integrationId, edit);
  }

  /**
   * Answers a request as Genesys Cloud would.
   *
   * @param req the request
   * @param correlation the answer's correlation id, also the {@code contextId} of an error body
   * @return the answer
   */
  public Response answer(RecordedRequest req, String correlation) {
    Optional<String> misdirected = wrongHost(req);
    if (misdirected.isPresent()) {
      return ErrorBodies.error(404, "not.found", misdirected.get(), correlation);
    }
    if (req.isTokenRequest()) {
      return oauth.token(req, correlation);
    }
    String path = req.path();
    if (!path.startsWith(GenesysApi.API_PREFIX)) {
      return ErrorBodies.error(404, "not.found", "No resource at " + path, correlation);
    }
    Optional<Response> refused = oauth.admit(req, correlation);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (path.equals(GenesysApi.METRICS_PATH)) {
      return req.method().equals("POST") ? metrics(req, correlation) : notAllowed(req, correlation);
    }
    if (path.startsWith(GenesysApi.INTEGRATIONS)) {
      String[] parts = path.substring(GenesysApi.INTEGRATIONS.length()).split("/", -1);
      if (parts.length == 1 && !parts[0].isEmpty()) {
        return req.method().equals("GET") ? store.integration(parts[0], correlation)
            : notAllowed(req, correlation);
      }
      if (parts.length == 3 && parts[1].equals("config") && parts[2].equals("current")) {
        if (req.method().equals("GET")) {
          return store.config(parts[0], correlation);
        }
        if (req.method().equals("PUT")) {
          return store.putConfig(parts[0], req, correlation);
        }
        return notAllowed(req, correlation);
      }
    }
    return ErrorBodies.error(404, "not.found", "No resource at " + path, correlation);
  }

  /** In TLS mode, why the request's host does not serve its path. */
  private Optional<String> wrongHost(RecordedRequest req) {
    if (domain.isEmpty()) {
      return Optional.empty();
    }
    String host = req.header("Host").orElse("");
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) {
      host = host.substring(0, colon);
    }
    host = host.toLowerCase(Locale.ROOT);
    String login = "login." + domain.get();
    String api = "api." + domain.get();
    if (req.path().equals(GenesysApi.TOKEN_PATH) && !host.equals(login)) {
      return Optional.of("The token endpoint is served by " + login + ", not " + shown(host));
    }
    if (!req.path().equals(GenesysApi.TOKEN_PATH) && !host.equals(api)) {
      return Optional.of("No resource at " + req.path() + " on " + shown(host) + "; the API is served"
          + " by " + api);
    }
    return Optional.empty();
  }

  private static String shown(String host) {
    return host.isEmpty() ? "(no Host header)" : host.replaceAll("[^a-z0-9.:\\[\\]-]", "?");
  }

  private static Response notAllowed(RecordedRequest req, String correlation) {
    return ErrorBodies.error(405, "method.not.allowed",
        req.method() + " is not allowed on " + req.path(), correlation);
  }

  private Response metrics(RecordedRequest req, String correlation) {
    Optional<JsonNode> parsed = Json.parse(req.body());
    if (parsed.isEmpty()) {
      return ErrorBodies.error(400, "bad.request", "The request body is not valid JSON", correlation);
    }
    JsonNode q = parsed.get();
    String integrationId = null;
    for (JsonNode c : q.path("filter").path("clauses")) {
      if ("integrationId".equals(c.path("field").asText()) && c.path("value").isTextual()) {
        integrationId = c.path("value").textValue();
      }
    }
    if (integrationId == null) {
      return ErrorBodies.error(400, "bad.request",
          "filter must have an EQUALS clause on integrationId", correlation);
    }
    Instant from;
    Instant to;
    try {
      from = Instant.parse(q.path("date_from").asText());
      to = Instant.parse(q.path("date_to").asText());
    } catch (DateTimeParseException e) {
      return ErrorBodies.error(400, "bad.request", "date_from and date_to must be ISO-8601 instants",
          correlation);
    }
    if (!to.isAfter(from)) {
      return ErrorBodies.error(400, "bad.request", "date_to must be after date_from", correlation);
    }
    if (!store.has(integrationId)) {
      return IntegrationStore.notFound(integrationId, correlation);
    }
    MetricsModel.Sample sample = metrics.sample(
        new MetricsModel.Query(integrationId, from, to, store.applied(integrationId)));
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    ObjectNode e = b.putArray("entities").addObject();
    e.put("integrationId", integrationId);
    e.put("interval", from + "/" + to);
    e.put("deliveryCount", sample.deliveryCount());
    e.put("retryCount", sample.retryCount());
    e.put("successRate", sample.successRate());
    e.put("deliveryLatency", sample.deliveryLatencyMillis());
    return Response.json(200, Json.write(b));
  }
}
