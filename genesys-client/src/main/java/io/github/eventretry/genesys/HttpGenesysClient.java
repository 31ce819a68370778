package io.github.eventretry.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.genesys.internal.Endpoints;
import io.github.eventretry.genesys.internal.ExchangeLoop;
import io.github.eventretry.genesys.internal.FullJitterBackoff;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import io.github.eventretry.genesys.internal.Redactor;
import io.github.eventretry.genesys.internal.RequestLimiter;
import io.github.eventretry.genesys.internal.RetryRule;
import io.github.eventretry.genesys.internal.TokenCache;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GenesysClient} on the JDK {@link HttpClient}.
 *
 * <p><b>Authentication.</b> OAuth client credentials: {@code POST /oauth/token} on the login host
 * ({@code login.<domain>}; for a base URI whose host does not start with {@code api.}, such as the
 * plain-HTTP emulator's, the same host), {@code Authorization: Basic base64(id:secret)}, form body
 * {@code grant_type=client_credentials}. The token is cached and fetched again
 * {@link Builder#tokenRefreshMargin a margin} before its {@code expires_in}; however many threads need
 * a new token at once, one token request (with its retries) goes out, and they all get its token or
 * the same exception it ended with; the next caller after a failure starts a new one. A 401 on an API
 * call drops the token, fetches a new one and repeats the call once.
 *
 * <p><b>Retries.</b> A 429 waits its {@code Retry-After} seconds (3 s when absent, as the official
 * SDK does), never less. A 502, 503, 504 or a failed connection (refused, dropped, timed out) waits a
 * full-jitter exponential back-off. Both stop after {@link Builder#maxAttempts} attempts, or sooner
 * when the next wait would pass the {@link Builder#retryDeadline}; the last failure is then thrown.
 * Any other 4xx is thrown at once. An optional {@link Builder#requestsPerMinute limiter} keeps the
 * client under Genesys Cloud's 300 requests per minute per token. API and token requests, and the
 * {@link HttpTelemetrySink}, share one internal retry loop.
 *
 * <p><b>Transport.</b> Requests go through a JDK {@code HttpClient}: the client's own (connect timeout,
 * no redirects) or {@link Builder#httpClient yours}, with your proxy, {@code SSLContext} and executor.
 *
 * <p><b>Secrets.</b> The client secret and tokens never appear in a log line, an exception or
 * {@link #toString()}; text the server sends back is cleaned of them too.
 *
 * <p>Delivery metrics are not this class's: the tutorial's metrics query is
 * {@link TutorialMetricsSource}, which uses a client.
 *
 * <p>Thread-safe. Share one instance: it holds the token and the connection pool.
 *
 * <pre>{@code
 * HttpGenesysClient genesys = HttpGenesysClient.builder()
 *     .region(GenesysRegion.find("eu-west-1"))
 *     .credentials(new ClientCredentials(clientId, clientSecret))
 *     .requestsPerMinute(300)
 *     .build();
 * ApplyResult applied = genesys.apply(integrationId, policy, TrafficSplit.ofPercent(10));
 * }</pre>
 */
public final class HttpGenesysClient implements GenesysClient {
  private static final Logger LOG = LoggerFactory.getLogger(HttpGenesysClient.class);
  /** The {@link TargetSnapshot#target()} of this client's snapshots. */
  public static final String SNAPSHOT_TARGET = "genesys";

  private final URI apiBase;
  private final URI tokenUri;
  private final ClientCredentials credentials;
  private final String basicAuth;
  private final Duration requestTimeout;
  private final Duration tokenRefreshMargin;
  private final Clock clock;
  private final ExchangeLoop loop;
  private final Failures failures;
  private final Redactor redactor;
  private final TokenCache tokens;
  private final ConfigurationEdits edits;
  private final ExchangeLoop.Credentials bearer;

  private HttpGenesysClient(Builder b) {
    this.apiBase = b.apiBase;
    this.tokenUri = Endpoints.tokenUri(b.apiBase);
    this.credentials = b.credentials;
    this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
        (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = b.requestTimeout;
    this.tokenRefreshMargin = b.tokenRefreshMargin;
    this.clock = b.clock;
    this.redactor = new Redactor(List.of(credentials.clientSecret(), basicAuth.substring(6)));
    RetryRule rule = new RetryRule(b.maxAttempts,
        new FullJitterBackoff(b.backoffBase, b.backoffCap, b.random));
    RequestLimiter limiter = b.requestsPerMinute == 0 ? null
        : new RequestLimiter(b.requestsPerMinute, b.clock, b.sleeper);
    HttpClient http = b.httpClient;
    if (http == null) {
      HttpClient.Builder hb = HttpClient.newBuilder()
          .connectTimeout(b.connectTimeout)
          .followRedirects(HttpClient.Redirect.NEVER);
      if (b.executor != null) {
        hb.executor(b.executor);
      }
      http = hb.build();
    }
    this.loop = new ExchangeLoop(http, rule, b.clock, b.sleeper, limiter, b.retryDeadline, null, LOG);
    this.failures = new Failures(redactor, b.retryDeadline.toMillis());
    this.tokens = new TokenCache(b.clock, this::fetchToken, b.onTokenWait);
    this.edits = new ConfigurationEdits(this, b.maxConflictRetries);
    this.bearer = new ExchangeLoop.Credentials() {
      @Override
      public String current() throws InterruptedException {
        return tokens.get();
      }

      @Override
      public void reject(String value) {
        tokens.drop(value);
      }
    };
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
    String path = GenesysApi.integrationPath(segment(integrationId, "integrationId"));
    JsonNode body = call("GET", path, null);
    try {
      return Integration.of(body);
    } catch (IllegalArgumentException e) {
      throw failures.malformed("GET " + path, e.getMessage(), e);
    }
  }

  @Override
  public IntegrationConfiguration getConfiguration(String integrationId) {
    String path = configPath(integrationId);
    return readConfiguration("GET " + path, call("GET", path, null));
  }

  @Override
  public IntegrationConfiguration putConfiguration(
      String integrationId, IntegrationConfiguration configuration) {
    Objects.requireNonNull(configuration, "configuration");
    String path = configPath(integrationId);
    JsonNode body;
    try {
      body = call("PUT", path, configuration.json());
    } catch (GenesysApiException.BadRequest e) {
      // As Genesys's Terraform provider does: a 400 saying the version does not match, and a 408,
      // are conflicts. After a 408 the write may or may not have been stored; apply() reads again
      // and finds out.
      if (ConfigurationEdits.isVersionMismatch(e)) {
        throw Failures.asConflict(e, "stale version");
      }
      if (e.status().orElse(0) == 408) {
        throw Failures.asConflict(e, "request timeout; the write may or may not have been stored");
      }
      throw e;
    }
    return readConfiguration("PUT " + path, body);
  }

  @Override
  public ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(split, "split");
    long version = edits.write(integrationId, ConfigurationEdits.applying(policy, split),
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
    return TargetSnapshot.of(SNAPSHOT_TARGET,
        getConfiguration(integrationId).member(GenesysApi.ADVANCED).orElse("null"));
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
    long version = edits.write(integrationId, ConfigurationEdits.restoring(snapshot.json()),
        "recorded advanced block " + snapshot.digest());
    return new RestoreResult(integrationId, snapshot, version);
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

  static String configPath(String integrationId) {
    return GenesysApi.configPath(segment(integrationId, "integrationId"));
  }

  private static String segment(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private IntegrationConfiguration readConfiguration(String op, JsonNode body) {
    try {
      return IntegrationConfiguration.of(body);
    } catch (IllegalArgumentException e) {
      throw failures.malformed(op, e.getMessage(), e);
    }
  }

  /** The error mapper, for {@link TutorialMetricsSource}. */
  Failures failures() {
    return failures;
  }

  /**
   * Makes an authenticated API call and returns its JSON answer.
   *
   * @param method the method
   * @param path the path under the API base, such as {@code /api/v2/integrations/x}
   * @param json the body, or null for none
   * @throws GenesysApiException (a subclass) if the call failed or its answer is not JSON
   */
  JsonNode call(String method, String path, String json) {
    String op = method + " " + path;
    URI uri = URI.create(apiBase + path);
    byte[] bytes = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = failures.successOrThrow(op, loop.send(op, token -> {
      HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
          .timeout(requestTimeout)
          .header("Authorization", "Bearer " + token)
          .header("Accept", "application/json")
          .header("User-Agent", GenesysApi.USER_AGENT);
      if (bytes == null) {
        rb.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        rb.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
      }
      return rb.build();
    }, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), bearer));
    return failures.parse(op, r);
  }

  /** Fetches a new token, with the loop's retries; the token cache calls it, one caller at a time. */
  private TokenCache.Token fetchToken() {
    String op = "POST " + GenesysApi.TOKEN_PATH;
    HttpResponse<String> r = failures.successOrThrow(op, loop.send(op,
        none -> HttpRequest.newBuilder(tokenUri)
            .timeout(requestTimeout)
            .header("Authorization", basicAuth)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header("User-Agent", GenesysApi.USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofString(GenesysApi.CLIENT_CREDENTIALS_GRANT))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), null));
    Instant obtained = clock.instant();
    JsonNode b = failures.parse(op, r);
    JsonNode access = b.path(GenesysApi.ACCESS_TOKEN);
    JsonNode expires = b.path(GenesysApi.EXPIRES_IN);
    if (!access.isTextual() || access.textValue().isBlank()) {
      throw failures.malformed(op, "the token answer has no access_token", null, r);
    }
    redactor.addToken(access.textValue());
    long expiresIn = expires.canConvertToLong() && expires.longValue() > 0 ? expires.longValue() : 60;
    long lifetimeMs = expiresIn * 1000;
    long refreshAfterMs = Math.max(lifetimeMs - tokenRefreshMargin.toMillis(), lifetimeMs / 2);
    LOG.debug("new token for client {}: expires in {} s, refreshed after {} ms",
        credentials.clientId(), expiresIn, refreshAfterMs);
    return new TokenCache.Token(access.textValue(), obtained.plusMillis(refreshAfterMs));
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
    private HttpClient httpClient;
    private int requestsPerMinute;
    private Runnable onTokenWait = () -> { };
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
     * Sends requests to any base URI given as text, such as a {@code GENESYS_ENV} value. Unlike
     * {@link URI#create}, a malformed value is reported without its user info, query or fragment,
     * which may hold a password or a key.
     *
     * @param baseUri http or https, no query, fragment or user info
     * @return this builder
     * @throws IllegalArgumentException if the text is not such a URI; the message says what is wrong
     *     and shows the value with those parts left out
     * @throws IllegalStateException if a region or base URI was already set
     */
    public Builder baseUri(String baseUri) {
      return baseUri(Endpoints.parse(Objects.requireNonNull(baseUri, "baseUri"), "base URI"));
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
     * Sets the connect timeout of the client's own {@code HttpClient}. Default 10 s. Not with
     * {@link #httpClient}.
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
     * waits {@code u * min(cap, base * 2^n)}, {@code u} uniform in [0, 1) (full jitter), in whole
     * milliseconds. Default 500 ms and 30 s.
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
     * Sets the executor the client's own {@code HttpClient} runs its work on. Default: the
     * {@code HttpClient}'s own. Not with {@link #httpClient}.
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
     * Sends every request through this {@code HttpClient}, with its proxy, {@code SSLContext},
     * executor, connect timeout and redirect policy (keep redirects off: a redirect would carry the
     * request to another host). Default: a client of its own, with {@link #connectTimeout}, no
     * redirects and {@link #executor}, which cannot be combined with this.
     *
     * @param httpClient the client; it is not closed by this one
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder httpClient(HttpClient httpClient) {
      Objects.requireNonNull(httpClient, "httpClient");
      once("httpClient", this.httpClient);
      this.httpClient = httpClient;
      return this;
    }

    /** For tests: run by each caller that waits for another caller's token request. */
    Builder onTokenWait(Runnable hook) {
      this.onTokenWait = Objects.requireNonNull(hook, "hook");
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
     * @throws IllegalStateException if no region or base URI, or no credentials, were set, or
     *     {@link #httpClient} was set with {@link #connectTimeout} or {@link #executor}
     */
    public HttpGenesysClient build() {
      if (httpClient != null && (set.contains("connectTimeout") || set.contains("executor"))) {
        throw new IllegalStateException("connectTimeout and executor are settings of the client's own"
            + " HttpClient; with httpClient(...) set them on that HttpClient instead");
      }
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
