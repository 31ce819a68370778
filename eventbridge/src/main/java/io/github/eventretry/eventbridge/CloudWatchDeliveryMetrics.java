package io.github.eventretry.eventbridge;

import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.text.SafeText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * A rollout judged by real numbers: EventBridge's {@code AWS/Events} metrics in CloudWatch, read with
 * {@code GetMetricData} (1-minute periods, every page) for the rules whose targets carry the new
 * policy, dimensioned by {@code EventBusName} and {@code RuleName} (a partner or custom bus needs both;
 * rules on the default bus have {@code RuleName} only).
 *
 * <ul>
 *   <li>sample size = the sum of {@code Invocations};
 *   <li>success rate = ({@code Invocations} − {@code FailedInvocations}) / {@code Invocations};
 *   <li>retries = {@code RetryInvocationAttempts}; dead-lettered = {@code InvocationsSentToDlq};
 *   <li>mean latency = {@code IngestionToInvocationSuccessLatency}, averaged minute by minute weighted
 *       by that minute's successful invocations.
 * </ul>
 * EventBridge publishes several of these only when they are not zero, so a missing datapoint counts as
 * zero. A window with no invocations at all has sample size 0 and success rate 0: insufficient data,
 * never success.
 *
 * <p>Thread-safe. Close it to release the AWS client it built.
 */
public final class CloudWatchDeliveryMetrics implements DeliveryMetricsSource, AutoCloseable {
  /** CloudWatch's limit of queries a {@code GetMetricData}; 5 queries a rule. */
  static final int RULES_PER_CALL = 100;
  private static final int PERIOD_SECONDS = 60;
  private static final String[] METRICS = {"Invocations", "FailedInvocations", "RetryInvocationAttempts",
      "InvocationsSentToDlq", "IngestionToInvocationSuccessLatency"};
  private static final String[] SUFFIX = {"inv", "failed", "retries", "dlq", "latency"};

  private final CloudWatchClient client;
  private final Supplier<String> bus;
  private final Supplier<Set<String>> rules;

  private CloudWatchDeliveryMetrics(Builder b) {
    this.client = Clients.cloudWatch(b.connection);
    this.bus = b.bus;
    this.rules = b.rules;
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
   * Returns the delivery metrics of the rules over [from, to).
   *
   * @param integrationId the integration (carried into the result)
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive; after {@code from}
   * @return the metrics; sample size 0 when the rules had no invocations
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   * @throws AwsException if CloudWatch could not be read or answered a query with {@code InternalError}
   *     or {@code Forbidden}
   */
  @Override
  public DeliveryMetrics fetch(String integrationId, Instant from, Instant to) {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
    }
    String busName = bus.get();
    List<String> names = new ArrayList<>(new TreeSet<>(rules.get()));
    double[] totals = new double[4];
    double latencyWeighted = 0;
    double latencyWeight = 0;
    for (int start = 0; start < names.size(); start += RULES_PER_CALL) {
      List<String> chunk = names.subList(start, Math.min(names.size(), start + RULES_PER_CALL));
      Map<String, Map<Instant, Double>> series = query(busName, chunk, from, to);
      for (int r = 0; r < chunk.size(); r++) {
        Map<Instant, Double> inv = series.getOrDefault("r" + r + SUFFIX[0], Map.of());
        Map<Instant, Double> failed = series.getOrDefault("r" + r + SUFFIX[1], Map.of());
        for (int m = 0; m < 4; m++) {
          totals[m] += series.getOrDefault("r" + r + SUFFIX[m], Map.of()).values().stream()
              .mapToDouble(Double::doubleValue).sum();
        }
        for (Map.Entry<Instant, Double> l : series.getOrDefault("r" + r + SUFFIX[4], Map.of()).entrySet()) {
          double ok = inv.getOrDefault(l.getKey(), 0.0) - failed.getOrDefault(l.getKey(), 0.0);
          if (ok > 0 && l.getValue() >= 0) {
            latencyWeighted += l.getValue() * ok;
            latencyWeight += ok;
          }
        }
      }
    }
    long invocations = Math.round(totals[0]);
    long failedCount = Math.min(invocations, Math.round(totals[1]));
    double success = invocations == 0 ? 0.0 : (invocations - failedCount) / (double) invocations;
    Duration latency = latencyWeight == 0 ? Duration.ZERO
        : Duration.ofNanos(Math.round(latencyWeighted / latencyWeight * 1_000_000.0));
    return new DeliveryMetrics(integrationId, from, to, invocations, success,
        Math.max(0, Math.round(totals[2])), latency, Math.max(0, Math.round(totals[3])));
  }

  private Map<String, Map<Instant, Double>> query(String busName, List<String> chunk, Instant from,
      Instant to) {
    List<MetricDataQuery> queries = new ArrayList<>();
    for (int r = 0; r < chunk.size(); r++) {
      List<Dimension> dims = new ArrayList<>();
      if (!busName.equals("default")) {
        dims.add(Dimension.builder().name("EventBusName").value(busName).build());
      }
      dims.add(Dimension.builder().name("RuleName").value(chunk.get(r)).build());
      for (int m = 0; m < METRICS.length; m++) {
        String metric = METRICS[m];
        String stat = m == 4 ? "Average" : "Sum";
        queries.add(MetricDataQuery.builder()
            .id("r" + r + SUFFIX[m])
            .metricStat(s -> s.metric(x -> x.namespace("AWS/Events").metricName(metric).dimensions(dims))
                .period(PERIOD_SECONDS).stat(stat))
            .returnData(true)
            .build());
      }
    }
    Map<String, Map<Instant, Double>> out = new HashMap<>();
    Set<String> seenTokens = new HashSet<>();
    String token = null;
    do {
      String next = token;
      GetMetricDataResponse r;
      try {
        r = client.getMetricData(b -> b.metricDataQueries(queries).startTime(from).endTime(to)
            .scanBy(ScanBy.TIMESTAMP_ASCENDING).nextToken(next));
      } catch (SdkException e) {
        throw Clients.failure(e, "GetMetricData", "reading the AWS/Events metrics of rules "
            + String.join(", ", chunk.stream().map(SafeText::escape).toList()) + " on event bus "
            + SafeText.escape(busName)).build(e);
      }
      for (MetricDataResult m : r.metricDataResults()) {
        if (m.statusCode() == StatusCode.INTERNAL_ERROR || m.statusCode() == StatusCode.FORBIDDEN) {
          String why = m.messages().isEmpty() ? "" : ": " + SafeText.quote(m.messages().get(0).value(), 300);
          throw AwsException.builder("GetMetricData", "CloudWatch answered " + m.statusCodeAsString()
              + " for query " + m.id() + " of event bus " + SafeText.escape(busName) + why)
              .errorCode(m.statusCodeAsString()).build();
        }
        Map<Instant, Double> s = out.computeIfAbsent(m.id(), k -> new TreeMap<>());
        for (int i = 0; i < Math.min(m.timestamps().size(), m.values().size()); i++) {
          s.merge(m.timestamps().get(i), m.values().get(i), Double::sum);
        }
      }
      token = r.nextToken();
      if (token != null && !seenTokens.add(token)) {
        throw AwsException.builder("GetMetricData", "CloudWatch answered the same page token twice for"
            + " event bus " + SafeText.escape(busName) + "; stopped reading").build();
      }
    } while (token != null && !token.isEmpty());
    return out;
  }

  /** Closes the AWS client (not a caller's HTTP client). */
  @Override
  public void close() {
    client.close();
  }

  /**
   * Builds a {@link CloudWatchDeliveryMetrics}: the rules are named, or taken from an
   * {@link EventBridgeTargets}. Each setting can be set once; a second set is an
   * {@link IllegalStateException}. Not thread-safe.
   */
  public static final class Builder {
    private AwsConnection connection = AwsConnection.defaults();
    private Supplier<String> bus;
    private Supplier<Set<String>> rules;
    private final Set<String> set = new HashSet<>();

    private Builder() {}

    private void once(String name) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    /**
     * Sets how to reach AWS. Default {@link AwsConnection#defaults()}.
     *
     * @param connection the connection
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder connection(AwsConnection connection) {
      once("connection");
      this.connection = Objects.requireNonNull(connection, "connection");
      return this;
    }

    /**
     * Names the event bus and the rules whose metrics judge a rollout.
     *
     * @param eventBusName the bus name ({@code default} for the default bus)
     * @param ruleNames 1 or more rule names
     * @return this builder
     * @throws IllegalArgumentException if the bus is blank or no rule is given
     * @throws IllegalStateException if the rules were already set
     */
    public Builder rules(String eventBusName, List<String> ruleNames) {
      Objects.requireNonNull(eventBusName, "eventBusName");
      Set<String> copy = Set.copyOf(ruleNames);
      if (eventBusName.isBlank() || copy.isEmpty()) {
        throw new IllegalArgumentException("an event bus and at least one rule are required");
      }
      once("rules");
      this.bus = () -> eventBusName;
      this.rules = () -> copy;
      return this;
    }

    /**
     * Takes the bus and rules from an {@link EventBridgeTargets}: the rules whose targets carry the
     * policy it last applied ({@link EventBridgeTargets#appliedRules()}), or every rule with matched
     * targets before it applied one.
     *
     * @param targets the targets the rollout applies to
     * @return this builder
     * @throws IllegalStateException if the rules were already set
     */
    public Builder rulesOf(EventBridgeTargets targets) {
      Objects.requireNonNull(targets, "targets");
      once("rules");
      this.bus = targets::eventBusName;
      this.rules = () -> {
        Set<String> applied = targets.appliedRules();
        if (!applied.isEmpty()) {
          return applied;
        }
        Set<String> all = new TreeSet<>();
        targets.targets().forEach(t -> all.add(t.rule()));
        return all;
      };
      return this;
    }

    /**
     * Builds the source and its AWS client.
     *
     * @return the source
     * @throws IllegalStateException if no rules were set
     * @throws AwsException if the AWS client cannot be configured (no region)
     */
    public CloudWatchDeliveryMetrics build() {
      if (rules == null) {
        throw new IllegalStateException("the rules are required: rules(bus, names) or rulesOf(targets)");
      }
      return new CloudWatchDeliveryMetrics(this);
    }
  }
}
