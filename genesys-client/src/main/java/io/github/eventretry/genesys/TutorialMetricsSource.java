package io.github.eventretry.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Delivery metrics from the tutorial's query, {@code POST /api/v2/analytics/events/summary/query},
 * sent through an {@link HttpGenesysClient} (its token, retries and limiter).
 *
 * <p><b>That endpoint is not in Genesys Cloud's published API.</b> It comes from the tutorial this
 * library grew out of, and the emulator serves it; a real organisation answers 404. Use it against
 * the emulator, and plug another {@link DeliveryMetricsSource} (delivery logs, the CloudWatch metrics
 * of the EventBridge rule target) into the rollout engine for real integrations.
 *
 * <p>The query is {@code {interval, view, date_from, date_to, group_by, filter, metrics}} with
 * {@code retryCount}, {@code successRate} and {@code deliveryLatency}; the answer it reads is
 * {@code {"entities":[{integrationId, interval, deliveryCount, successRate, retryCount,
 * deliveryLatency}]}} (latency in ms). Entities of other integrations are skipped and the rest are
 * summed, rates and latencies weighted by {@code deliveryCount}.
 *
 * <p>Immutable and thread-safe, as the client is.
 */
public final class TutorialMetricsSource implements DeliveryMetricsSource {
  private final HttpGenesysClient client;

  private TutorialMetricsSource(HttpGenesysClient client) {
    this.client = client;
  }

  /**
   * Returns a source that queries through a client.
   *
   * @param client the client; share the one you apply policies with, so both use one token
   * @return the source
   * @throws NullPointerException if {@code client} is null
   */
  public static TutorialMetricsSource of(HttpGenesysClient client) {
    return new TutorialMetricsSource(Objects.requireNonNull(client, "client"));
  }

  /**
   * Reads the metrics of one window.
   *
   * @param integrationId the integration id
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @return the metrics summed over every interval of the answer
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   * @throws GenesysApiException (a subclass) if the call failed or the answer was malformed
   */
  @Override
  public DeliveryMetrics fetch(String integrationId, Instant from, Instant to) {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
    }
    String op = "POST " + GenesysApi.METRICS_PATH;
    JsonNode answer = client.call("POST", GenesysApi.METRICS_PATH,
        Json.write(query(integrationId, from, to)));
    JsonNode entities = answer.path("entities");
    if (!entities.isArray()) {
      throw client.failures().malformed(op, "the answer has no entities array", null);
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
        throw client.failures().malformed(op, "an entity lacks a valid deliveryCount, successRate"
            + " (0..1), retryCount or deliveryLatency (ms)", null);
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
   * Returns the query body for a window.
   *
   * @param integrationId the integration
   * @param from the start, inclusive
   * @param to the end, exclusive
   * @return the JSON text, such as {@code {"interval":"PT1H","view":"events",...}}
   */
  public static String queryJson(String integrationId, Instant from, Instant to) {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return Json.write(query(integrationId, from, to));
  }

  private static ObjectNode query(String integrationId, Instant from, Instant to) {
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
   * Describes the source.
   *
   * @return such as {@code TutorialMetricsSource[HttpGenesysClient[api=..., clientId=...]]}
   */
  @Override
  public String toString() {
    return "TutorialMetricsSource[" + client + "]";
  }
}
