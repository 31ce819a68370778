package io.github.eventretry.genesys.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.json.GenesysTrees;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.genesys.emulator.RecordedRequest;
import io.github.eventretry.genesys.emulator.Response;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The fake's integrations: pre-seeded {@code amazon-eventbridge-source} integrations and their
 * {@code config/current}, whose {@code version} every write increments and every {@code PUT} must
 * carry.
 *
 * <p>Thread-safe: one lock guards the store.
 */
final class IntegrationStore {
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, ObjectNode> integrations = new LinkedHashMap<>();

  IntegrationStore(Clock clock, List<String> integrationIds) {
    this.clock = Objects.requireNonNull(clock, "clock");
    for (String id : integrationIds) {
      integrations.put(id, seeded(id));
    }
  }

  String configuration(String integrationId) {
    synchronized (lock) {
      return Json.write(stored(integrationId));
    }
  }

  long edit(String integrationId, UnaryOperator<String> edit) {
    Objects.requireNonNull(edit, "edit");
    synchronized (lock) {
      ObjectNode current = stored(integrationId);
      String next = Objects.requireNonNull(edit.apply(Json.write(current)), "edited configuration");
      return store(integrationId, current, Json.object(next, "the edited configuration"));
    }
  }

  boolean has(String integrationId) {
    synchronized (lock) {
      return integrations.containsKey(integrationId);
    }
  }

  /** The valid policy eventretry wrote into an integration's configuration, if any. */
  Optional<AppliedPolicy> applied(String integrationId) {
    synchronized (lock) {
      ObjectNode s = integrations.get(integrationId);
      if (s == null) {
        return Optional.empty();
      }
      try {
        return GenesysTrees.readApplied(s);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /** {@code GET /api/v2/integrations/{id}}. */
  Response integration(String id, String correlation) {
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
      i.put("selfUri", GenesysApi.integrationPath(id));
      return Response.json(200, Json.write(i));
    }
  }

  /** {@code GET config/current}. */
  Response config(String id, String correlation) {
    synchronized (lock) {
      ObjectNode s = integrations.get(id);
      return s == null ? notFound(id, correlation) : Response.json(200, Json.write(s));
    }
  }

  /** {@code PUT config/current}: 400 without a version, 409 with a stale one, else stored. */
  Response putConfig(String id, RecordedRequest req, String correlation) {
    Optional<JsonNode> parsed = Json.parse(req.body());
    if (parsed.isEmpty()) {
      return ErrorBodies.error(400, "bad.request", "The request body is not valid JSON", correlation);
    }
    JsonNode body = parsed.get();
    if (!body.isObject()) {
      return ErrorBodies.error(400, "bad.request",
          "The request body must be an IntegrationConfiguration", correlation);
    }
    JsonNode version = body.path(GenesysApi.VERSION);
    if (!version.isIntegralNumber()) {
      return ErrorBodies.error(400, "bad.request", "Version number required for updates", correlation);
    }
    for (String member : List.of(GenesysApi.PROPERTIES, GenesysApi.ADVANCED, "credentials")) {
      JsonNode m = body.get(member);
      if (m != null && !m.isObject() && !m.isNull()) {
        return ErrorBodies.error(400, "bad.request", member + " must be an object", correlation);
      }
    }
    synchronized (lock) {
      ObjectNode s = integrations.get(id);
      if (s == null) {
        return notFound(id, correlation);
      }
      long current = s.path(GenesysApi.VERSION).longValue();
      if (version.longValue() != current) {
        return ErrorBodies.error(409, "conflict", "The version " + version.longValue()
            + " does not match the current version " + current + " of the configuration", correlation);
      }
      store(id, s, ((ObjectNode) body).deepCopy());
      return Response.json(200, Json.write(integrations.get(id)));
    }
  }

  static Response notFound(String id, String correlation) {
    return ErrorBodies.error(404, "not.found", "Integration " + id + " not found", correlation);
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
}
