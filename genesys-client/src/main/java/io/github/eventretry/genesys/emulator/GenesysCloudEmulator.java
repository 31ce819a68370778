package io.github.eventretry.genesys.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.core.json.GenesysTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Genesys Cloud on the loopback interface, in memory, for tests and credential-free runs. Built like
 * OkHttp's MockWebServer: start it, point a client at {@link #baseUri()}, script {@link Fault faults}
 * with {@link #enqueue} or a {@link Dispatcher}, and assert on {@link #takeRequest()}.
 *
 * <p>What it serves, with Genesys Cloud's shapes:
 * <ul>
 *   <li>{@code POST /oauth/token}: client credentials in HTTP Basic, form body
 *       {@code grant_type=client_credentials}; answers {@code {access_token, token_type, expires_in}},
 *       or 401 {@code {"error":"invalid_client", ...}} for a wrong id or secret.
 *   <li>{@code GET /api/v2/integrations/{id}}: an {@code amazon-eventbridge-source} integration.
 *   <li>{@code GET} and {@code PUT /api/v2/integrations/{id}/config/current}: the configuration, with
 *       {@code properties} {@code awsAccountId}, {@code awsAccountRegion}, {@code eventSourceSuffix},
 *       {@code eventFilter}; a {@code PUT} must carry the current {@code version} (else 409) and
 *       increments it.
 *   <li>{@code POST /api/v2/analytics/events/summary/query}: the tutorial's metrics query (not a
 *       published Genesys Cloud API), answered by a {@link MetricsModel}.
 * </ul>
 * Every answer carries an {@code ININ-Correlation-ID}; errors have Genesys's body
 * {@code {message, code, status, messageParams, contextId, details, errors}}. API calls need a valid,
 * unexpired bearer token (else 401 {@code bad.credentials}) and are limited per OAuth client per minute
 * (else 429 with {@code Retry-After}).
 *
 * <p>Listens on 127.0.0.1 only. Thread-safe. Close it to stop.
 */
public final class GenesysCloudEmulator implements AutoCloseable {
  /** The OAuth client id registered when none is given. */
  public static final String DEFAULT_CLIENT_ID = "eventretry-emulator";
  /** The secret of {@link #DEFAULT_CLIENT_ID}. Not a secret: the emulator serves loopback only. */
  public static final String DEFAULT_CLIENT_SECRET = "emulator-secret";
  /** The id of the pre-seeded EventBridge integration when none is given. */
  public static final String DEFAULT_INTEGRATION_ID = "5f2e1a0c-6d1b-4b8e-9c3a-2a7f0e4b9d11";
  /** Genesys Cloud's token lifetime for a client-credentials grant: 86399 s. */
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(86_399);
  /** Genesys Cloud's API rate limit per token: 300 requests per minute. */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 300;

  private static final Logger LOG = LoggerFactory.getLogger(GenesysCloudEmulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String METRICS_PATH = "/api/v2/analytics/events/summary/query";
  private static final String INTEGRATIONS = "/api/v2/integrations/";

  private final HttpServer server;
  private final ExecutorService workers;
  private final Clock clock;
  private final Duration tokenLifetime;
  private final int requestsPerMinute;
  private final MetricsModel metrics;
  private final Map<String, String> clients;
  private final Object lock = new Object();
  private final SplittableRandom random;
  private final Map<String, Issued> tokens = new HashMap<>();
  private final List<String> issuedTokens = new ArrayList<>();
  private final Map<String, Window> apiWindows = new HashMap<>();
  private final Map<String, Window> tokenWindows = new HashMap<>();
  private final Map<String, Stored> integrations = new LinkedHashMap<>();
  private final Deque<Fault> apiFaults = new ArrayDeque<>();
  private final Deque<Fault> tokenFaults = new ArrayDeque<>();
  private volatile Dispatcher dispatcher = r -> Optional.empty();
  private final LinkedBlockingQueue<RecordedRequest> unread = new LinkedBlockingQueue<>();
  private final List<RecordedRequest> all = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger tokenRequests = new AtomicInteger();

  private GenesysCloudEmulator(Builder b) throws IOException {
    this.clock = b.clock;
    this.tokenLifetime = b.tokenLifetime;
    this.requestsPerMinute = b.requestsPerMinute;
    this.metrics = b.metrics;
    this.clients = b.clients.isEmpty()
        ? Map.of(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)
        : Map.copyOf(b.clients);
    this.random = new SplittableRandom(b.seed);
    for (String id : b.integrationIds.isEmpty() ? List.of(DEFAULT_INTEGRATION_ID) : b.integrationIds) {
      integrations.put(id, seeded(id));
    }
    this.workers = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "genesys-emulator");
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), b.port), 128);
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    LOG.debug("Genesys Cloud emulator listening on {}", baseUri());
  }

  /**
   * Starts an emulator with the defaults: an ephemeral port, client {@link #DEFAULT_CLIENT_ID}, one
   * integration {@link #DEFAULT_INTEGRATION_ID}.
   *
   * @return the running emulator
   * @throws IOException if it cannot listen
   */
  public static GenesysCloudEmulator start() throws IOException {
    return builder().start();
  }

  /**
   * Returns a new builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the base URI to give a client.
   *
   * @return {@code http://127.0.0.1:<port>}
   */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * Returns the port.
   *
   * @return the port listened on
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Queues a fault for the next API request (any path but {@code /oauth/token}).
   *
   * @param fault the fault
   */
  public void enqueue(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    synchronized (lock) {
      apiFaults.addLast(fault);
    }
  }

  /**
   * Queues a fault for the next token request ({@code POST /oauth/token}).
   *
   * @param fault the fault
   */
  public void enqueueToken(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    synchronized (lock) {
      tokenFaults.addLast(fault);
    }
  }

  /**
   * Sets the dispatcher asked for every request once the queues are empty.
   *
   * @param dispatcher the dispatcher
   */
  public void dispatcher(Dispatcher dispatcher) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  /**
   * Returns the oldest request not yet taken, waiting up to 10 s for one.
   *
   * @return the request
   * @throws IllegalStateException if none arrived in 10 s
   * @throws InterruptedException if interrupted while waiting
   */
  public RecordedRequest takeRequest() throws InterruptedException {
    return takeRequest(Duration.ofSeconds(10))
        .orElseThrow(() -> new IllegalStateException("no request arrived within 10 s"));
  }

  /**
   * Returns the oldest request not yet taken, waiting up to a timeout.
   *
   * @param timeout how long to wait
   * @return the request, or empty if none arrived in time
   * @throws InterruptedException if interrupted while waiting
   */
  public Optional<RecordedRequest> takeRequest(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(unread.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
  }

  /**
   * Returns every request received so far, taken or not, in order of arrival.
   *
   * @return a copy
   */
  public List<RecordedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(all);
    }
  }

  /**
   * Returns how many requests were received.
   *
   * @return the count
   */
  public int requestCount() {
    return (int) sequence.get();
  }

  /**
   * Returns how many token requests were received.
   *
   * @return the count
   */
  public int tokenRequestCount() {
    return tokenRequests.get();
  }

  /**
   * Returns every access token issued, for tests that check they never leak.
   *
   * @return a copy
   */
  public List<String> issuedTokens() {
    synchronized (lock) {
      return List.copyOf(issuedTokens);
    }
  }

  /** Makes every issued token invalid, as if revoked: the next API call gets 401. */
  public void revokeTokens() {
    synchronized (lock) {
      tokens.clear();
    }
  }

  /**
   * Returns an integration's current configuration.
   *
   * @param integrationId the integration
   * @return a copy of the {@code IntegrationConfiguration}
   * @throws IllegalArgumentException if there is no such integration
   */
  public ObjectNode configuration(String integrationId) {
    synchronized (lock) {
      return stored(integrationId).config.deepCopy();
    }
  }

  /**
   * Changes an integration's configuration as another writer would: the function gets a copy of the
   * configuration, its answer is stored with the version incremented.
   *
   * @param integrationId the integration
   * @param edit the change
   * @return the new version
   * @throws IllegalArgumentException if there is no such integration
   */
  public long editConfiguration(String integrationId, UnaryOperator<ObjectNode> edit) {
    synchronized (lock) {
      Stored s = stored(integrationId);
      ObjectNode next = Objects.requireNonNull(edit.apply(s.config.deepCopy()), "edited configuration");
      return store(integrationId, s, next);
    }
  }

  /** Stops listening and ends the worker threads. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------

  private Stored stored(String integrationId) {
    Stored s = integrations.get(Objects.requireNonNull(integrationId, "integrationId"));
    if (s == null) {
      throw new IllegalArgumentException("no integration " + integrationId + "; the emulator has "
          + integrations.keySet());
    }
    return s;
  }

  private long store(String id, Stored s, ObjectNode next) {
    long version = s.config.path("version").longValue() + 1;
    next.put("id", id);
    next.put("version", version);
    next.put("selfUri", INTEGRATIONS + id + "/config/current");
    s.config = next;
    return version;
  }

  private static Stored seeded(String id) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("id", id);
    c.put("name", "Amazon EventBridge");
    c.put("version", 1);
    ObjectNode p = c.putObject("properties");
    p.put("awsAccountId", "123456789012");
    p.put("awsAccountRegion", "us-east-1");
    p.put("eventSourceSuffix", "eventretry-demo");
    p.putArray("eventFilter")
        .add("v2.detail.events.conversation.{id}.customer.end")
        .add("v2.audits.entitytype.{id}.entityid.{id}");
    c.putObject("advanced");
    c.put("notes", "Sends conversation and audit events to the partner event bus");
    c.putObject("credentials");
    c.put("selfUri", INTEGRATIONS + id + "/config/current");
    return new Stored(c);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] raw;
      try (InputStream in = ex.getRequestBody()) {
        raw = in.readAllBytes();
      }
      URI uri = ex.getRequestURI();
      RecordedRequest req = new RecordedRequest(sequence.incrementAndGet(), ex.getRequestMethod(),
          uri.getPath(), Optional.ofNullable(uri.getRawQuery()), ex.getRequestHeaders(),
          new String(raw, StandardCharsets.UTF_8));
      Fault fault;
      synchronized (lock) {
        all.add(req);
        fault = req.isTokenRequest() ? tokenFaults.pollFirst() : apiFaults.pollFirst();
      }
      unread.add(req);
      if (req.isTokenRequest()) {
        tokenRequests.incrementAndGet();
      }
      if (fault == null) {
        fault = dispatcher.dispatch(req).orElse(null);
      }
      String correlation = uuid();
      ex.getResponseHeaders().set("ININ-Correlation-ID", correlation);
      if (fault != null && !(fault instanceof Fault.Delay)) {
        play(ex, fault, correlation);
        return;
      }
      if (fault instanceof Fault.Delay d) {
        try {
          Thread.sleep(d.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Answer a = answer(req, correlation);
      send(ex, a.status, a.body, a.headers);
    } catch (IOException | RuntimeException e) {
      LOG.debug("emulator could not answer {} {}: {}", ex.getRequestMethod(),
          ex.getRequestURI().getPath(), e.toString());
      throw e;
    }
  }

  private void play(HttpExchange ex, Fault fault, String correlation) throws IOException {
    if (fault instanceof Fault.Respond r) {
      send(ex, r.status(), r.body(), Map.of());
    } else if (fault instanceof Fault.Error e) {
      send(ex, e.status(), errorBody(e.status(), e.code(), e.message(), correlation), Map.of());
    } else if (fault instanceof Fault.RetryAfter r) {
      send(ex, 429, tooMany(r.seconds(), correlation), Map.of("Retry-After", Long.toString(r.seconds())));
    } else if (fault instanceof Fault.MalformedBody m) {
      send(ex, m.status(), "{\"entities\": [{\"integrationId\": ", Map.of());
    } else if (fault instanceof Fault.DropConnection) {
      // Closing the exchange before any header is sent closes the connection: the client reads EOF.
      ex.close();
    }
  }

  private static void send(HttpExchange ex, int status, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (bytes.length == 0) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private record Answer(int status, String body, Map<String, String> headers) {
    static Answer of(int status, JsonNode body) {
      return new Answer(status, body.toString(), Map.of());
    }
  }

  private Answer error(int status, String code, String message, String correlation) {
    return new Answer(status, errorBody(status, code, message, correlation), Map.of());
  }

  private static String errorBody(int status, String code, String message, String correlation) {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    b.put("message", message);
    b.put("code", code);
    b.put("status", status);
    b.putObject("messageParams");
    b.put("contextId", correlation);
    b.putArray("details");
    b.putArray("errors");
    return b.toString();
  }

  private static String tooMany(long seconds, String correlation) {
    return errorBody(429, "too.many.requests.retry.after",
        "Rate limit exceeded the maximum. Retry the request in [" + seconds + "] seconds", correlation);
  }

  private Answer answer(RecordedRequest req, String correlation) {
    if (req.isTokenRequest()) {
      return token(req, correlation);
    }
    if (!req.path().startsWith("/api/v2/")) {
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
        return new Answer(429, tooMany(wait.get(), correlation),
            Map.of("Retry-After", Long.toString(wait.get())));
      }
    }
    String path = req.path();
    if (path.equals(METRICS_PATH)) {
      return req.method().equals("POST") ? metrics(req, correlation) : notAllowed(req, correlation);
    }
    if (path.startsWith(INTEGRATIONS)) {
      String rest = path.substring(INTEGRATIONS.length());
      String[] parts = rest.split("/", -1);
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

  private Answer notAllowed(RecordedRequest req, String correlation) {
    return error(405, "method.not.allowed", req.method() + " is not allowed on " + req.path(),
        correlation);
  }

  private Answer token(RecordedRequest req, String correlation) {
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
    if (!req.body().strip().equals("grant_type=client_credentials")) {
      return oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
    }
    synchronized (lock) {
      Optional<Long> wait = limit(tokenWindows, id);
      if (wait.isPresent()) {
        return new Answer(429, tooMany(wait.get(), correlation),
            Map.of("Retry-After", Long.toString(wait.get())));
      }
      String value = "emu-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
      tokens.put(value, new Issued(id, clock.instant().plus(tokenLifetime)));
      issuedTokens.add(value);
      ObjectNode b = JsonNodeFactory.instance.objectNode();
      b.put("access_token", value);
      b.put("token_type", "bearer");
      b.put("expires_in", tokenLifetime.toSeconds());
      return Answer.of(200, b);
    }
  }

  private static Answer oauthError(int status, String error, String description) {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    b.put("error", error);
    b.put("description", description);
    b.put("error_description", description);
    return Answer.of(status, b);
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

  private Answer integration(String id, String correlation) {
    synchronized (lock) {
      Stored s = integrations.get(id);
      if (s == null) {
        return notFound(id, correlation);
      }
      ObjectNode i = JsonNodeFactory.instance.objectNode();
      i.put("id", id);
      i.put("name", s.config.path("name").asText("Amazon EventBridge"));
      ObjectNode type = i.putObject("integrationType");
      type.put("id", "amazon-eventbridge-source");
      type.put("name", "Amazon EventBridge Source");
      type.put("selfUri", "/api/v2/integrations/types/amazon-eventbridge-source");
      i.put("notes", s.config.path("notes").asText(""));
      i.put("intendedState", "ENABLED");
      ObjectNode current = i.putObject("config").putObject("current");
      current.put("id", id);
      current.put("name", s.config.path("name").asText(""));
      current.put("version", s.config.path("version").longValue());
      current.put("selfUri", INTEGRATIONS + id + "/config/current");
      ObjectNode state = i.putObject("reportedState");
      state.put("code", "ACTIVE");
      state.put("effective", "Integration is active");
      state.putObject("detail");
      state.put("lastUpdated", clock.instant().toString());
      i.putObject("attributes");
      i.put("selfUri", INTEGRATIONS + id);
      return Answer.of(200, i);
    }
  }

  private Answer config(String id, String correlation) {
    synchronized (lock) {
      Stored s = integrations.get(id);
      return s == null ? notFound(id, correlation) : Answer.of(200, s.config);
    }
  }

  private Answer putConfig(String id, RecordedRequest req, String correlation) {
    JsonNode body;
    try {
      body = JSON.readTree(req.body());
    } catch (IOException e) {
      return error(400, "bad.request", "The request body is not valid JSON", correlation);
    }
    if (body == null || !body.isObject()) {
      return error(400, "bad.request", "The request body must be an IntegrationConfiguration",
          correlation);
    }
    JsonNode version = body.path("version");
    if (!version.isIntegralNumber()) {
      return error(400, "bad.request", "Version number required for updates", correlation);
    }
    for (String member : List.of("properties", "advanced", "credentials")) {
      JsonNode m = body.get(member);
      if (m != null && !m.isObject() && !m.isNull()) {
        return error(400, "bad.request", member + " must be an object", correlation);
      }
    }
    synchronized (lock) {
      Stored s = integrations.get(id);
      if (s == null) {
        return notFound(id, correlation);
      }
      long current = s.config.path("version").longValue();
      if (version.longValue() != current) {
        return error(409, "conflict", "The version " + version.longValue()
            + " does not match the current version " + current + " of the configuration", correlation);
      }
      store(id, s, ((ObjectNode) body).deepCopy());
      return Answer.of(200, s.config);
    }
  }

  private Answer notFound(String id, String correlation) {
    return error(404, "not.found", "Integration " + id + " not found", correlation);
  }

  private Answer metrics(RecordedRequest req, String correlation) {
    JsonNode q;
    try {
      q = JSON.readTree(req.body());
    } catch (IOException e) {
      return error(400, "bad.request", "The request body is not valid JSON", correlation);
    }
    String integrationId = null;
    if (q != null) {
      for (JsonNode c : q.path("filter").path("clauses")) {
        if ("integrationId".equals(c.path("field").asText()) && c.path("value").isTextual()) {
          integrationId = c.path("value").textValue();
        }
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
      Stored s = integrations.get(integrationId);
      if (s == null) {
        return notFound(integrationId, correlation);
      }
      try {
        applied = GenesysTrees.readApplied(s.config);
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
    return Answer.of(200, b);
  }

  private String uuid() {
    synchronized (lock) {
      return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
          random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }
  }

  private record Issued(String clientId, Instant expiresAt) {}

  private static final class Window {
    final Instant start;
    int count;

    Window(Instant start) {
      this.start = start;
    }
  }

  private static final class Stored {
    ObjectNode config;

    Stored(ObjectNode config) {
      this.config = config;
    }
  }

  /**
   * Builds a {@link GenesysCloudEmulator}. Each setting but {@link #client} and {@link #integration},
   * which add, can be set once; a second set is an {@link IllegalStateException} naming the value
   * already set. Not thread-safe.
   */
  public static final class Builder {
    private int port;
    private final Map<String, String> clients = new LinkedHashMap<>();
    private final List<String> integrationIds = new ArrayList<>();
    private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private int requestsPerMinute = DEFAULT_REQUESTS_PER_MINUTE;
    private Clock clock = Clock.systemUTC();
    private MetricsModel metrics = MetricsModel.healthy();
    private long seed;
    private int threads = 16;
    private final java.util.Set<String> set = new java.util.HashSet<>();

    private Builder() {}

    private void once(String name, Object current) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }

    /**
     * Sets the port. Default 0: an ephemeral port.
     *
     * @param port 0..65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535 (rejected: " + port + ")");
      }
      once("port", this.port);
      this.port = port;
      return this;
    }

    /**
     * Registers an OAuth client. Default: {@link #DEFAULT_CLIENT_ID} with
     * {@link #DEFAULT_CLIENT_SECRET} when none is registered.
     *
     * @param clientId the id, no colon
     * @param clientSecret the secret
     * @return this builder
     * @throws IllegalArgumentException if either is blank or the id has a colon
     */
    public Builder client(String clientId, String clientSecret) {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      if (clientId.isBlank() || clientSecret.isBlank() || clientId.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            "client id and secret must not be blank, and the id must not contain ':'");
      }
      clients.put(clientId, clientSecret);
      return this;
    }

    /**
     * Adds a pre-seeded {@code amazon-eventbridge-source} integration. Default: one,
     * {@link #DEFAULT_INTEGRATION_ID}, when none is added.
     *
     * @param integrationId the id
     * @return this builder
     * @throws IllegalArgumentException if blank or containing '/'
     */
    public Builder integration(String integrationId) {
      Objects.requireNonNull(integrationId, "integrationId");
      if (integrationId.isBlank() || integrationId.contains("/")) {
        throw new IllegalArgumentException(
            "integrationId must not be blank or contain '/' (rejected: " + integrationId + ")");
      }
      integrationIds.add(integrationId);
      return this;
    }

    /**
     * Sets the lifetime of issued tokens ({@code expires_in}). Default 86399 s.
     *
     * @param lifetime at least 1 s
     * @return this builder
     * @throws IllegalArgumentException if shorter than 1 s
     * @throws IllegalStateException if already set
     */
    public Builder tokenLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.toSeconds() < 1) {
        throw new IllegalArgumentException("tokenLifetime must be at least 1 s (rejected: " + lifetime
            + ")");
      }
      once("tokenLifetime", this.tokenLifetime);
      this.tokenLifetime = lifetime;
      return this;
    }

    /**
     * Sets the API requests each OAuth client may make per minute (and token requests, counted
     * apart). Default 300, Genesys Cloud's.
     *
     * @param limit 1 or more
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     * @throws IllegalStateException if already set
     */
    public Builder requestsPerMinute(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("requestsPerMinute must be 1 or more (rejected: " + limit
            + "); use noRateLimit() for none");
      }
      once("rateLimit", this.requestsPerMinute);
      this.requestsPerMinute = limit;
      return this;
    }

    /**
     * Turns the rate limit off, for benchmarks.
     *
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder noRateLimit() {
      once("rateLimit", this.requestsPerMinute);
      this.requestsPerMinute = 0;
      return this;
    }

    /**
     * Sets the clock for token expiry and rate-limit windows. Default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      once("clock", this.clock);
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the metrics model. Default {@link MetricsModel#healthy()}.
     *
     * @param model the model
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder metricsModel(MetricsModel model) {
      once("metricsModel", this.metrics);
      this.metrics = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets the seed of tokens and correlation ids. Default 0.
     *
     * @param seed the seed
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder seed(long seed) {
      once("seed", this.seed);
      this.seed = seed;
      return this;
    }

    /**
     * Sets how many threads serve requests. Default 16.
     *
     * @param threads 1..256
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException("threads must be 1..256 (rejected: " + threads + ")");
      }
      once("threads", this.threads);
      this.threads = threads;
      return this;
    }

    /**
     * Starts the emulator.
     *
     * @return the running emulator
     * @throws IOException if it cannot listen on the port
     */
    public GenesysCloudEmulator start() throws IOException {
      return new GenesysCloudEmulator(this);
    }
  }
}
