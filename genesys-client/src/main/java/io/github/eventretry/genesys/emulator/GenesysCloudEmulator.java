package io.github.eventretry.genesys.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.eventretry.genesys.IntegrationConfiguration;
import io.github.eventretry.genesys.emulator.internal.ErrorBodies;
import io.github.eventretry.genesys.emulator.internal.FakeGenesys;
import io.github.eventretry.genesys.emulator.internal.TlsMaterial;
import io.github.eventretry.genesys.internal.GenesysApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Genesys Cloud on the loopback interface, in memory, for tests and credential-free runs. Built like
 * OkHttp's MockWebServer: start it, point a client at {@link #baseUri()}, script replies with
 * {@link #enqueue} or a {@link Dispatcher}, and assert on {@link #takeRequest()}.
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
 * <p><b>Plain HTTP</b> (the default) on {@code http://127.0.0.1:PORT}: token and API on the same
 * host, as eventretry's client expects of a base URI that does not start with {@code api.}.
 *
 * <p><b>TLS</b> ({@link Builder#tls}) on {@code https://api.<domain>:PORT} and
 * {@code https://login.<domain>:PORT}, one port, both names on 127.0.0.1, with a certificate the
 * emulator makes for them: the token endpoint answers on the login host only and the API on the api
 * host only, as Genesys Cloud does, so Genesys's own SDKs, which derive {@code https://login.} from the
 * API base path, run against it unchanged. The folder gets {@code ca.pem}, {@code truststore.p12}
 * (PKCS12, password {@code changeit}) and {@code hosts}.
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
  /** The domain of TLS mode when none is given ({@code .test} is reserved for testing, RFC 2606). */
  public static final String DEFAULT_DOMAIN = "genesys-emulator.test";
  /** TLS mode: the CA certificate (PEM) in the folder. */
  public static final String CA_FILE = TlsMaterial.CA_FILE;
  /** TLS mode: the PKCS12 trust store in the folder. */
  public static final String TRUST_STORE_FILE = TlsMaterial.TRUST_STORE_FILE;
  /** TLS mode: the password of the trust store. */
  public static final String TRUST_STORE_PASSWORD = TlsMaterial.PASSWORD;
  /** TLS mode: the hosts file in the folder. */
  public static final String HOSTS_FILE = TlsMaterial.HOSTS_FILE;

  private static final Logger LOG = LoggerFactory.getLogger(GenesysCloudEmulator.class);
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private final HttpServer server;
  private final ExecutorService workers;
  private final FakeGenesys genesys;
  private final Optional<String> domain;
  private final Optional<Path> tlsDirectory;
  private final Object lock = new Object();
  private final Deque<Reply> apiReplies = new ArrayDeque<>();
  private final Deque<Reply> tokenReplies = new ArrayDeque<>();
  private volatile Dispatcher dispatcher = Dispatcher.genesys();
  private final LinkedBlockingQueue<RecordedRequest> unread = new LinkedBlockingQueue<>();
  private final List<RecordedRequest> all = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger tokenRequests = new AtomicInteger();

  private GenesysCloudEmulator(Builder b) throws IOException {
    this.domain = b.tls == null ? Optional.empty() : Optional.of(b.domain);
    this.tlsDirectory = Optional.ofNullable(b.tls);
    Map<String, String> clients = b.clients.isEmpty()
        ? Map.of(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)
        : b.clients;
    this.genesys = new FakeGenesys(b.clock, b.tokenLifetime, b.requestsPerMinute, b.metrics, clients,
        b.integrationIds.isEmpty() ? List.of(DEFAULT_INTEGRATION_ID) : b.integrationIds, b.seed,
        domain);
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), b.port);
    if (b.tls != null) {
      TlsMaterial tls = TlsMaterial.inFolder(b.tls, b.domain);
      HttpsServer https = HttpsServer.create(address, 128);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
      this.server = https;
    } else {
      this.server = HttpServer.create(address, 128);
    }
    this.workers = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "genesys-emulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    LOG.debug("Genesys Cloud emulator listening on {}", baseUri());
  }

  /**
   * Starts an emulator with the defaults: plain HTTP, an ephemeral port, client
   * {@link #DEFAULT_CLIENT_ID}, one integration {@link #DEFAULT_INTEGRATION_ID}.
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
   * Returns the API base URI to give a client.
   *
   * @return {@code http://127.0.0.1:<port>}, or in TLS mode {@code https://api.<domain>:<port>}
   */
  public URI baseUri() {
    return domain.map(d -> URI.create("https://api." + d + ":" + port()))
        .orElseGet(() -> URI.create("http://127.0.0.1:" + port()));
  }

  /**
   * Returns the base URI of the token endpoint's host.
   *
   * @return {@code http://127.0.0.1:<port>}, or in TLS mode {@code https://login.<domain>:<port>}
   */
  public URI loginUri() {
    return domain.map(d -> URI.create("https://login." + d + ":" + port()))
        .orElseGet(() -> URI.create("http://127.0.0.1:" + port()));
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
   * Returns the TLS domain.
   *
   * @return such as {@code genesys-emulator.test}, or empty in plain HTTP mode
   */
  public Optional<String> domain() {
    return domain;
  }

  /**
   * Returns the folder of the TLS files ({@link #CA_FILE}, {@link #TRUST_STORE_FILE},
   * {@link #HOSTS_FILE}).
   *
   * @return the folder, or empty in plain HTTP mode
   */
  public Optional<Path> tlsDirectory() {
    return tlsDirectory;
  }

  /**
   * Queues a reply (a {@link Fault} or a {@link Response}) for the next API request (any path but
   * {@code /oauth/token}).
   *
   * @param reply the reply
   */
  public void enqueue(Reply reply) {
    Objects.requireNonNull(reply, "reply");
    synchronized (lock) {
      apiReplies.addLast(reply);
    }
  }

  /**
   * Queues a reply for the next token request ({@code POST /oauth/token}).
   *
   * @param reply the reply
   */
  public void enqueueToken(Reply reply) {
    Objects.requireNonNull(reply, "reply");
    synchronized (lock) {
      tokenReplies.addLast(reply);
    }
  }

  /**
   * Sets the dispatcher asked for every request once the queues are empty. Default
   * {@link Dispatcher#genesys()}.
   *
   * @param dispatcher the dispatcher
   */
  public void dispatcher(Dispatcher dispatcher) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  /**
   * Sets a dispatcher that only picks faults (or responses): the reply it returns, or Genesys's
   * normal answer when it returns empty. Shorthand for {@link #dispatcher(Dispatcher)}.
   *
   * @param picker picks the reply for a request, or empty for the normal answer
   */
  public void dispatcher(Function<RecordedRequest, Optional<? extends Reply>> picker) {
    Objects.requireNonNull(picker, "picker");
    dispatcher((request, normal) -> {
      Optional<? extends Reply> picked = picker.apply(request);
      return picked.isPresent() ? picked.get() : normal.get();
    });
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
    return genesys.issuedTokens();
  }

  /** Makes every issued token invalid, as if revoked: the next API call gets 401. */
  public void revokeTokens() {
    genesys.revokeTokens();
  }

  /**
   * Returns an integration's current configuration.
   *
   * @param integrationId the integration
   * @return the {@code IntegrationConfiguration} as stored
   * @throws IllegalArgumentException if there is no such integration
   */
  public IntegrationConfiguration configuration(String integrationId) {
    return IntegrationConfiguration.fromJson(genesys.configuration(integrationId));
  }

  /**
   * Changes an integration's configuration as another writer would: the function gets the
   * configuration's JSON text and returns the new one, which is stored with the version incremented
   * (its {@code id}, {@code version} and {@code selfUri} are set by the emulator).
   *
   * @param integrationId the integration
   * @param edit the change, from JSON text to JSON text
   * @return the new version
   * @throws IllegalArgumentException if there is no such integration, or the edit returns something
   *     that is not a JSON object
   */
  public long editConfiguration(String integrationId, UnaryOperator<String> edit) {
    return genesys.editConfiguration(integrationId, edit);
  }

  /** Stops listening and ends the worker threads. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------

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
      Reply queued;
      synchronized (lock) {
        all.add(req);
        queued = req.isTokenRequest() ? tokenReplies.pollFirst() : apiReplies.pollFirst();
      }
      unread.add(req);
      if (req.isTokenRequest()) {
        tokenRequests.incrementAndGet();
      }
      String correlation = genesys.correlationId();
      Reply reply = queued != null ? queued
          : Objects.requireNonNull(dispatcher.dispatch(req, () -> genesys.answer(req, correlation)),
              "the dispatcher's reply");
      play(ex, req, reply, correlation);
    } catch (IOException | RuntimeException e) {
      LOG.debug("emulator could not answer {} {}: {}", ex.getRequestMethod(),
          ex.getRequestURI().getPath(), e.toString());
      throw e;
    }
  }

  private void play(HttpExchange ex, RecordedRequest req, Reply reply, String correlation)
      throws IOException {
    if (reply instanceof Response r) {
      send(ex, r, correlation);
      return;
    }
    Fault fault = (Fault) reply;
    if (fault instanceof Fault.DropConnection) {
      // Closing the exchange before any header is sent closes the connection: the client reads EOF.
      ex.close();
      return;
    }
    if (fault instanceof Fault.Delay d) {
      try {
        // A slow server is the point of this fault: the wait is real time, on the emulator's thread.
        Thread.sleep(d.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      send(ex, genesys.answer(req, correlation), correlation);
      return;
    }
    send(ex, ErrorBodies.of(fault, correlation).orElseThrow(), correlation);
  }

  private static void send(HttpExchange ex, Response r, String correlation) throws IOException {
    byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set(GenesysApi.CORRELATION_HEADER, correlation);
    if (r.header("Content-Type").isEmpty()) {
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    }
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (bytes.length == 0) {
      ex.sendResponseHeaders(r.status(), -1);
      return;
    }
    ex.sendResponseHeaders(r.status(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
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
    private Path tls;
    private String domain = DEFAULT_DOMAIN;
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
     * Sets the metrics model. Default {@link MetricsModel#healthy()}; {@link MetricsModel#fixed} gives
     * a chosen success rate and volume.
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
     * Serves HTTPS instead of HTTP, on {@code api.<domain>} and {@code login.<domain>} (see
     * {@link #domain}), with a certificate the emulator makes for those names and signs with a CA of
     * its own. Writes into the folder (created if absent): {@value GenesysCloudEmulator#CA_FILE}
     * (the CA, PEM), {@value GenesysCloudEmulator#TRUST_STORE_FILE} (PKCS12 with the CA, password
     * {@value GenesysCloudEmulator#TRUST_STORE_PASSWORD}), {@value GenesysCloudEmulator#HOSTS_FILE}
     * (both names on 127.0.0.1, for {@code -Djdk.net.hosts.file} or {@code /etc/hosts}) and
     * {@code emulator.p12} (its own key, kept so that a restarted emulator has the same CA; one for
     * other names is replaced, a file it did not write makes {@link #start} fail and is left alone).
     * Default: plain HTTP.
     *
     * @param directory the folder for those files
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder tls(Path directory) {
      Objects.requireNonNull(directory, "directory");
      once("tls", this.tls);
      this.tls = directory;
      return this;
    }

    /**
     * Sets the domain of TLS mode: the emulator answers as {@code api.<domain>} and
     * {@code login.<domain>}. Default {@value #DEFAULT_DOMAIN}. Only with {@link #tls}.
     *
     * @param domain a DNS name of labels (letters, digits, inner hyphens), such as
     *     {@code genesys-emulator.test}; lower-cased
     * @return this builder
     * @throws IllegalArgumentException if it is not such a name
     * @throws IllegalStateException if already set
     */
    public Builder domain(String domain) {
      Objects.requireNonNull(domain, "domain");
      String d = domain.strip().toLowerCase(Locale.ROOT);
      boolean ok = !d.isEmpty() && d.length() <= 240 && !d.endsWith(".");
      for (String label : d.split("\\.", -1)) {
        ok &= LABEL.matcher(label).matches();
      }
      if (!ok) {
        throw new IllegalArgumentException("domain must be a DNS name such as " + DEFAULT_DOMAIN
            + ": labels of letters, digits and inner hyphens, separated by dots (rejected: "
            + io.github.eventretry.core.text.SafeText.quote(domain) + ")");
      }
      once("domain", this.domain);
      this.domain = d;
      return this;
    }

    /**
     * Starts the emulator.
     *
     * @return the running emulator
     * @throws IllegalStateException if {@link #domain} was set without {@link #tls}
     * @throws IOException if it cannot listen on the port, or the TLS folder cannot be written
     */
    public GenesysCloudEmulator start() throws IOException {
      if (tls == null && set.contains("domain")) {
        throw new IllegalStateException("domain(...) names the hosts of TLS mode; set tls(folder) too");
      }
      return new GenesysCloudEmulator(this);
    }
  }
}
