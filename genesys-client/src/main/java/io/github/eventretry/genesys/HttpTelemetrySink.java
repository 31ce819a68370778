package io.github.eventretry.genesys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.TelemetryBatch;
import io.github.eventretry.core.spi.TelemetryResult;
import io.github.eventretry.core.spi.TelemetrySink;
import io.github.eventretry.genesys.internal.Endpoints;
import io.github.eventretry.genesys.internal.ExchangeLoop;
import io.github.eventretry.genesys.internal.FullJitterBackoff;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import io.github.eventretry.genesys.internal.Outcome;
import io.github.eventretry.genesys.internal.RetryRule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports telemetry to an HTTP endpoint, as the tutorial's {@code export_telemetry} does:
 * {@code POST} of {@code {"source", "timestamp", "metrics": [...]}} as JSON with
 * {@code Authorization: Bearer <api key>}. Each metric is
 * {@code {integrationId, from, to, sampleSize, successRate, retryCount, meanDeliveryLatencyMs}}.
 *
 * <p>Unlike the tutorial it never prints and never throws for a failed export: it returns a
 * {@link TelemetryResult}. A 2xx is delivered. A 429 (after its {@code Retry-After}, 3 s when absent),
 * 502, 503, 504, timeout or failed connection (after a full-jitter back-off) is tried again up to
 * {@link Builder#maxAttempts}; any other status is final. The retries are the Genesys client's own
 * loop. The API key never appears in a result, a log line or {@link #toString()}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class HttpTelemetrySink implements TelemetrySink {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTelemetrySink.class);

  private final URI endpoint;
  private final String apiKey;
  private final Duration timeout;
  private final Duration maxRetryAfter;
  private final ExchangeLoop loop;

  private HttpTelemetrySink(Builder b) {
    this.endpoint = b.endpoint;
    this.apiKey = b.apiKey;
    this.timeout = b.timeout;
    this.maxRetryAfter = b.maxRetryAfter;
    RetryRule rule = new RetryRule(b.maxAttempts, new FullJitterBackoff(b.backoffBase, b.backoffCap,
        b.random != null ? b.random : new java.util.SplittableRandom()));
    HttpClient http = b.httpClient;
    if (http == null) {
      HttpClient.Builder hb = HttpClient.newBuilder()
          .connectTimeout(b.timeout)
          .followRedirects(HttpClient.Redirect.NEVER);
      if (b.executor != null) {
        hb.executor(b.executor);
      }
      http = hb.build();
    }
    // No deadline (Clock) here: each wait is held to maxRetryAfter instead.
    this.loop = new ExchangeLoop(http, rule, Clock.systemUTC(), b.sleeper, null, null,
        b.maxRetryAfter, LOG);
  }

  /**
   * Returns a new builder.
   *
   * @param endpoint where batches are posted: http or https, a host, no user info, query or fragment
   *     (the key goes in {@code apiKey}, never in the URI)
   * @param apiKey the bearer key
   * @return a builder
   * @throws IllegalArgumentException if the endpoint is not such a URI (the message leaves out its
   *     user info, query and fragment), or the key is blank
   */
  public static Builder builder(URI endpoint, String apiKey) {
    return new Builder(endpoint, apiKey);
  }

  /**
   * Returns a new builder for an endpoint given as text, such as a {@code DASHBOARD_URL} value.
   * Unlike {@link URI#create}, a malformed value is reported without its user info, query or
   * fragment, which may hold a password or a key.
   *
   * @param endpoint where batches are posted: http or https, a host, no user info, query or fragment
   * @param apiKey the bearer key
   * @return a builder
   * @throws IllegalArgumentException if the endpoint is not such a URI (the message says what is
   *     wrong and shows the value with those parts left out), or the key is blank
   */
  public static Builder builder(String endpoint, String apiKey) {
    return new Builder(Endpoints.parse(Objects.requireNonNull(endpoint, "endpoint"), "endpoint"),
        apiKey);
  }

  /**
   * Returns the JSON body of a batch.
   *
   * @param batch the batch
   * @return {@code {source, timestamp, metrics}} as compact JSON text
   */
  public static String body(TelemetryBatch batch) {
    Objects.requireNonNull(batch, "batch");
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("source", batch.source());
    o.put("timestamp", batch.timestamp().toString());
    ArrayNode metrics = o.putArray("metrics");
    for (DeliveryMetrics m : batch.metrics()) {
      ObjectNode e = metrics.addObject();
      e.put("integrationId", m.integrationId());
      e.put("from", m.from().toString());
      e.put("to", m.to().toString());
      e.put("sampleSize", m.sampleSize());
      e.put("successRate", m.successRate());
      e.put("retryCount", m.retryCount());
      e.put("meanDeliveryLatencyMs", m.meanDeliveryLatency().toNanos() / 1_000_000.0);
    }
    return Json.write(o);
  }

  @Override
  public TelemetryResult export(TelemetryBatch batch) {
    byte[] bytes = body(batch).getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .header("User-Agent", GenesysApi.USER_AGENT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
    Outcome<Void> outcome = loop.send("POST " + endpoint, none -> request,
        HttpResponse.BodyHandlers.discarding(), null);
    if (outcome instanceof Outcome.Answered<Void> a) {
      int s = a.response().statusCode();
      if (a.succeeded()) {
        LOG.debug("telemetry batch of {} metrics accepted by {} (HTTP {}, attempt {})",
            batch.metrics().size(), endpoint, s, a.attempts());
        return new TelemetryResult(true, a.attempts(), OptionalInt.of(s), "accepted (HTTP " + s + ")");
      }
      LOG.warn("telemetry export to {} refused: HTTP {}", endpoint, s);
      return new TelemetryResult(false, a.attempts(), OptionalInt.of(s), "HTTP " + s);
    }
    if (outcome instanceof Outcome.GaveUp<Void> g) {
      OptionalInt last = g.response().map(r -> OptionalInt.of(r.statusCode()))
          .orElse(OptionalInt.empty());
      String detail = g.response().map(r -> "HTTP " + r.statusCode())
          .orElseGet(() -> describe(g.failure().orElseThrow()));
      if (g.limit() == Outcome.Limit.ATTEMPTS) {
        LOG.warn("telemetry export to {} failed after {} attempts: {}", endpoint, g.attempts(), detail);
        return new TelemetryResult(false, g.attempts(), last,
            detail + " after " + g.attempts() + " attempts");
      }
      // Any wait, a Retry-After or a back-off, is held to maxRetryAfter.
      String why = g.refusedWait().describe() + " is longer than maxRetryAfter ("
          + maxRetryAfter.toMillis() + " ms)";
      LOG.warn("telemetry export to {} gave up: {}; {}", endpoint, detail, why);
      return new TelemetryResult(false, g.attempts(), last, detail + "; " + why);
    }
    Outcome.Interrupted<Void> i = (Outcome.Interrupted<Void>) outcome;
    return new TelemetryResult(false, Math.max(1, i.attempts()), OptionalInt.empty(),
        i.lastDetail().map(d -> d + "; interrupted").orElse("interrupted"));
  }

  private String describe(IOException e) {
    return e instanceof HttpTimeoutException
        ? "timed out after " + timeout.toMillis() + " ms"
        : ExchangeLoop.describe(e);
  }

  /**
   * Describes the sink without its key.
   *
   * @return such as {@code HttpTelemetrySink[https://metrics.example.com/ingest]}
   */
  @Override
  public String toString() {
    return "HttpTelemetrySink[" + endpoint + "]";
  }

  /**
   * Builds an {@link HttpTelemetrySink}. Each setting can be set once; a second set is an
   * {@link IllegalStateException}. Not thread-safe.
   */
  public static final class Builder {
    private final URI endpoint;
    private final String apiKey;
    private Duration timeout = Duration.ofSeconds(10);
    private int maxAttempts = 3;
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Duration backoffBase = Duration.ofMillis(500);
    private Duration backoffCap = Duration.ofSeconds(10);
    private Sleeper sleeper = Sleeper.system();
    private RandomGenerator random;
    private Executor executor;
    private HttpClient httpClient;
    private final java.util.Set<String> set = new java.util.HashSet<>();

    private Builder(URI endpoint, String apiKey) {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(apiKey, "apiKey");
      // The client's base URI check: a URI with credentials in it would print them in logs.
      Endpoints.checkHttp(endpoint, "endpoint");
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      this.endpoint = endpoint;
      this.apiKey = apiKey;
    }

    private void once(String name, Object current) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }

    /**
     * Sets the timeout of one attempt (connect, and request to the answer's headers). Default 10 s, the
     * tutorial's.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive (rejected: " + timeout + ")");
      }
      once("timeout", this.timeout);
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how many attempts one export may make. Default 3.
     *
     * @param attempts 1..10
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 10) {
        throw new IllegalArgumentException(
            "maxAttempts must be between 1 and 10 (rejected: " + attempts + ")");
      }
      once("maxAttempts", maxAttempts);
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets the longest wait the sink accepts before a retry: a longer wait, whether a
     * {@code Retry-After} or a back-off, ends the export as not delivered, its detail saying which.
     * Default 60 s.
     *
     * @param max zero or positive
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder maxRetryAfter(Duration max) {
      Objects.requireNonNull(max, "max");
      if (max.isNegative()) {
        throw new IllegalArgumentException("maxRetryAfter must not be negative (rejected: " + max + ")");
      }
      once("maxRetryAfter", maxRetryAfter);
      this.maxRetryAfter = max;
      return this;
    }

    /**
     * Sets the full-jitter back-off after 502, 503, 504 and failed connections. Default 500 ms and
     * 10 s.
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
     * Sets what waits between attempts. Default {@link Sleeper#system()}.
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
     * Sets the source of the back-off's jitter. Default: a new {@link java.util.SplittableRandom}.
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
     * Sends through this {@code HttpClient}, with its proxy, {@code SSLContext}, executor, connect
     * timeout and redirect policy. Default: a client of its own ({@link #timeout} to connect, no
     * redirects, {@link #executor}).
     *
     * @param httpClient the client
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder httpClient(HttpClient httpClient) {
      Objects.requireNonNull(httpClient, "httpClient");
      once("httpClient", this.httpClient);
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Sets the executor of the sink's own {@code HttpClient}. Default: its own. Not with
     * {@link #httpClient}.
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
     * Builds the sink.
     *
     * @return the sink
     * @throws IllegalStateException if {@link #httpClient} was set with {@link #executor}
     */
    public HttpTelemetrySink build() {
      if (httpClient != null && executor != null) {
        throw new IllegalStateException("executor is a setting of the sink's own HttpClient; with"
            + " httpClient(...) set it on that HttpClient instead");
      }
      return new HttpTelemetrySink(this);
    }

    /**
     * Describes the settings without the key.
     *
     * @return a description
     */
    @Override
    public String toString() {
      return "HttpTelemetrySink.Builder[" + endpoint + "]";
    }
  }
}
