package io.github.eventretry.genesys.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.core.payload.GenesysPayloads;
import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.emulator.MetricsModel;
import io.github.eventretry.genesys.emulator.RecordedRequest;
import io.github.eventretry.genesys.emulator.Response;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The fake Genesys Cloud behind the emulator's transport: routes, OAuth client credentials, tokens and
 * their expiry, per-client rate windows, the integration store with configuration versions, the
 * tutorial's metrics query, and Genesys's error bodies. Knows nothing of sockets: it turns a
 * {@link RecordedRequest} into a {@link Response}.
 *
 * <p>With a domain (the emulator's TLS mode) it also checks the {@code Host} each request names, as
 * Genesys Cloud's two hosts do: the token endpoint answers on {@code login.<domain>} only, the API on
 * {@code api.<domain>} only.
 *
 * <p>Thread-safe: every piece of state is guarded by one lock.
 */
public final class FakeGenesys {
  private static final String INTEGRATIONS = GenesysApi.INTEGRATIONS;

  private final Clock clock;
  private final Duration tokenLifetime;
  private final int requestsPerMinute;
  private final MetricsModel metrics;
  private final Map<String, String> clients;
  private final Optional<String> domain;
  private final Object lock = new Object();
  private final SplittableRandom random;
  private final Map<String, Issued> tokens = new HashMap<>();
  private final List<String> issuedTokens = new ArrayList<>();
  private final Map<String, Window> apiWindows = new HashMap<>();
  private final Map<String, Window> tokenWindows = new HashMap<>();
  private final Map<String, ObjectNode> integrations = new LinkedHashMap<>();

  /**
   * Makes the fake.
   *
   * @param clock token expiry and rate windows
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
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    this.requestsPerMinute = requestsPerMinute;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clients = Map.copyOf(clients);
    this.domain = Objects.requireNonNull(domain, "domain");
    this.random = new SplittableRandom(seed);
    for (String id : integrationIds) {
      integrations.put(id, seeded(id));
    }
  }

  /**
   * Returns a new correlation id (a UUID from the seeded generator).
   *
   * @return such as {@code 0f8a...-4...-8...}
   */
  public String correlationId() {
    synchronized (lock) {
      return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
          random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }
  }

  /**
   * Returns every access token issued.
   *
   * @return a copy, oldest first
   */
  public List<String> issuedTokens() {
    synchronized (lock) {
      return List.copyOf(issuedTokens);
    }
  }

  /** Makes every issued token invalid. */
  public void revokeTokens() {
    synchronized (lock) {
      tokens.clear();
    }
  }

  /**
   * Returns an integration's configuration.
   *
   * @param integrationId the integration
   * @return its {@code IntegrationConfiguration} as compact JSON text
   * @throws IllegalArgumentException if there is no such integration
   */
  public String configuration(String integrationId) {
    synchronized (lock) {
      return Json.write(stored(integrationId));
    }
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
    Objects.requireNonNull(edit, "edit");
    synchronized (lock) {
      ObjectNode current = stored(integrationId);
      String next = Objects.requireNonNull(edit.apply(Json.write(current)), "edited configuration");
      return store(integrationId, current, Json.object(next, "the edited configuration"));
    }
  }

  /**
   * Returns the error body and headers a fault stands for, or empty for faults that are not an
   * answer ({@link Fault.DropConnection}, {@link Fault.Delay}).
   *
   * @param fault the fault
   * @param correlation the answer's correlation id
   * @return the response to send
   */
  public static Optional<Response> answerOf(Fault fault, String correlation) {
    if (fault instanceof Fault.Respond r) {
      return Optional.of(Response.json(r.status(), r.body()));
    } else if (fault instanceof Fault.Error e) {
      return Optional.of(error(e.status(), e.code(), e.message(), correlation));
    } else if (fault instanceof Fault.RetryAfter r) {
      return Optional.of(tooMany(r.seconds(), correlation));
    } else if (fault instanceof Fault.MalformedBody m) {
      return Optional.of(Response.json(m.status(), "{\"entities\": [{\"integrationId\": "));
    }
    return Optional.empty();
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
      return error(404, "not.found", misdirected.get(), correlation);
    }
    if (req.isTokenRequest()) {
      return token(req, correlation);
    }
    if (!req.path().startsWith(GenesysApi.API_PREFIX)) {
      return error(404, "not.found", "No resource at " + req.path(), correlation);
    }
    String client;
    synchronized (lock) {
      client = authenticate(req);
      if (client == null) {
        return error(401, "bad.credentials", "Invalid login credentials.", correlation);
      }
      Optional<Long> wait = limit(apiWindows, client);
      if (wait.isPresent()) {
        return tooMany(wait.get(), correlation);
      }
    }
    String path = req.path();
    if (path.equals(GenesysApi.METRICS_PATH)) {
      return req.method().equals("POST") ? metrics(req, correlation) : notAllowed(req, correlation);
    }
    if (path.startsWith(INTEGRATIONS)) {
      String[] parts = path.substring(INTEGRATIONS.length()).split("/", -1);
      if (parts.length == 1 && !parts[0].isEmpty()) {
        return req.method().equals("GET") ? integration(parts[0], correlation)
            : notAllowed(req, correlation);
      }
      if (parts.length == 3 && parts[1].equals("config") && parts[2].equals("current")) {
        if (req.method().equals("GET")) {
          return config(parts[0], correlation);
        }
        if (req.method().equals("PUT")) {
          return putConfig(parts[0], req, correlation);
        }
        return notAllowed(req, correlation);
      }
    }
    return error(404, "not.found", "No resource at " + path, correlation);
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
      return Optional.of("The token endpoint is served by " + login + ", not " + safe(host));
    }
    if (!req.path().equals(GenesysApi.TOKEN_PATH) && !host.equals(api)) {
      return Optional.of("No resource at " + req.path() + " on " + safe(host) + "; the API is served"
          + " by " + api);
    }
    return Optional.empty();
  }

  private static String safe(String host) {
    return host.isEmpty() ? "(no Host header)" : host.replaceAll("[^a-z0-9.:\\[\\]-]", "?");
  }

  private ObjectNode stored(String integrationId) {
    ObjectNode s = integrations.get(Objects.requireNonNull(integrationId, "integrationId"));
    if (s == null) {
      throw new IllegalArgumentException("no integration " + integrationId + "; the emulator has "
          + integrations.keySet());
    }
    return s;
  }

  private long store(String id, ObjectNode current, ObjectNode next) {
    long version = current.path(GenesysApi.VERSION).longValue() + 1;
    next.put("id", id);
    next.put(GenesysApi.VERSION, version);
    next.put("selfUri", GenesysApi.configPath(id));
    integrations.put(id, next);
    return version;
  }

  private static ObjectNode seeded(String id) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("id", id);
    c.put("name", "Amazon EventBridge");
    c.put(GenesysApi.VERSION, 1);
    ObjectNode p = c.putObject(GenesysApi.PROPERTIES);
    p.put("awsAccountId", "123456789012");
    p.put("awsAccountRegion", "us-east-1");
    p.put("eventSourceSuffix", "eventretry-demo");
    p.putArray("eventFilter")
        .add("v2.detail.events.conversation.{id}.customer.end")
        .add("v2.audits.entitytype.{id}.entityid.{id}");
    c.putObject(GenesysApi.ADVANCED);
    c.put("notes", "Sends conversation and audit events to the partner event bus");
    c.putObject("credentials");
    c.put("selfUri", GenesysApi.configPath(id));
    return c;
  }

  /**
   * Returns a Genesys error answer.
   *
   * @param status the status
   * @param code the code
   * @param message the message
   * @param correlation the context id
   * @return {@code {message, code, status, messageParams, contextId, details, errors}}
   */
  public static Response error(int status, String code, String message, String correlation) {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    b.put(GenesysApi.MESSAGE, message);
    b.put(GenesysApi.CODE, code);
    b.put(GenesysApi.STATUS, status);
    b.putObject(GenesysApi.MESSAGE_PARAMS);
    b.put(GenesysApi.CONTEXT_ID, correlation);
    b.putArray(GenesysApi.DETAILS);
    b.putArray(GenesysApi.ERRORS);
    return Response.json(status, Json.write(b));
  }

  private static Response tooMany(long seconds, String correlation) {
    return error(429, GenesysApi.TOO_MANY_REQUESTS, GenesysApi.tooManyRequestsMessage(seconds),
        correlation).withHeader(GenesysApi.RETRY_AFTER_HEADER, Long.toString(seconds));
  }

  private static Response notAllowed(RecordedRequest req, String correlation) {
    return error(405, "method.not.allowed", req.method() + " is not allowed on " + req.path(),
        correlation);
  }

  private Response token(RecordedRequest req, String correlation) {
    Optional<String> basic = req.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6))
        .map(h -> h.substring(6).strip());
    String id = null;
    String secret = null;
    if (basic.isPresent()) {
      try {
        String pair = new String(Base64.getDecoder().decode(basic.get()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon > 0) {
          id = pair.substring(0, colon);
          secret = pair.substring(colon + 1);
        }
      } catch (IllegalArgumentException e) {
        id = null;
      }
    }
    if (id == null) {
      return oauthError(401, "invalid_client", "client credentials are required");
    }
    String known = clients.get(id);
    if (known == null) {
      return oauthError(401, "invalid_client", "client not found");
    }
    if (!known.equals(secret)) {
      return oauthError(401, "invalid_client", "authentication failed");
    }
    if (!req.body().strip().equals(GenesysApi.CLIENT_CREDENTIALS_GRANT)) {
      return oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
    }
    synchronized (lock) {
      Optional<Long> wait = limit(tokenWindows, id);
      if (wait.isPresent()) {
        return tooMany(wait.get(), correlation);
      }
      String value = "emu-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
      tokens.put(value, new Issued(id, clock.instant().plus(tokenLifetime)));
      issuedTokens.add(value);
      ObjectNode b = JsonNodeFactory.instance.objectNode();
      b.put(GenesysApi.ACCESS_TOKEN, value);
      b.put(GenesysApi.TOKEN_TYPE, "bearer");
      b.put(GenesysApi.EXPIRES_IN, tokenLifetime.toSeconds());
      return Response.json(200, Json.write(b));
    }
  }

  private static Response oauthError(int status, String error, String description) {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    b.put(GenesysApi.OAUTH_ERROR, error);
    b.put(GenesysApi.OAUTH_DESCRIPTION, description);
    b.put(GenesysApi.OAUTH_ERROR_DESCRIPTION, description);
    return Response.json(status, Json.write(b));
  }

  /** Returns the client of a valid bearer token, or null. Holds the lock. */
  private String authenticate(RecordedRequest req) {
    Optional<String> bearer = req.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).strip());
    if (bearer.isEmpty()) {
      return null;
    }
    Issued t = tokens.get(bearer.get());
    if (t == null || !clock.instant().isBefore(t.expiresAt)) {
      return null;
    }
    return t.clientId;
  }

  /** Counts a request in its client's window; returns the Retry-After seconds when over. Holds the lock. */
  private Optional<Long> limit(Map<String, Window> windows, String client) {
    if (requestsPerMinute == 0) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Window w = windows.get(client);
    if (w == null || !now.isBefore(w.start.plusSeconds(60))) {
      w = new Window(now);
      windows.put(client, w);
    }
    if (w.count < requestsPerMinute) {
      w.count++;
      return Optional.empty();
    }
    long ms = Duration.between(now, w.start.plusSeconds(60)).toMillis();
    return Optional.of(Math.max(1, (ms + 999) / 1000));
  }

  private Response integration(String id, String correlation) {
    synchronized (lock) {
      ObjectNode s = integrations.get(id);
      if (s == null) {
        return notFound(id, correlation);
      }
      ObjectNode i = JsonNodeFactory.instance.objectNode();
      i.put("id", id);
      i.put("name", s.path("name").asText("Amazon EventBridge"));
      ObjectNode type = i.putObject("integrationType");
      type.put("id", "amazon-eventbridge-source");
      type.put("name", "Amazon EventBridge Source");
      type.put("selfUri", "/api/v2/integrations/types/amazon-eventbridge-source");
      i.put("notes", s.path("notes").asText(""));
      i.put("intendedState", "ENABLED");
      ObjectNode current = i.putObject("config").putObject("current");
      current.put("id", id);
      current.put("name", s.path("name").asText(""));
      current.put(GenesysApi.VERSION, s.path(GenesysApi.VERSION).longValue());
      current.put("selfUri", GenesysApi.configPath(id));
      ObjectNode state = i.putObject("reportedState");
      state.put("code", "ACTIVE");
      state.put("effective", "Integration is active");
      state.putObject("detail");
      state.put("lastUpdated", clock.instant().toString());
      i.putObject("attributes");
      i.put("selfUri", INTEGRATIONS + id);
      return Response.json(200, Json.write(i));
    }
  }

  private Response config(String id, String correlation) {
    synchronized (lock) {
      ObjectNode s = integrations.get(id);
      return s == null ? notFound(id, correlation) : Response.json(200, Json.write(s));
    }
  }

  private Response putConfig(String id, RecordedRequest req, String correlation) {
    Optional<JsonNode> parsed = Json.parse(req.body());
    if (parsed.isEmpty()) {
      return error(400, "bad.request", "The request body is not valid JSON", correlation);
    }
    JsonNode body = parsed.get();
    if (!body.isObject()) {
      return error(400, "bad.request", "The request body must be an IntegrationConfiguration",
          correlation);
    }
    JsonNode version = body.path(GenesysApi.VERSION);
    if (!version.isIntegralNumber()) {
      return error(400, "bad.request", "Version number required for updates", correlation);
    }
    for (String member : List.of(GenesysApi.PROPERTIES, GenesysApi.ADVANCED, "credentials")) {
      JsonNode m = body.get(member);
      if (m != null && !m.isObject() && !m.isNull()) {
        return error(400, "bad.request", member + " must be an object", correlation);
      }
    }
    synchronized (lock) {
      ObjectNode s = integrations.get(id);
      if (s == null) {
        return notFound(id, correlation);
      }
      long current = s.path(GenesysApi.VERSION).longValue();
      if (version.longValue() != current) {
        return error(409, "conflict", "The version " + version.longValue()
            + " does not match the current version " + current + " of the configuration", correlation);
      }
      store(id, s, ((ObjectNode) body).deepCopy());
      return Response.json(200, Json.write(integrations.get(id)));
    }
  }

  private static Response notFound(String id, String correlation) {
    return error(404, "not.found", "Integration " + id + " not found", correlation);
  }

  private Response metrics(RecordedRequest req, String correlation) {
    Optional<JsonNode> parsed = Json.parse(req.body());
    if (parsed.isEmpty()) {
      return error(400, "bad.request", "The request body is not valid JSON", correlation);
    }
    JsonNode q = parsed.get();
    String integrationId = null;
    for (JsonNode c : q.path("filter").path("clauses")) {
      if ("integrationId".equals(c.path("field").asText()) && c.path("value").isTextual()) {
        integrationId = c.path("value").textValue();
      }
    }
    if (integrationId == null) {
      return error(400, "bad.request", "filter must have an EQUALS clause on integrationId",
          correlation);
    }
    Instant from;
    Instant to;
    try {
      from = Instant.parse(q.path("date_from").asText());
      to = Instant.parse(q.path("date_to").asText());
    } catch (DateTimeParseException e) {
      return error(400, "bad.request", "date_from and date_to must be ISO-8601 instants", correlation);
    }
    if (!to.isAfter(from)) {
      return error(400, "bad.request", "date_to must be after date_from", correlation);
    }
    Optional<AppliedPolicy> applied;
    synchronized (lock) {
      ObjectNode s = integrations.get(integrationId);
      if (s == null) {
        return notFound(integrationId, correlation);
      }
      try {
        applied = GenesysPayloads.readApplied(s);
      } catch (RuntimeException e) {
        applied = Optional.empty();
      }
    }
    MetricsModel.Sample sample = metrics.sample(new MetricsModel.Query(integrationId, from, to, applied));
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

  private record Issued(String clientId, Instant expiresAt) {}

  private static final class Window {
    final Instant start;
    int count;

    Window(Instant start) {
      this.start = start;
    }
  }
}
