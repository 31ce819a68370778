package io.github.eventretry.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventretry.core.payload.EventBridgeTarget;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a state says about the targets its deployments went to, for {@code history} and {@code diff}:
 * the kind (from the baseline) and, for EventBridge, the event bus, the rules and each target's
 * settings as the baseline recorded them ({@code docs/eventbridge.md}, "The baseline, exactly"). Reads
 * the state only; stateless.
 */
final class RecordedTargets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordedTargets() {}

  /** One EventBridge target as a baseline recorded it: its key and its settings, by field. */
  record Recorded(String key, Map<String, String> fields) {}

  /**
   * Describes where an integration's deployments go.
   *
   * @param state the state
   * @return such as {@code EventBridge (rules genesys-events on event bus aws.partner/…) and Genesys
   *     Cloud}
   */
  static String describe(DeploymentState state) {
    TargetKind kind = TargetKind.recordedIn(state).orElse(TargetKind.GENESYS);
    Optional<TargetSnapshot> eb = DeploymentTargets.recordedEventBridge(Optional.of(state));
    if (eb.isEmpty()) {
      return kind.shown();
    }
    String scope = "";
    try {
      JsonNode root = JSON.readTree(eb.get().json());
      TreeSet<String> rules = new TreeSet<>();
      root.path("targets").forEach(t -> rules.add(t.path("rule").asText()));
      scope = " (" + (rules.size() == 1 ? "rule " : "rules ") + String.join(", ", rules)
          + " on event bus " + root.path("eventBus").asText() + ")";
    } catch (JsonProcessingException e) {
      scope = "";
    }
    return SafeText.escape("EventBridge" + scope + (kind == TargetKind.BOTH ? " and Genesys Cloud" : ""));
  }

  /**
   * Returns the EventBridge targets a state's baseline recorded, with their settings.
   *
   * @param state the state
   * @return in the baseline's order; empty when EventBridge is not a target
   */
  static List<Recorded> eventBridgeBaseline(DeploymentState state) {
    Optional<TargetSnapshot> eb = DeploymentTargets.recordedEventBridge(Optional.of(state));
    if (eb.isEmpty()) {
      return List.of();
    }
    try {
      JsonNode root = JSON.readTree(eb.get().json());
      List<Recorded> out = new java.util.ArrayList<>();
      for (JsonNode t : root.path("targets")) {
        Map<String, String> f = new LinkedHashMap<>();
        JsonNode rp = t.path("RetryPolicy");
        f.put("RetryPolicy.MaximumRetryAttempts", member(rp, "MaximumRetryAttempts"));
        f.put("RetryPolicy.MaximumEventAgeInSeconds", member(rp, "MaximumEventAgeInSeconds"));
        f.put("DeadLetterConfig.Arn", member(t.path("DeadLetterConfig"), "Arn"));
        out.add(new Recorded(t.path("rule").asText() + "/" + t.path("id").asText(), f));
      }
      return out;
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private static String member(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v == null || v.isNull() ? "(not set)" : v.asText();
  }

  /**
   * Returns the EventBridge settings a version stands for: those its policy becomes, or, for the
   * baseline, each recorded target's.
   *
   * @param state the state (for the baseline's targets)
   * @param v the version
   * @param perTarget whether to key a policy's settings by each of the baseline's targets too (to
   *     compare it with the baseline)
   * @return field → value, such as {@code eventbridge.RetryPolicy.MaximumRetryAttempts} → {@code 5}
   */
  static Map<String, String> eventBridgeFields(DeploymentState state, PolicyVersion v, boolean perTarget) {
    Map<String, String> out = new LinkedHashMap<>();
    List<Recorded> baseline = eventBridgeBaseline(state);
    if (v.policy().isEmpty()) {
      for (Recorded r : baseline) {
        r.fields().forEach((k, val) -> out.put("eventbridge " + r.key() + " " + k, val));
      }
      return out;
    }
    EventBridgeTarget t = EventBridgeTarget.from(v.policy().get());
    Map<String, String> f = new LinkedHashMap<>();
    f.put("RetryPolicy.MaximumRetryAttempts", Integer.toString(t.maximumRetryAttempts()));
    f.put("RetryPolicy.MaximumEventAgeInSeconds", Integer.toString(t.maximumEventAgeSeconds()));
    f.put("DeadLetterConfig.Arn", t.deadLetterArn().orElse("(not set)"));
    if (perTarget) {
      for (Recorded r : baseline) {
        f.forEach((k, val) -> out.put("eventbridge " + r.key() + " " + k, val));
      }
    } else {
      f.forEach((k, val) -> out.put("eventbridge " + k, val));
    }
    return out;
  }
}
