package io.github.eventretry.state.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.PolicyFingerprint;
import io.github.eventretry.core.json.PolicyTrees;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.RolloutPlan;
import io.github.eventretry.state.RolloutProgress;
import io.github.eventretry.state.RolloutStage;
import io.github.eventretry.state.VersionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** The JSON form of {@link DeploymentState}. Thread-safe. */
public final class StateCodec {
  private StateCodec() {}

  /** Writes a state as pretty JSON with a final newline. */
  public static byte[] write(DeploymentState s) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("schema_version", s.schemaVersion());
    o.put("integration_id", s.integrationId());
    o.put("lineage", s.lineage().toString());
    o.put("serial", s.serial());
    putOpt(o, "active_version", s.activeVersionId());
    putOpt(o, "last_known_good_version", s.lastKnownGoodVersionId());
    putOpt(o, "previous_active_version", s.previousActiveVersionId());
    ArrayNode vs = o.putArray("versions");
    for (PolicyVersion v : s.versions()) {
      ObjectNode n = vs.addObject();
      n.put("id", v.id());
      n.put("created_at", v.createdAt().toString());
      n.set("policy", PolicyTrees.toJsonNode(v.policy()));
      n.put("fingerprint", v.fingerprint().value());
      n.put("traffic_split", v.split().percent());
      n.put("status", v.status().jsonName());
      n.put("actor", v.actor());
      if (v.configurationVersion().isPresent()) {
        n.put("configuration_version", v.configurationVersion().getAsLong());
      } else {
        n.putNull("configuration_version");
      }
      n.put("reason", v.reason());
    }
    if (s.rollout().isPresent()) {
      RolloutProgress r = s.rollout().get();
      ObjectNode n = o.putObject("rollout");
      n.put("version_id", r.versionId());
      n.put("stage_index", r.stageIndex());
      n.put("phase", r.phase().name().toLowerCase(java.util.Locale.ROOT));
      n.put("failed_checks", r.failedChecks());
      n.put("since", r.since().toString());
      n.set("plan", planNode(r.plan()));
    } else {
      o.putNull("rollout");
    }
    return (PolicyTrees.writePretty(o) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the JSON form of a plan. */
  public static ObjectNode planNode(RolloutPlan plan) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    ArrayNode st = p.putArray("stages");
    for (RolloutStage s : plan.stages()) {
      ObjectNode n = st.addObject();
      n.put("traffic_split", s.split().percent());
      n.put("bake_time_ms", s.bakeTime().toMillis());
      n.put("success_threshold", s.successThreshold());
      n.put("minimum_sample", s.minimumSample());
      n.put("failure_limit", s.failureLimit());
    }
    return p;
  }

  private static void putOpt(ObjectNode o, String name, Optional<String> v) {
    if (v.isPresent()) {
      o.put(name, v.get());
    } else {
      o.putNull(name);
    }
  }

  /**
   * Reads a state. Throws {@link Json.Bad} with a description for any content problem, and
   * {@link UnknownSchema} for a schema version other than {@link DeploymentState#SCHEMA_VERSION}.
   */
  public static DeploymentState read(byte[] bytes) throws Json.Bad, UnknownSchema {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new Json.Bad("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new Json.Bad("the document must be a JSON object");
    }
    JsonNode sv = root.get("schema_version");
    if (sv == null || !sv.isIntegralNumber()) {
      throw new Json.Bad("schema_version must be a whole number");
    }
    if (sv.longValue() != DeploymentState.SCHEMA_VERSION) {
      throw new UnknownSchema(sv.longValue());
    }
    try {
      // previous_active_version was added within schema 1: a file written without it still reads.
      boolean hasPrevious = root.has("previous_active_version");
      ObjectNode o = hasPrevious
          ? Json.object(root, "state", "schema_version", "integration_id", "lineage", "serial",
              "active_version", "last_known_good_version", "previous_active_version", "versions",
              "rollout")
          : Json.object(root, "state", "schema_version", "integration_id", "lineage", "serial",
              "active_version", "last_known_good_version", "versions", "rollout");
      UUID lineage;
      try {
        lineage = UUID.fromString(Json.text(o, "lineage"));
      } catch (IllegalArgumentException e) {
        throw new Json.Bad("lineage must be a UUID");
      }
      JsonNode vs = o.get("versions");
      if (!vs.isArray()) {
        throw new Json.Bad("versions must be an array");
      }
      List<PolicyVersion> versions = new ArrayList<>();
      for (int i = 0; i < vs.size(); i++) {
        versions.add(version(vs.get(i), "versions[" + i + "]"));
      }
      Optional<RolloutProgress> rollout = Optional.empty();
      JsonNode r = o.get("rollout");
      if (!r.isNull()) {
        ObjectNode rn = Json.object(r, "rollout", "version_id", "stage_index", "phase", "failed_checks",
            "since", "plan");
        RolloutProgress.Phase phase;
        try {
          phase = RolloutProgress.Phase.valueOf(
              Json.text(rn, "phase").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new Json.Bad("rollout.phase must be applying, baking or rolling_back");
        }
        rollout = Optional.of(new RolloutProgress(Json.text(rn, "version_id"), plan(rn.get("plan")),
            (int) Json.integer(rn, "stage_index"), phase, (int) Json.integer(rn, "failed_checks"),
            Json.instant(rn, "since")));
      }
      return new DeploymentState(Json.text(o, "integration_id"), lineage, Json.integer(o, "serial"),
          (int) sv.longValue(), versions, Optional.ofNullable(Json.textOrNull(o, "active_version")),
          Optional.ofNullable(Json.textOrNull(o, "last_known_good_version")), rollout,
          Optional.ofNullable(hasPrevious ? Json.textOrNull(o, "previous_active_version") : null));
    } catch (IllegalArgumentException e) {
      throw new Json.Bad(e.getMessage());
    }
  }

  /** Reads a plan from its JSON form. */
  public static RolloutPlan plan(JsonNode p) throws Json.Bad {
    ObjectNode pn = Json.object(p, "plan", "stages");
    JsonNode st = pn.get("stages");
    if (!st.isArray()) {
      throw new Json.Bad("plan.stages must be an array");
    }
    List<RolloutStage> stages = new ArrayList<>();
    for (int i = 0; i < st.size(); i++) {
      ObjectNode s = Json.object(st.get(i), "plan.stages[" + i + "]", "traffic_split", "bake_time_ms",
          "success_threshold", "minimum_sample", "failure_limit");
      stages.add(new RolloutStage(TrafficSplit.ofPercent((int) Json.integer(s, "traffic_split")),
          Duration.ofMillis(Json.integer(s, "bake_time_ms")), Json.number(s, "success_threshold"),
          Json.integer(s, "minimum_sample"), (int) Json.integer(s, "failure_limit")));
    }
    return new RolloutPlan(stages);
  }

  private static PolicyVersion version(JsonNode n, String where) throws Json.Bad {
    ObjectNode o = Json.object(n, where, "id", "created_at", "policy", "fingerprint", "traffic_split",
        "status", "actor", "configuration_version", "reason");
    RetryPolicy policy;
    try {
      policy = PolicyTrees.read(o.get("policy"));
    } catch (EventRetryException e) {
      throw new Json.Bad(where + ".policy: " + e.getMessage());
    }
    String status = Json.text(o, "status");
    VersionStatus vs = VersionStatus.fromJsonName(status)
        .orElseThrow(() -> new Json.Bad(where + ".status unknown: " + status));
    JsonNode cv = o.get("configuration_version");
    OptionalLong config = cv.isNull() ? OptionalLong.empty() : OptionalLong.of(Json.integer(o, "configuration_version"));
    try {
      return new PolicyVersion(Json.text(o, "id"), Json.instant(o, "created_at"), policy,
          PolicyFingerprint.parse(Json.text(o, "fingerprint")),
          TrafficSplit.ofPercent((int) Json.integer(o, "traffic_split")), vs, Json.text(o, "actor"), config,
          Json.text(o, "reason"));
    } catch (IllegalArgumentException e) {
      throw new Json.Bad(where + ": " + e.getMessage());
    }
  }

  /** A schema version this library does not read. */
  public static final class UnknownSchema extends Exception {
    private static final long serialVersionUID = 1L;
    /** The version found. */
    public final long version;

    /** Creates it. */
    public UnknownSchema(long version) {
      super("schema_version " + version, null, false, false);
      this.version = version;
    }
  }
}
