package io.github.eventretry.genesys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.core.json.GenesysTrees;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.genesys.internal.Endpoints;
import io.github.eventretry.genesys.internal.FullJitterBackoff;
import io.github.eventretry.genesys.internal.Redactor;
import io.github.eventretry.genesys.internal.RequestLimiter;
import io.github.eventretry.genesys.internal.RetryRule;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GenesysClient} on the JDK {@link HttpClient}.
 *
 * <p><b>Authentication.</b> OAuth client credentials: {@code POST /oauth/token} on the login host
 * ({@code login.<domain>}; for a base URI whose host does not start with {@code api.}, such as the
 * emulator's, the same host), {@code Authorization: Basic base64(id:secret)}, form body
 * {@code grant_type=client_credentials}. The token is cached and fetched again
 * {@link Builder#tokenRefreshMargin a margin} before its {@code expires_in}; however many threads need
 * a new token at once, one token request (with its retries) goes out, and they all get its token or
 * the same exception it ended with; the next caller after a failure starts a new one. A 401 on an API call drops the token, fetches a new one
 * and repeats the call once.
 *
 * <p><b>Retries.</b> A 429 waits its {@code Retry-After} seconds (3 s when absent, as the official
 * SDK does), never less. A 502, 503, 504 or a failed connection (refused, dropped, timed out) waits a
 * full-jitter exponential back-off. Both stop after {@link Builder#maxAttempts} attempts, or sooner
 * when the next wait would pass the {@link Builder#retryDeadline}; the last failure is then thrown.
 * Any other 4xx is thrown at once. An optional {@link Builder#requestsPerMinute limiter} keeps the
 * client under Genesys Cloud's 300 requests per minute per token.
 *
 * <p><b>Secrets.</b> The client secret and tokens never appear in a log line, an exception or
 * {@link #toString()}; text the server sends back is cleaned of them too.
 *
 * <p>Thread-safe. Share one instance: it holds the token and the connection pool.
 *
 * <pre>{@code
 * GenesysClient genesys = HttpGenesysClient.builder()
 *     .region(GenesysRegion.find("eu-west-1"))
 *     .credentials(new ClientCredentials(clientId, clientSecret))
 *     .requestsPerMinute(300)
 *     .build();
 * ApplyResult applied = genesys.apply(integrationId, policy, TrafficSplit.ofPercent(10));
 * }</pre>
 */
public final class HttpGenesysClient implements GenesysClient {
  private static final Logger LOG = LoggerFactory.getLogger(HttpGenesysClient.class);
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String CORRELATION_HEADER = "ININ-Correlation-ID";
  private static final String USER_AGENT = "eventretry-genesys-client";
  private static final String METRICS_PATH = "/api/v2/analytics/events/summary/query";
  /** The {@link TargetSnapshot#target()} of this client's snapshots. */
  public static final String SNAPSHOT_TARGET = "genesys";

  private final URI apiBase;
  private final URI tokenUri;
  private final ClientCredentials credentials;
  private final String basicAuth;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Duration retryDeadline;
  private final int maxConflictRetries;
  private final Duration tokenRefreshMargin;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryRule retry;
  private final RequestLimiter limiter;
  private final Redactor redactor;
  private final Object tokenLock = new Object();
  private volatile CachedToken token;
  /** The token fetch in progress, shared by all callers that need a token; guarded by tokenLock. */
  private CompletableFuture<CachedToken> fetching;

  private HttpGenesysClient(Builder b) {
    this.apiBase = b.apiBase;
    this.tokenUri = Endpoints.tokenUri(b.apiBase);
    this.credentials = b.credentials;
    this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
        (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = b.requestTimeout;
    this.retryDeadline = b.retryDeadline;
    this.maxConflictRetries = b.maxConflictRetries;
    this.tokenRefreshMargin = b.tokenRefreshMargin;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.retry = new RetryRule(b.maxAttempts, new FullJitterBackoff(b.backoffBase, b.backoffCap,
        b.random));
    this.limiter = b.requestsPerMinute == 0 ? null
        : new RequestLimiter(b.requestsPerMinute, b.clock, b.sleeper);
    this.redactor = new Redactor(List.of(credentials.clientSecret(), basicAuth.substring(6)));
    HttpClient.Builder hb = HttpClient.newBuilder()
        .connectTimeout(b.connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (b.executor != null) {
      hb.executor(b.executor);
    }
    this.http = hb.build();
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with the defaults listed on its setters
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the API base URI requests go to.
   *
   * @return such as {@code https://api.mypurecloud.com}
   */
  public URI apiBaseUri() {
    return apiBase;
  }

  /**
   * Returns the OAuth token URI.
   *
   * @return such as {@code https://login.mypurecloud.com/oauth/token}
   */
  public URI tokenUri() {
    return tokenUri;
  }

  @Override
  public Integration getIntegration(String integrationId) {
    String path = "/api/v2/integrations/" + segment(integrationId, "integrationId");
    JsonNode body = callJson("GET", path, null);
    try {
      return Integration.fromJson(body);
    } catch (IllegalArgumentException e) {
      throw malformed("GET " + path, e.getMessage(), e);
    }
  }

  @Override
  public IntegrationConfiguration getConfiguration(String integrationId) {
    String path = configPath(integrationId);
    return readConfiguration("GET " + path, callJson("GET", path, null));
  }

  @Override
  public IntegrationConfiguration putConfiguration(String integrationId, JsonNode configuration) {
    Objects.requireNonNull(configuration, "configuration");
    String path = configPath(integrationId);
    if (!configuration.isObject() || !configuration.path("version").canConvertToLong()) {
      throw new IllegalArgumentException(
          "configuration must be a JSON object carrying the version it was read with");
    }
    JsonNode body;
    try {
      body = callJson("PUT", path, configuration);
    } catch (GenesysApiException.BadRequest e) {
      // As Genesys's Terraform provider does: a 400 saying the version does not match, and a 408,
      // are conflicts. After a 408 the write may or may not have been stored; apply() reads again
      // and finds out.
      if (isVersionMismatch(e)) {
        throw asConflict(e, "stale version");
      }
      if (e.status().orElse(0) == 408) {
        throw asConflict(e, "request timeout; the write may or may not have been stored");
      }
      throw e;
    }
    return readConfiguration("PUT " + path, body);
  }

  @Override
  public ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(split, "split");
    long version = writeConfiguration(integrationId,
        read -> GenesysTrees.mergeIntoConfiguration(read, policy, split),
        "policy " + policy.fingerprint() + " at " + split);
    return new ApplyResult(integrationId, policy.fingerprint(), split, version);
  }

  /**
   * Reads the integration's whole {@code advanced} object of {@code config/current}, verbatim: the
   * baseline a first deploy records. A configuration without {@code advanced} is recorded as JSON
   * {@code null}, and restoring it removes the member again.
   *
   * @param integrationId the integration id
   * @return a snapshot of target {@value #SNAPSHOT_TARGET}
   * @throws GenesysApiException (a subclass) if the call failed
   */
  @Override
  public TargetSnapshot read(String integrationId) {
    JsonNode advanced = getConfiguration(integrationId).json().get("advanced");
    try {
      return TargetSnapshot.of(SNAPSHOT_TARGET,
          JSON.writeValueAsString(advanced == null ? NullNode.getInstance() : advanced));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree read from Genesys Cloud can be written again", e);
    }
  }

  /**
   * Puts back a recorded {@code advanced} object: reads {@code config/current}, replaces its
   * {@code advanced} with the snapshot's (or removes it when the snapshot is JSON {@code null}), keeps
   * every other member as read, and writes it with the version read, retrying on a version conflict as
   * {@link #apply} does. When the configuration already holds it, nothing is written.
   *
   * @param integrationId the integration id
   * @param snapshot a snapshot this client's {@link #read} returned
   * @return the snapshot and the configuration version that holds it
   * @throws IllegalArgumentException if the snapshot's target is not {@value #SNAPSHOT_TARGET} or its
   *     content is neither a JSON object nor {@code null}
   * @throws GenesysApiException (a subclass) if a call failed
   */
  @Override
  public RestoreResult restore(String integrationId, TargetSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    if (!SNAPSHOT_TARGET.equals(snapshot.target())) {
      throw new IllegalArgumentException("a Genesys Cloud integration can only restore a snapshot of"
          + " target '" + SNAPSHOT_TARGET + "' (rejected: '" + snapshot.target() + "')");
    }
    JsonNode advanced;
    try {
      advanced = JSON.readTree(snapshot.json());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the snapshot is not JSON", e);
    }
    if (!advanced.isObject() && !advanced.isNull()) {
      throw new IllegalArgumentException("a Genesys Cloud snapshot must hold the advanced object or"
          + " null (rejected: a JSON " + advanced.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
    }
    long version = writeConfiguration(integrationId, read -> {
      ObjectNode copy = read.deepCopy();
      if (advanced.isNull()) {
        copy.remove("advanced");
      } else {
        copy.set("advanced", advanced.deepCopy());
      }
      return copy;
    }, "recorded advanced block " + snapshot.digest());
    return new RestoreResult(integrationId, snapshot, version);
  }

  /**
   * Read-modify-write of {@code config/current}: reads it, edits a copy, writes it with the version
   * read, and on a version conflict (or a 408) reads again, a bounded number of times.
   *
   * @return the configuration version that holds the edit
   */
  private long writeConfiguration(String integrationId, UnaryOperator<ObjectNode> edit, String what) {
    for (int attempt = 0; ; attempt++) {
      IntegrationConfiguration current = getConfiguration(integrationId);
      ObjectNode read = current.json();
      ObjectNode edited = edit.apply(read.deepCopy());
      // Compared as RFC 8785 canonical JSON: 500 read back as an int equals the 500L written.
      if (CanonicalJson.canonicalize(edited).equals(CanonicalJson.canonicalize(read))) {
        LOG.debug("integration {} already holds {} (version {}); nothing written",
            integrationId, what, current.version());
        return current.version();
      }
      try {
        IntegrationConfiguration stored = putConfiguration(integrationId, edited);
        LOG.info("wrote {} to integration {}: configuration version {} -> {}",
            what, integrationId, current.version(), stored.version());
        return stored.version();
      } catch (GenesysApiException.Conflict e) {
        if (attempt >= maxConflictRetries) {
          throw e;
        }
        LOG.info("write of integration {}'s configuration (version {} read) not accepted: HTTP {};"
            + " reading it again (retry {} of {})", integrationId, current.version(),
            e.status().orElse(0), attempt + 1, maxConflictRetries);
      }
    }
  }

  @Override
  public DeliveryMetrics fetch(String integrationId, Instant from, Instant to) {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
    }
    JsonNode answer = callJson("POST", METRICS_PATH, metricsQuery(integrationId, from, to));
    String op = "POST " + METRICS_PATH;
    JsonNode entities = answer.path("entities");
    if (!entities.isArray()) {
      throw malformed(op, "the answer has no entities array", null);
    }
    long samples = 0;
    long retries = 0;
    double successes = 0;
    double latencyTotal = 0;
    for (JsonNode e : entities) {
      if (e.hasNonNull("integrationId") && !integrationId.equals(e.path("integrationId").asText())) {
        continue;
      }
      JsonNode count = e.path("deliveryCount");
      JsonNode rate = e.path("successRate");
      JsonNode retryCount = e.path("retryCount");
      JsonNode latency = e.path("deliveryLatency");
      if (!count.canConvertToLong() || count.longValue() < 0 || !rate.isNumber()
          || !(rate.doubleValue() >= 0 && rate.doubleValue() <= 1)
          || !retryCount.canConvertToLong() || retryCount.longValue() < 0
          || !latency.isNumber() || !(latency.doubleValue() >= 0)) {
        throw malformed(op, "an entity lacks a valid deliveryCount, successRate (0..1), retryCount or"
            + " deliveryLatency (ms)", null);
      }
      samples += count.longValue();
      retries += retryCount.longValue();
      successes += rate.doubleValue() * count.longValue();
      latencyTotal += latency.doubleValue() * count.longValue();
    }
    double successRate = samples == 0 ? 0.0 : Math.min(1.0, successes / samples);
    Duration latency = samples == 0 ? Duration.ZERO
        : Duration.ofNanos(Math.round(latencyTotal / samples * 1_000_000.0));
    return new DeliveryMetrics(integrationId, from, to, samples, successRate, retries, latency);
  }

  /**
   * Returns the tutorial's metrics query body: {@code {interval, view, date_from, date_to, group_by,
   * filter, metrics}} with {@code retryCount}, {@code successRate} and {@code deliveryLatency}.
   *
   * @param integrationId the integration
   * @param from the start, inclusive
   * @param to the end, exclusive
   * @return a new tree
   */
  static ObjectNode metricsQuery(String integrationId, Instant from, Instant to) {
    ObjectNode q = JsonNodeFactory.instance.objectNode();
    q.put("interval", "PT1H");
    q.put("view", "events");
    q.put("date_from", from.toString());
    q.put("date_to", to.toString());
    q.putArray("group_by").add("integrationId");
    ObjectNode filter = q.putObject("filter");
    filter.put("type", "AND");
    ObjectNode clause = filter.putArray("clauses").addObject();
    clause.put("type", "EQUALS");
    clause.put("field", "integrationId");
    clause.put("value", integrationId);
    ArrayNode metrics = q.putArray("metrics");
    metrics.add("retryCount").add("successRate").add("deliveryLatency");
    return q;
  }

  /**
   * Describes the client without secrets.
   *
   * @return such as {@code HttpGenesysClient[api=https://api.mypurecloud.com, clientId=abc]}
   */
  @Override
  public String toString() {
    return "HttpGenesysClient[api=" + apiBase + ", clientId=" + credentials.clientId() + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  private static String configPath(String integrationId) {
    return "/api/v2/integrations/" + segment(integrationId, "integrationId") + "/config/current";
  }

  private static String segment(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static GenesysApiException.Conflict asConflict(GenesysApiException e, String why) {
    return new GenesysApiException.Conflict(new ApiFailure(e.operation(), e.status().orElse(0),
        e.code().orElse(null), e.genesysMessage().orElse(null), e.contextId().orElse(null),
        e.correlationId().orElse(null), e.attempts(), why));
  }

  private static boolean isVersionMismatch(GenesysApiException e) {
    return e.genesysMessage()
        .map(m -> m.toLowerCase(Locale.ROOT).contains("does not match the current version"))
        .orElse(false);
  }

  private IntegrationConfiguration readConfiguration(String op, JsonNode body) {
    try {
      return IntegrationConfiguration.fromJson(body);
    } catch (IllegalArgumentException e) {
      throw malformed(op, e.getMessage(), e);
    }
  }

  private JsonNode callJson(String method, String path, JsonNode body) {
    String op = method + " " + path;
    URI uri = URI.create(apiBase + path);
    byte[] bytes = body == null ? null : writeBytes(body);
    HttpResponse<String> r = exchange(op, true, bearer -> {
      HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
          .timeout(requestTimeout)
          .header("Authorization", "Bearer " + bearer)
          .header("Accept", "application/json")
          .header("User-Agent", USER_AGENT);
      if (bytes == null) {
        rb.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        rb.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
      }
      return rb.build();
    });
    return parse(op, r);
  }

  private static byte[] writeBytes(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private JsonNode parse(String op, HttpResponse<String> r) {
    try {
      JsonNode n = JSON.readTree(r.body());
      if (n == null || n.isMissingNode() || !n.isContainerNode()) {
        throw malformed(op, "HTTP " + r.statusCode() + " with a body that is not a JSON object",
            null, r);
      }
      return n;
    } catch (IOException e) {
      throw malformed(op, "HTTP " + r.statusCode() + " with a body that is not JSON", null, r);
    }
  }

  private GenesysApiException.MalformedResponse malformed(String op, String why, Throwable cause) {
    return new GenesysApiException.MalformedResponse(
        new ApiFailure(op, 0, null, null, null, null, 1, "malformed answer: " + redactor.clean(why)),
        cause);
  }

  private GenesysApiException.MalformedResponse malformed(
      String op, String why, Throwable cause, HttpResponse<String> r) {
    return new GenesysApiException.MalformedResponse(new ApiFailure(op, r.statusCode(), null, null,
        null, correlation(r), 1, "malformed answer: " + redactor.clean(why)), cause);
  }

  /**
   * Sends a request with retries. {@code build} makes the request for an attempt, given the bearer
   * token (null for the unauthenticated token request).
   */
  private HttpResponse<String> exchange(
      String op, boolean authenticated, Function<String, HttpRequest> build) {
    Instant deadline = clock.instant().plus(retryDeadline);
    int requests = 0;
    int tries = 0;
    boolean reauthenticated = false;
    while (true) {
      String bearer = authenticated ? token() : null;
      requests++;
      tries++;
      HttpResponse<String> r = null;
      IOException io = null;
      try {
        if (limiter != null) {
          limiter.acquire();
        }
        r = http.send(build.apply(bearer), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        io = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw transport(op, requests, "interrupted", e);
      }
      Duration wait;
      String what;
      if (r != null) {
        int s = r.statusCode();
        LOG.debug("{} -> HTTP {} (request {})", op, s, requests);
        if (s >= 200 && s < 300) {
          return r;
        }
        if (s == 401 && authenticated && !reauthenticated) {
          LOG.info("{} -> HTTP 401; fetching a new token and repeating the call once", op);
          dropToken(bearer);
          reauthenticated = true;
          tries--;
          continue;
        }
        Optional<RetryRule.Wait> next = retry.afterAnswer(s, r.headers(), tries);
        if (next.isEmpty()) {
          throw failure(op, r, requests, null);
        }
        wait = next.get().duration();
        what = "HTTP " + s;
      } else {
        wait = retry.afterNoAnswer(tries).duration();
        what = describe(io);
        LOG.debug("{} -> {} (request {})", op, what, requests);
      }
      if (!retry.mayRetry(tries)) {
        throw last(op, r, io, requests, "retry limit of " + retry.maxAttempts() + " attempts reached");
      }
      if (clock.instant().plus(wait).isAfter(deadline)) {
        throw last(op, r, io, requests, "waiting " + wait.toMillis() + " ms would pass the retry"
            + " deadline of " + retryDeadline.toMillis() + " ms");
      }
      LOG.warn("{} -> {}; retry {} of {} in {} ms", op, what, tries, retry.maxAttempts() - 1,
          wait.toMillis());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw transport(op, requests, "interrupted while waiting to retry", e);
      }
    }
  }

  private GenesysApiException last(
      String op, HttpResponse<String> r, IOException io, int requests, String why) {
    return r != null ? failure(op, r, requests, why) : transport(op, requests, describe(io) + "; " + why, io);
  }

  private static String describe(IOException e) {
    if (e instanceof HttpTimeoutException) {
      return "timed out (" + e.getClass().getSimpleName() + ")";
    }
    return "no answer (" + e.getClass().getSimpleName() + ")";
  }

  private GenesysApiException.Transport transport(String op, int requests, String why, Throwable cause) {
    // The cause's own message is not copied: I/O messages are the JDK's, but stay out of ours anyway.
    return new GenesysApiException.Transport(
        new ApiFailure(op, 0, null, null, null, null, requests, redactor.clean(why)), cause);
  }

  private static String correlation(HttpResponse<String> r) {
    return r.headers().firstValue(CORRELATION_HEADER).orElse(null);
  }

  private GenesysApiException failure(String op, HttpResponse<String> r, int requests, String why) {
    String code = null;
    String message = null;
    String contextId = null;
    try {
      JsonNode b = JSON.readTree(r.body());
      if (b != null && b.isObject()) {
        code = text(b, "code");
        message = text(b, "message");
        contextId = text(b, "contextId");
        if (code == null) {
          code = text(b, "error");
        }
        if (message == null) {
          message = text(b, "error_description");
        }
        if (message == null) {
          message = text(b, "description");
        }
      }
    } catch (IOException e) {
      // Not a Genesys error body (a proxy's HTML page, say): the status still tells what happened.
    }
    ApiFailure f = new ApiFailure(op, r.statusCode(), redactor.clean(code), redactor.clean(message),
        redactor.clean(contextId), redactor.clean(correlation(r)), requests, why);
    int s = r.statusCode();
    if (s == 400) {
      return new GenesysApiException.BadRequest(f);
    } else if (s == 401) {
      return new GenesysApiException.Unauthorized(f);
    } else if (s == 403) {
      return new GenesysApiException.Forbidden(f);
    } else if (s == 404) {
      return new GenesysApiException.NotFound(f);
    } else if (s == 409) {
      return new GenesysApiException.Conflict(f);
    } else if (s == 429) {
      return new GenesysApiException.RateLimited(f, RetryRule.retryAfter(r.headers()).orElse(null));
    } else if (s >= 500) {
      return new GenesysApiException.ServerError(f);
    } else if (s >= 400) {
      return new GenesysApiException.BadRequest(f);
    }
    return new GenesysApiException.MalformedResponse(f, null);
  }

  private static String text(JsonNode b, String field) {
    JsonNode v = b.get(field);
    return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Token

  private String token() {
    CachedToken t = token;
    if (t != null && clock.instant().isBefore(t.refreshAt)) {
      return t.value;
    }
    CompletableFuture<CachedToken> shared;
    boolean mine = false;
    synchronized (tokenLock) {
      t = token;
      if (t != null && clock.instant().isBefore(t.refreshAt)) {
        return t.value;
      }
      shared = fetching;
      if (shared == null) {
        shared = new CompletableFuture<>();
        fetching = shared;
        mine = true;
      }
    }
    if (mine) {
      // This thread fetches, outside the lock; the others wait for its one attempt sequence.
      try {
        CachedToken fetched = fetchToken();
        synchronized (tokenLock) {
          token = fetched;
          fetching = null;
        }
        shared.complete(fetched);
        return fetched.value;
      } catch (RuntimeException | Error e) {
        synchronized (tokenLock) {
          fetching = null;
        }
        shared.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return shared.get().value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw transport("POST /oauth/token", 1, "interrupted while waiting for another thread's token"
          + " request", e);
    } catch (ExecutionException e) {
      // The same failure the fetching thread got: every waiter sees what the one sequence ended with.
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("token fetch failed", cause);
    }
  }

  private void dropToken(String value) {
    synchronized (tokenLock) {
      CachedToken t = token;
      if (t != null && t.value.equals(value)) {
        token = null;
      }
    }
  }

  private CachedToken fetchToken() {
    String op = "POST /oauth/token";
    HttpResponse<String> r = exchange(op, false, none -> HttpRequest.newBuilder(tokenUri)
        .timeout(requestTimeout)
        .header("Authorization", basicAuth)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT)
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
        .build());
    Instant obtained = clock.instant();
    JsonNode b = parse(op, r);
    JsonNode access = b.path("access_token");
    JsonNode expires = b.path("expires_in");
    if (!access.isTextual() || access.textValue().isBlank()) {
      throw malformed(op, "the token answer has no access_token", null, r);
    }
    redactor.addToken(access.textValue());
    long expiresIn = expires.canConvertToLong() && expires.longValue() > 0 ? expires.longValue() : 60;
    long lifetimeMs = expiresIn * 1000;
    long refreshAfterMs = Math.max(lifetimeMs - tokenRefreshMargin.toMillis(), lifetimeMs / 2);
    LOG.debug("new token for client {}: expires in {} s, refreshed after {} ms",
        credentials.clientId(), expiresIn, refreshAfterMs);
    return new CachedToken(access.textValue(), obtained.plusMillis(refreshAfterMs));
  }

  /** A token and when to fetch the next one. No toString: the value must not leak. */
  private static final class CachedToken {
    final String value;
    final Instant refreshAt;

    CachedToken(String value, Instant refreshAt) {
      this.value = value;
      this.refreshAt = refreshAt;
    }

    @Override
    public String toString() {
      return "CachedToken[refreshAt=" + refreshAt + "]";
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Builds an {@link HttpGenesysClient}. Each setting can be set once; a second set is an
   * {@link IllegalStateException} naming the value already set. Not thread-safe.
   */
  public static final class Builder {
    private URI apiBase;
    private String baseSetBy;
    private ClientCredentials credentials;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 4;
    private Duration retryDeadline = Duration.ofSeconds(120);
    private Duration backoffBase = Duration.ofMillis(500);
    private Duration backoffCap = Duration.ofSeconds(30);
    private int maxConflictRetries = 5;
    private Duration tokenRefreshMargin = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private RandomGenerator random;
    private Executor executor;
    private int requestsPerMinute;
    private final java.util.Set<String> set = new java.util.HashSet<>();

    private Builder() {}

    private void once(String name, Object current) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }

    /**
     * Sends requests to a Genesys Cloud region: {@code https://api.<domain>}, tokens from
     * {@code https://login.<domain>}. Set this or {@link #baseUri}.
     *
     * @param region the region
     * @return this builder
     * @throws IllegalStateException if a region or base URI was already set
     */
    public Builder region(GenesysRegion region) {
      Objects.requireNonNull(region, "region");
      once("region/baseUri", apiBase);
      this.apiBase = region.apiBaseUri();
      this.baseSetBy = "region";
      return this;
    }

    /**
     * Sends requests to any base URI, such as the emulator's {@code http://127.0.0.1:PORT}. Tokens come
     * from the same URI with a leading {@code api.} of the host replaced by {@code login.}, or from the
     * same host when it has no {@code api.}. Set this or {@link #region}.
     *
     * @param baseUri http or https, no query, fragment or user info
     * @return this builder
     * @throws IllegalArgumentException if the URI is not usable
     * @throws IllegalStateException if a region or base URI was already set
     */
    public Builder baseUri(URI baseUri) {
      URI checked = Endpoints.checkBase(baseUri);
      once("region/baseUri", apiBase);
      this.apiBase = checked;
      this.baseSetBy = "baseUri";
      return this;
    }

    /**
     * Sets the OAuth client credentials. Required.
     *
     * @param credentials the id and secret
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder credentials(ClientCredentials credentials) {
      Objects.requireNonNull(credentials, "credentials");
      once("credentials", this.credentials);
      this.credentials = credentials;
      return this;
    }

    /**
     * Sets the connect timeout. Default 10 s.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder connectTimeout(Duration timeout) {
      positive("connectTimeout", timeout);
      once("connectTimeout", connectTimeout);
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets the timeout of one request, from sending to the end of the answer's headers. Default 30 s.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder requestTimeout(Duration timeout) {
      positive("requestTimeout", timeout);
      once("requestTimeout", requestTimeout);
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Sets how many attempts one call may make for 429, 502, 503, 504 and failed connections, the
     * first included. Default 4. (The one repeat after a 401 is not counted.)
     *
     * @param attempts 1..20
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 20) {
        throw new IllegalArgumentException(
            "maxAttempts must be between 1 and 20 (rejected: " + attempts + ")");
      }
      once("maxAttempts", maxAttempts);
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets the overall deadline of one call's retries, from its first attempt: no wait is started that
     * would end after it. Default 120 s.
     *
     * @param deadline positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder retryDeadline(Duration deadline) {
      positive("retryDeadline", deadline);
      once("retryDeadline", retryDeadline);
      this.retryDeadline = deadline;
      return this;
    }

    /**
     * Sets the back-off after 502, 503, 504 and failed connections: retry {@code n} (0 for the first)
     * waits {@code u * min(cap, base * 2^n)}, {@code u} uniform in [0, 1) (full jitter, the simulator's
     * {@code DelaySchedule}), in whole milliseconds. Default 500 ms and 30 s.
     *
     * @param base whole milliseconds, at least 100 ms
     * @param cap whole milliseconds, at least {@code base}, at most 24 h
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder backoff(Duration base, Duration cap) {
      FullJitterBackoff.check(base, cap);
      once("backoff", backoffBase + "/" + backoffCap);
      this.backoffBase = base;
      this.backoffCap = cap;
      return this;
    }

    /**
     * Sets how many times {@link HttpGenesysClient#apply} reads again after a version conflict (409,
     * a version-mismatch 400, or a 408 on the write). Default 5.
     *
     * @param retries 0..20
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxConflictRetries(int retries) {
      if (retries < 0 || retries > 20) {
        throw new IllegalArgumentException(
            "maxConflictRetries must be between 0 and 20 (rejected: " + retries + ")");
      }
      once("maxConflictRetries", maxConflictRetries);
      this.maxConflictRetries = retries;
      return this;
    }

    /**
     * Sets how long before its {@code expires_in} a token is replaced. Default 60 s; a token that lives
     * less than twice the margin is replaced after half its life.
     *
     * @param margin zero or positive
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder tokenRefreshMargin(Duration margin) {
      Objects.requireNonNull(margin, "margin");
      if (margin.isNegative()) {
        throw new IllegalArgumentException(
            "tokenRefreshMargin must not be negative (rejected: " + margin + ")");
      }
      once("tokenRefreshMargin", tokenRefreshMargin);
      this.tokenRefreshMargin = margin;
      return this;
    }

    /**
     * Sets the clock for token expiry, retry deadlines and the limiter. Default
     * {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once("clock", this.clock);
      this.clock = clock;
      return this;
    }

    /**
     * Sets what waits between retries and in the limiter. Default {@link Sleeper#system()}.
     *
     * @param sleeper the sleeper
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder sleeper(Sleeper sleeper) {
      Objects.requireNonNull(sleeper, "sleeper");
      once("sleeper", this.sleeper);
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Sets the source of the back-off's jitter. Default: a new {@link java.util.SplittableRandom},
     * seeded by the JDK; set a seeded generator for reproducible waits. Draws are serialised.
     *
     * @param random the generator
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder random(RandomGenerator random) {
      Objects.requireNonNull(random, "random");
      once("random", this.random);
      this.random = random;
      return this;
    }

    /**
     * Sets the executor the {@code HttpClient} runs its work on. Default: the {@code HttpClient}'s own.
     *
     * @param executor the executor
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder executor(Executor executor) {
      Objects.requireNonNull(executor, "executor");
      once("executor", this.executor);
      this.executor = executor;
      return this;
    }

    /**
     * Keeps the client under a number of requests in any 60 s (token requests included), waiting with
     * the sleeper when needed. Genesys Cloud allows 300 per minute per token. Default: no limiter.
     *
     * @param limit 1 or more
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     * @throws IllegalStateException if already set
     */
    public Builder requestsPerMinute(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException(
            "requestsPerMinute must be 1 or more (rejected: " + limit + ")");
      }
      once("requestsPerMinute", requestsPerMinute);
      this.requestsPerMinute = limit;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalStateException if no region or base URI, or no credentials, were set
     */
    public HttpGenesysClient build() {
      if (apiBase == null) {
        throw new IllegalStateException("set a region or a base URI");
      }
      if (credentials == null) {
        throw new IllegalStateException("set credentials");
      }
      if (random == null) {
        random = new java.util.SplittableRandom();
      }
      return new HttpGenesysClient(this);
    }

    private static void positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive (rejected: " + d + ")");
      }
    }

    /**
     * Describes the settings without secrets.
     *
     * @return a description
     */
    @Override
    public String toString() {
      return "HttpGenesysClient.Builder[" + baseSetBy + "=" + apiBase + ", credentials=" + credentials
          + "]";
    }
  }
}
