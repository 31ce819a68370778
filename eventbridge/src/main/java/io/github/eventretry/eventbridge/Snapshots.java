package io.github.eventretry.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.spi.TargetSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;

/**
 * The JSON of an EventBridge {@link TargetSnapshot}:
 * <pre>{@code
 * {"eventBus": "aws.partner/genesys.com/cloud/<org>/<suffix>",
 *  "targets": [{"rule": "genesys-events", "id": "sqs-queue", "arn": "arn:aws:sqs:…",
 *               "RetryPolicy": {"MaximumRetryAttempts": 185, "MaximumEventAgeInSeconds": 86400},
 *               "DeadLetterConfig": null}, …],
 *  "apiDestinations": [{"name": "genesys-webhook", "InvocationRateLimitPerSecond": 300}]}
 * }</pre>
 * {@code RetryPolicy} and {@code DeadLetterConfig} are exactly what EventBridge held (JSON {@code null}
 * when absent, members left out when absent); {@code apiDestinations} only when the target manages
 * their rate limits. Targets are in rule, then id, order, so the same holdings give the same text.
 */
final class Snapshots {
  static final String TARGET = "eventbridge";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Snapshots() {}

  record Entry(String rule, String id, String arn, Slot slot) {}

  record Rate(String name, int perSecond) {}

  record Content(String bus, List<Entry> targets, Optional<List<Rate>> apiDestinations) {}

  static TargetSnapshot write(Content c) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("eventBus", c.bus());
    ArrayNode targets = root.putArray("targets");
    for (Entry e : c.targets()) {
      ObjectNode t = targets.addObject();
      t.put("rule", e.rule());
      t.put("id", e.id());
      t.put("arn", e.arn());
      RetryPolicy r = e.slot().retryPolicy();
      if (r == null) {
        t.putNull("RetryPolicy");
      } else {
        ObjectNode rp = t.putObject("RetryPolicy");
        if (r.maximumRetryAttempts() != null) {
          rp.put("MaximumRetryAttempts", r.maximumRetryAttempts());
        }
        if (r.maximumEventAgeInSeconds() != null) {
          rp.put("MaximumEventAgeInSeconds", r.maximumEventAgeInSeconds());
        }
      }
      DeadLetterConfig d = e.slot().deadLetterConfig();
      if (d == null) {
        t.putNull("DeadLetterConfig");
      } else {
        ObjectNode dl = t.putObject("DeadLetterConfig");
        if (d.arn() != null) {
          dl.put("Arn", d.arn());
        }
      }
    }
    c.apiDestinations().ifPresent(rates -> {
      ArrayNode a = root.putArray("apiDestinations");
      for (Rate r : rates) {
        a.addObject().put("name", r.name()).put("InvocationRateLimitPerSecond", r.perSecond());
      }
    });
    try {
      return TargetSnapshot.of(TARGET, JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of text and numbers is always serialisable", e);
    }
  }

  static Content read(TargetSnapshot s) {
    if (!s.target().equals(TARGET)) {
      throw new IllegalArgumentException("the snapshot was recorded by the " + s.target()
          + " target, not by EventBridge's; restore it with that target");
    }
    JsonNode root;
    try {
      root = JSON.readTree(s.json());
    } catch (JsonProcessingException e) {
      throw bad("it is not JSON");
    }
    if (root == null || !root.isObject() || !root.path("eventBus").isTextual()
        || !root.path("targets").isArray()) {
      throw bad("it has no eventBus and targets");
    }
    List<Entry> entries = new ArrayList<>();
    int i = 0;
    for (JsonNode t : root.path("targets")) {
      String at = "targets[" + i++ + "]";
      if (!t.path("rule").isTextual() || !t.path("id").isTextual() || !t.path("arn").isTextual()) {
        throw bad(at + " has no rule, id and arn");
      }
      JsonNode rp = t.get("RetryPolicy");
      RetryPolicy retry = null;
      if (rp != null && !rp.isNull()) {
        if (!rp.isObject()) {
          throw bad(at + ".RetryPolicy is not an object");
        }
        retry = RetryPolicy.builder()
            .maximumRetryAttempts(integer(rp, "MaximumRetryAttempts", at))
            .maximumEventAgeInSeconds(integer(rp, "MaximumEventAgeInSeconds", at))
            .build();
      }
      JsonNode dl = t.get("DeadLetterConfig");
      DeadLetterConfig dlq = null;
      if (dl != null && !dl.isNull()) {
        if (!dl.isObject() || (dl.has("Arn") && !dl.get("Arn").isTextual())) {
          throw bad(at + ".DeadLetterConfig is not an object with a text Arn");
        }
        dlq = DeadLetterConfig.builder().arn(dl.has("Arn") ? dl.get("Arn").textValue() : null).build();
      }
      entries.add(new Entry(t.get("rule").textValue(), t.get("id").textValue(), t.get("arn").textValue(),
          new Slot(retry, dlq)));
    }
    Optional<List<Rate>> rates = Optional.empty();
    if (root.has("apiDestinations")) {
      List<Rate> list = new ArrayList<>();
      for (JsonNode a : root.path("apiDestinations")) {
        if (!a.path("name").isTextual() || !a.path("InvocationRateLimitPerSecond").canConvertToInt()) {
          throw bad("apiDestinations has an entry without name and InvocationRateLimitPerSecond");
        }
        list.add(new Rate(a.get("name").textValue(), a.get("InvocationRateLimitPerSecond").intValue()));
      }
      rates = Optional.of(list);
    }
    return new Content(root.get("eventBus").textValue(), entries, rates);
  }

  private static Integer integer(JsonNode o, String field, String at) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw bad(at + ".RetryPolicy." + field + " is not a whole number");
    }
    return v.intValue();
  }

  private static IllegalArgumentException bad(String why) {
    return new IllegalArgumentException("the snapshot is not in EventBridge's shape: " + why);
  }
}
