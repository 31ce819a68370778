package io.github.eventretry.eventbridge.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.eventretry.eventbridge.emulator.internal.AwsError;
import io.github.eventretry.eventbridge.emulator.internal.Cbor;
import io.github.eventretry.eventbridge.emulator.internal.CloudWatchFake;
import io.github.eventretry.eventbridge.emulator.internal.EventBridgeFake;
import io.github.eventretry.eventbridge.emulator.internal.SigV4Verifier;
import io.github.eventretry.eventbridge.emulator.internal.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon EventBridge and Amazon CloudWatch on the loopback interface, in memory, for tests and
 * credential-free runs. Built like OkHttp's MockWebServer: start it, point the AWS SDK (or any AWS
 * client) at {@link #endpoint()} with the emulator's credentials and region, script
 * {@link AwsFault faults} with {@link #enqueue}, and assert on {@link #takeRequest()}.
 *
 * <p>What it serves, on one port:
 * <ul>
 *   <li>EventBridge in AWS JSON 1.1 ({@code X-Amz-Target: AWSEvents.*}): {@code CreateEventBus},
 *       {@code DescribeEventBus}, {@code ListEventBuses}, {@code PutRule}, {@code DescribeRule},
 *       {@code ListRules}, {@code DeleteRule}, {@code PutTargets}, {@code ListTargetsByRule},
 *       {@code RemoveTargets}, {@code CreateApiDestination}, {@code DescribeApiDestination},
 *       {@code UpdateApiDestination}; AWS's validation messages (ranges, name patterns, at most 5
 *       targets a rule and 10 entries a call, no FIFO dead-letter queue) and error body
 *       {@code {"__type", "message"}}.
 *   <li>CloudWatch {@code GetMetricData}, {@code PutMetricData} and {@code ListMetrics} in Smithy RPC v2
 *       CBOR (the AWS SDK for Java since 2.40.7), AWS JSON 1.0, and the query protocol.
 *   <li>EventBridge's {@code AWS/Events} metrics of every rule, derived minute by minute by a
 *       {@link DeliveryModel} from the targets' {@code RetryPolicy} and {@code DeadLetterConfig} at that
 *       minute, published as EventBridge does only when non-zero.
 * </ul>
 * Every request must be signed with Signature Version 4 by configured credentials for the configured
 * region and the right service ({@code events} or {@code monitoring}); a wrong secret gets AWS's
 * signature error.
 *
 * <p>Listens on 127.0.0.1 only. Thread-safe. Close it to stop.
 */
public final class AwsEmulator implements AutoCloseable {
  /** The access key id registered when none is given. Not a secret: loopback only. */
  public static final String DEFAULT_ACCESS_KEY_ID = "AKIAEVENTRETRYEMULAT";
  /** The secret access key of {@link #DEFAULT_ACCESS_KEY_ID}. Not a secret: loopback only. */
  public static final String DEFAULT_SECRET_ACCESS_KEY = "emulator-secret-access-key";
  /** The region when none is given. */
  public static final String DEFAULT_REGION = "us-east-1";
  /**
   * The account when none is given: the {@code awsAccountId} of the Genesys Cloud emulator's default
   * integration.
   */
  public static final String DEFAULT_ACCOUNT = "123456789012";
  /** The Genesys Cloud organization of {@link Builder#seedGenesysExample()}. */
  public static final String GENESYS_ORG_ID = "0d5c5a6e-7c2b-4f1e-9a38-6b2f4e8d1c07";
  /**
   * The event source suffix of {@link Builder#seedGenesysExample()}: the {@code eventSourceSuffix} of the
   * Genesys Cloud emulator's default integration.
   */
  public static final String GENESYS_EVENT_SOURCE_SUFFIX = "eventretry-demo";
  /** The rule {@link Builder#seedGenesysExample()} creates on the partner event bus. */
  public static final String GENESYS_RULE = "genesys-events";

  private static final Logger LOG = LoggerFactory.getLogger(AwsEmulator.class);
  private static final String EVENTS_TARGET = "AWSEvents.";
  private static final String CLOUDWATCH_TARGET = "GraniteServiceVersion20100801.";
  private static final String CBOR_PATH = "/service/GraniteServiceVersion20100801/operation/";

  private final HttpServer server;
  private final ExecutorService workers;
  private final String region;
  private final String account;
  private final SigV4Verifier verifier;
  private final Object lock = new Object();
  private final SplittableRandom random;
  private final EventBridgeFake events;
  private final CloudWatchFake cloudWatch;
  private final List<Queued> faults = new ArrayList<>();
  private final List<AwsFault.FailEntry> entryFaults = new ArrayList<>();
  private final LinkedBlockingQueue<RecordedRequest> unread = new LinkedBlockingQueue<>();
  private final List<RecordedRequest> all = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();

  private record Queued(Optional<String> operation, AwsFault fault) {}

  private AwsEmulator(Builder b) throws IOException {
    this.region = b.region;
    this.account = b.account;
    this.random = new SplittableRandom(b.seed);
    this.verifier = new SigV4Verifier(b.credentials.isEmpty()
        ? Map.of(DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY) : b.credentials, b.region,
        b.signingClock);
    this.events = new EventBridgeFake(b.region, b.account, b.clock,
        b.pageSize > 0 ? b.pageSize : Integer.MAX_VALUE, this::uuid);
    this.cloudWatch = new CloudWatchFake(b.clock, b.model, events::targetsAt, v -> events.rulesByBus(),
        b.pageSize);
    if (b.genesysOrg != null) {
      seedGenesys(b.genesysOrg, b.genesysSuffix);
    }
    this.workers = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "aws-emulator");
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), b.port), 128);
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    LOG.debug("AWS emulator listening on {}", endpoint());
  }

  /**
   * Starts an emulator with the defaults: an ephemeral port, {@link #DEFAULT_ACCESS_KEY_ID},
   * {@link #DEFAULT_REGION}, {@link #DEFAULT_ACCOUNT}, only the default event bus, a healthy destination.
   *
   * @return the running emulator
   * @throws IOException if it cannot listen
   */
  public static AwsEmulator start() throws IOException {
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
   * Returns the name of the partner event bus Genesys Cloud's EventBridge integration delivers to.
   *
   * @param orgId the Genesys Cloud organization id
   * @param eventSourceSuffix the integration's {@code eventSourceSuffix}
   * @return {@code aws.partner/genesys.com/cloud/<orgId>/<eventSourceSuffix>}
   */
  public static String genesysPartnerBus(String orgId, String eventSourceSuffix) {
    return "aws.partner/genesys.com/cloud/" + Objects.requireNonNull(orgId, "orgId") + "/"
        + Objects.requireNonNull(eventSourceSuffix, "eventSourceSuffix");
  }

  /**
   * Returns the endpoint to give an AWS client (both services answer on it).
   *
   * @return {@code http://127.0.0.1:<port>}
   */
  public URI endpoint() {
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
   * Returns the region requests must be signed for.
   *
   * @return such as {@code us-east-1}
   */
  public String region() {
    return region;
  }

  /**
   * Returns the account in every ARN the emulator makes.
   *
   * @return 12 digits
   */
  public String account() {
    return account;
  }

  /**
   * Queues a fault for the next request, whatever its operation. A {@link AwsFault.FailEntry} instead
   * waits for the next {@code PutTargets} that carries its target.
   *
   * @param fault the fault
   */
  public void enqueue(AwsFault fault) {
    enqueue(Optional.empty(), fault);
  }

  /**
   * Queues a fault for the next request of one operation.
   *
   * @param operation such as {@code PutTargets} or {@code GetMetricData}
   * @param fault the fault
   */
  public void enqueue(String operation, AwsFault fault) {
    enqueue(Optional.of(Objects.requireNonNull(operation, "operation")), fault);
  }

  private void enqueue(Optional<String> operation, AwsFault fault) {
    Objects.requireNonNull(fault, "fault");
    synchronized (lock) {
      if (fault instanceof AwsFault.FailEntry f) {
        entryFaults.add(f);
      } else {
        faults.add(new Queued(operation, fault));
      }
    }
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
   * Returns the requests of one operation received so far.
   *
   * @param operation such as {@code PutTargets}
   * @return a copy, in order of arrival
   */
  public List<RecordedRequest> requests(String operation) {
    return requests().stream().filter(r -> r.operation().equals(operation)).toList();
  }

  /** Stops listening and ends the worker threads. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  // -------------------------------------------------------------------------------------- seeding

  private void seedGenesys(String orgId, String suffix) {
    String bus = genesysPartnerBus(orgId, suffix);
    events.addPartnerEventSource(bus);
    call("CreateEventBus", Map.of("Name", bus, "EventSourceName", bus));
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("Name", GENESYS_RULE);
    rule.put("EventBusName", bus);
    rule.put("EventPattern", "{\"source\":[{\"prefix\":\"aws.partner/genesys.com\"}]}");
    rule.put("Description", "Genesys Cloud events to the queue and the webhook");
    call("PutRule", rule);
    Map<String, Object> api = new LinkedHashMap<>();
    api.put("Name", "genesys-webhook");
    api.put("ConnectionArn", "arn:aws:events:" + region + ":" + account
        + ":connection/genesys-webhook-auth/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    api.put("InvocationEndpoint", "https://hooks.example.com/genesys");
    api.put("HttpMethod", "POST");
    api.put("InvocationRateLimitPerSecond", 300L);
    String apiArn = (String) call("CreateApiDestination", api).get("ApiDestinationArn");
    Map<String, Object> sqs = new LinkedHashMap<>();
    sqs.put("Id", "sqs-queue");
    sqs.put("Arn", "arn:aws:sqs:" + region + ":" + account + ":genesys-events");
    sqs.put("RetryPolicy", new LinkedHashMap<>(Map.of("MaximumRetryAttempts", 185L,
        "MaximumEventAgeInSeconds", 86_400L)));
    Map<String, Object> webhook = new LinkedHashMap<>();
    webhook.put("Id", "api-destination");
    webhook.put("Arn", apiArn);
    webhook.put("RoleArn", "arn:aws:iam::" + account + ":role/genesys-events-invoke");
    webhook.put("HttpParameters", new LinkedHashMap<>(Map.of("HeaderParameters",
        new LinkedHashMap<>(Map.of("X-Source", "genesys")))));
    Map<String, Object> put = new LinkedHashMap<>();
    put.put("Rule", GENESYS_RULE);
    put.put("EventBusName", bus);
    put.put("Targets", new ArrayList<>(List.of(sqs, webhook)));
    call("PutTargets", put);
  }

  private Map<String, Object> call(String operation, Map<String, Object> in) {
    synchronized (lock) {
      return events.handle(operation, new LinkedHashMap<>(in), new ArrayList<>());
    }
  }

  // ------------------------------------------------------------------------------------ transport

  private record Route(AwsProtocol protocol, String operation, Map<String, Object> form) {}

  private static Route route(String method, String path, String query, Map<String, List<String>> h,
      byte[] body) {
    String target = first(h, "x-amz-target");
    String type = Optional.ofNullable(first(h, "content-type")).orElse("").toLowerCase(Locale.ROOT);
    if (target != null && target.startsWith(EVENTS_TARGET)) {
      return new Route(AwsProtocol.AWS_JSON_1_1, target.substring(EVENTS_TARGET.length()), null);
    }
    if (target != null && target.startsWith(CLOUDWATCH_TARGET)) {
      return new Route(AwsProtocol.AWS_JSON_1_0, target.substring(CLOUDWATCH_TARGET.length()), null);
    }
    if (path.startsWith(CBOR_PATH) && method.equals("POST")) {
      return new Route(AwsProtocol.RPC_V2_CBOR, path.substring(CBOR_PATH.length()), null);
    }
    String form = null;
    if (method.equals("POST") && type.startsWith("application/x-www-form-urlencoded")) {
      form = new String(body, StandardCharsets.UTF_8);
    } else if (method.equals("GET") && query != null) {
      form = query;
    }
    if (form != null) {
      Map<String, Object> tree = Wire.form(form);
      Object action = tree.get("Action");
      if (action instanceof String a && !a.isEmpty()) {
        return new Route(AwsProtocol.QUERY, a, tree);
      }
    }
    return new Route(AwsProtocol.UNKNOWN, "", null);
  }

  private static String first(Map<String, List<String>> h, String name) {
    List<String> v = h.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      URI uri = ex.getRequestURI();
      Map<String, List<String>> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.merge(k.toLowerCase(Locale.ROOT),
          new ArrayList<>(v), (a, c) -> {
            a.addAll(c);
            return a;
          }));
      String method = ex.getRequestMethod();
      Route route = route(method, uri.getRawPath(), uri.getRawQuery(), headers, body);
      RecordedRequest req = new RecordedRequest(sequence.incrementAndGet(), method, uri.getRawPath(),
          Optional.ofNullable(uri.getRawQuery()), headers, body, route.protocol(), route.operation());
      AwsFault fault = null;
      synchronized (lock) {
        all.add(req);
        for (int i = 0; i < faults.size(); i++) {
          Queued q = faults.get(i);
          if (q.operation().isEmpty() || q.operation().get().equals(route.operation())) {
            fault = q.fault();
            faults.remove(i);
            break;
          }
        }
      }
      unread.add(req);
      String requestId = uuid();
      if (fault instanceof AwsFault.Delay d) {
        try {
          Thread.sleep(d.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        fault = null;
      }
      if (fault instanceof AwsFault.DropConnection) {
        return; // closing the exchange before any header is sent closes the connection
      }
      if (fault instanceof AwsFault.Respond r) {
        send(ex, r.status(), Map.of("Content-Type", r.contentType()), r.body());
        return;
      }
      boolean isEvents = route.protocol() == AwsProtocol.AWS_JSON_1_1;
      try {
        if (fault instanceof AwsFault.Error e) {
          throw faultError(e, isEvents);
        }
        if (fault instanceof AwsFault.Throttle) {
          throw isEvents ? AwsError.events(400, "ThrottlingException", "Rate exceeded")
              : new AwsError(400, "ThrottlingException", "Throttling", true, "Rate exceeded");
        }
        Map<String, Object> out = answer(route, new SigV4Verifier.Request(method, uri.getRawPath(),
            route.protocol() == AwsProtocol.QUERY && method.equals("GET") ? uri.getRawQuery()
                : uri.getRawQuery(), headers, body));
        respond(ex, route, out, requestId);
      } catch (AwsError e) {
        respondError(ex, route, e, requestId);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("AWS emulator could not answer {} {}: {}", ex.getRequestMethod(),
          ex.getRequestURI().getPath(), e.toString());
      throw e;
    }
  }

  private static AwsError faultError(AwsFault.Error e, boolean isEvents) {
    if (isEvents) {
      return AwsError.events(e.status(), e.code(), e.message());
    }
    String code = e.code();
    String queryCode = code.endsWith("Exception") ? code.substring(0, code.length() - 9) : code;
    String jsonCode = code.endsWith("Exception") || code.endsWith("Fault") ? code : code + "Exception";
    return new AwsError(e.status(), jsonCode, queryCode, e.status() < 500, e.message());
  }

  private Map<String, Object> answer(Route route, SigV4Verifier.Request signed) {
    switch (route.protocol()) {
      case AWS_JSON_1_1: {
        verifier.verify(signed, "events", SigV4Verifier.Style.JSON);
        Map<String, Object> in = Wire.json(signed.body(), true);
        synchronized (lock) {
          return events.handle(route.operation(), in, entryFaults);
        }
      }
      case AWS_JSON_1_0:
      case RPC_V2_CBOR:
      case QUERY: {
        verifier.verify(signed, "monitoring", SigV4Verifier.Style.QUERY);
        Map<String, Object> in;
        if (route.protocol() == AwsProtocol.QUERY) {
          in = new LinkedHashMap<>(route.form());
          Object version = in.remove("Version");
          in.remove("Action");
          if (!"2010-08-01".equals(version)) {
            throw AwsError.cloudWatch(400, "InvalidParameterValue", "The value " + version
                + " for parameter Version is invalid: CloudWatch's is 2010-08-01.");
          }
        } else if (route.protocol() == AwsProtocol.RPC_V2_CBOR) {
          in = Wire.cbor(signed.body());
        } else {
          in = Wire.json(signed.body(), false);
        }
        synchronized (lock) {
          return cloudWatch.handle(route.operation(), in);
        }
      }
      default:
        throw new AwsError(404, "UnknownOperationException", "UnknownOperation", true,
            "The request is not an EventBridge or CloudWatch operation this emulator knows.");
    }
  }

  private static void respond(HttpExchange ex, Route route, Map<String, Object> out, String requestId)
      throws IOException {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("x-amzn-RequestId", requestId);
    byte[] body;
    switch (route.protocol()) {
      case AWS_JSON_1_1 -> {
        h.put("Content-Type", "application/x-amz-json-1.1");
        body = Wire.json(out);
      }
      case AWS_JSON_1_0 -> {
        h.put("Content-Type", "application/x-amz-json-1.0");
        body = Wire.json(out);
      }
      case RPC_V2_CBOR -> {
        h.put("Content-Type", "application/cbor");
        h.put("smithy-protocol", "rpc-v2-cbor");
        body = Cbor.encode(out);
      }
      default -> {
        h.put("Content-Type", "text/xml");
        body = Wire.xml(route.operation(), out, requestId);
      }
    }
    send(ex, 200, h, body);
  }

  private static void respondError(HttpExchange ex, Route route, AwsError e, String requestId)
      throws IOException {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("x-amzn-RequestId", requestId);
    byte[] body;
    switch (route.protocol()) {
      case AWS_JSON_1_1 -> {
        h.put("Content-Type", "application/x-amz-json-1.1");
        body = Wire.json(Wire.errorTree(e, ""));
      }
      case AWS_JSON_1_0 -> {
        h.put("Content-Type", "application/x-amz-json-1.0");
        h.put("x-amzn-query-error", e.queryCode() + ";" + e.faultType());
        body = Wire.json(Wire.errorTree(e, Wire.CLOUDWATCH_NAMESPACE));
      }
      case RPC_V2_CBOR -> {
        h.put("Content-Type", "application/cbor");
        h.put("smithy-protocol", "rpc-v2-cbor");
        h.put("x-amzn-query-error", e.queryCode() + ";" + e.faultType());
        body = Cbor.encode(Wire.errorTree(e, Wire.CLOUDWATCH_NAMESPACE));
      }
      case QUERY -> {
        h.put("Content-Type", "text/xml");
        body = Wire.xmlError(e, requestId);
      }
      default -> {
        h.put("Content-Type", "application/json");
        body = Wire.json(Wire.errorTree(e, ""));
      }
    }
    send(ex, e.status(), h, body);
  }

  private static void send(HttpExchange ex, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (body.length == 0) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private String uuid() {
    synchronized (lock) {
      return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
          random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }
  }

  /**
   * Builds an {@link AwsEmulator}. Each setting but {@link #credentials}, which adds, can be set once; a
   * second set is an {@link IllegalStateException} naming the value already set. Not thread-safe.
   */
  public static final class Builder {
    private int port;
    private final Map<String, String> credentials = new LinkedHashMap<>();
    private String region = DEFAULT_REGION;
    private String account = DEFAULT_ACCOUNT;
    private Clock clock = Clock.systemUTC();
    private Clock signingClock = Clock.systemUTC();
    private DeliveryModel model = DeliveryModel.healthy();
    private long seed;
    private int pageSize;
    private int threads = 16;
    private String genesysOrg;
    private String genesysSuffix;
    private final Set<String> set = new HashSet<>();

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
     * Registers credentials that may sign requests. Default: {@link #DEFAULT_ACCESS_KEY_ID} with
     * {@link #DEFAULT_SECRET_ACCESS_KEY} when none is registered.
     *
     * @param accessKeyId 16 to 128 of {@code [A-Za-z0-9]}
     * @param secretAccessKey not blank
     * @return this builder
     * @throws IllegalArgumentException if the id is not such a text or the secret is blank (the
     *     message never holds the secret)
     */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      if (!accessKeyId.matches("[A-Za-z0-9]{16,128}")) {
        throw new IllegalArgumentException("access key id must be 16 to 128 letters and digits"
            + " (rejected: " + accessKeyId.length() + " characters)");
      }
      if (secretAccessKey.isBlank()) {
        throw new IllegalArgumentException("secret access key must not be blank");
      }
      credentials.put(accessKeyId, secretAccessKey);
      return this;
    }

    /**
     * Sets the region requests must be signed for and ARNs carry. Default {@link #DEFAULT_REGION}.
     *
     * @param region such as {@code eu-west-1}: lower-case letters, digits and dashes
     * @return this builder
     * @throws IllegalArgumentException if not such a name
     * @throws IllegalStateException if already set
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}")) {
        throw new IllegalArgumentException("region must look like us-east-1 (rejected: "
            + io.github.eventretry.core.text.SafeText.quote(region) + ")");
      }
      once("region", this.region);
      this.region = region;
      return this;
    }

    /**
     * Sets the account ARNs carry. Default {@link #DEFAULT_ACCOUNT}.
     *
     * @param account 12 digits
     * @return this builder
     * @throws IllegalArgumentException if not 12 digits
     * @throws IllegalStateException if already set
     */
    public Builder account(String account) {
      Objects.requireNonNull(account, "account");
      if (!account.matches("\\d{12}")) {
        throw new IllegalArgumentException("account must be 12 digits (rejected: "
            + io.github.eventretry.core.text.SafeText.quote(account) + ")");
      }
      once("account", this.account);
      this.account = account;
      return this;
    }

    /**
     * Sets the clock of the emulated services: changes are recorded at its time, and no metric is
     * derived past it. A manual clock lets a test make hours of metrics pass in no time. Default
     * {@link Clock#systemUTC()}.
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
     * Sets the clock request signatures are checked against (a signature more than 5 minutes from it is
     * refused, as AWS does). AWS clients sign with the wall clock, so only a test of that check needs
     * another. Default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder signingClock(Clock clock) {
      once("signingClock", this.signingClock);
      this.signingClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the delivery model behind the {@code AWS/Events} metrics. Default
     * {@link DeliveryModel#healthy()}.
     *
     * @param model the model
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder deliveryModel(DeliveryModel model) {
      once("deliveryModel", this.model);
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets the seed of request ids and generated ids. Default 0.
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
     * Makes every list operation and {@code GetMetricData} answer at most this many items (datapoints)
     * a page, whatever the request's limit, so that paging can be tested. Default: AWS's page sizes.
     *
     * @param items 1 or more
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     * @throws IllegalStateException if already set
     */
    public Builder pageSize(int items) {
      if (items < 1) {
        throw new IllegalArgumentException("pageSize must be 1 or more (rejected: " + items + ")");
      }
      once("pageSize", this.pageSize);
      this.pageSize = items;
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
     * Seeds what a Genesys Cloud EventBridge integration leads to: the partner event source and its
     * event bus {@code aws.partner/genesys.com/cloud/<orgId>/<eventSourceSuffix>}, the rule
     * {@link #GENESYS_RULE} on it, and two targets: {@code sqs-queue} (an SQS queue, with a
     * {@code RetryPolicy} of 185 attempts and 24 h) and {@code api-destination} (the API destination
     * {@code genesys-webhook}, 300 invocations a second, with no {@code RetryPolicy}: AWS's defaults).
     *
     * @param orgId the Genesys Cloud organization id
     * @param eventSourceSuffix the integration's {@code eventSourceSuffix}
     * @return this builder
     * @throws IllegalArgumentException if either is not 1 to 64 of {@code [A-Za-z0-9._-]}
     * @throws IllegalStateException if already set
     */
    public Builder seedGenesysExample(String orgId, String eventSourceSuffix) {
      Objects.requireNonNull(orgId, "orgId");
      Objects.requireNonNull(eventSourceSuffix, "eventSourceSuffix");
      for (String v : List.of(orgId, eventSourceSuffix)) {
        if (!v.matches("[A-Za-z0-9._-]{1,64}")) {
          throw new IllegalArgumentException("orgId and eventSourceSuffix must be 1 to 64 of"
              + " [A-Za-z0-9._-] (rejected: " + io.github.eventretry.core.text.SafeText.quote(v) + ")");
        }
      }
      once("seedGenesysExample", this.genesysOrg);
      this.genesysOrg = orgId;
      this.genesysSuffix = eventSourceSuffix;
      return this;
    }

    /**
     * Seeds the Genesys example for {@link #GENESYS_ORG_ID} and {@link #GENESYS_EVENT_SOURCE_SUFFIX}
     * (the Genesys Cloud emulator's default integration).
     *
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder seedGenesysExample() {
      return seedGenesysExample(GENESYS_ORG_ID, GENESYS_EVENT_SOURCE_SUFFIX);
    }

    /**
     * Starts the emulator.
     *
     * @return the running emulator
     * @throws IOException if it cannot listen on the port
     */
    public AwsEmulator start() throws IOException {
      return new AwsEmulator(this);
    }
  }
}
