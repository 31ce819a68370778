package io.github.eventretry.state.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.PolicyFingerprint;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.RolloutProgress;
import io.github.eventretry.state.StatusChange;
import io.github.eventretry.state.VersionStatus;
import io.github.eventretry.state.audit.AuditCheckpoint;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditHead;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutStage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JSON form of {@link DeploymentState}. Writes schema 2; reads schema 2 and the schema 1 that
 * version 0.1 wrote (no baseline, no status changes, no audit checkpoint; its last known good and
 * previous active versions are derived again from the statuses). Thread-safe.
 */
public final class StateCodec {
  /** The schema this codec writes. */
  public static final int SCHEMA_VERSION = 2;
  /** The schemas this codec reads. */
  public static final Set<Integer> READABLE = Set.of(1, 2);

  private StateCodec() {}

  /** Writes a state as pretty JSON with a final newline. */
  public static byte[] write(DeploymentState s) {
    return (Json.pretty(tree(s)) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the JSON tree of a state, as the file holds it. */
  public static ObjectNode tree(DeploymentState s) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("schema_version", SCHEMA_VERSION);
    o.put("integration_id", s.integrationId());
    o.put("lineage", s.lineage().toString());
    o.put("serial", s.serial());
    putOpt(o, "active_version", s.activeVersionId());
    ArrayNode vs = o.putArray("versions");
    for (PolicyVersion v : s.versions()) {
      vs.add(version(v));
    }
    if (s.rollout().isPresent()) {
      o.set("rollout", rollout(s.rollout().get()));
    } else {
      o.putNull("rollout");
    }
    if (s.auditCheckpoint().isPresent()) {
      o.set("audit_checkpoint", checkpoint(s.auditCheckpoint().get()));
    } else {
      o.putNull("audit_checkpoint");
    }
    return o;
  }

  /** Returns the JSON form of one version. */
  public static ObjectNode version(PolicyVersion v) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("id", v.id());
    n.put("created_at", v.createdAt().toString());
    if (v.policy().isPresent()) {
      n.set("policy", Json.policyNode(v.policy().get()));
      n.put("fingerprint", v.fingerprint().orElseThrow().value());
      n.putNull("snapshot");
    } else {
      n.putNull("policy");
      n.putNull("fingerprint");
      TargetSnapshot t = v.snapshot().orElseThrow();
      ObjectNode sn = n.putObject("snapshot");
      sn.put("target", t.target());
      // As text: kept byte for byte, whatever its member order, spacing or number forms.
      sn.put("json", t.json());
      sn.put("digest", t.digest());
    }
    n.put("traffic_split", v.split().percent());
    n.put("status", v.status().jsonName());
    n.put("actor", v.actor());
    if (v.configurationVersion().isPresent()) {
      n.put("configuration_version", v.configurationVersion().getAsLong());
    } else {
      n.putNull("configuration_version");
    }
    n.put("reason", v.reason());
    n.put("unchecked", v.unchecked());
    ArrayNode changes = n.putArray("changes");
    for (StatusChange c : v.changes()) {
      ObjectNode cn = changes.addObject();
      cn.put("at", c.at().toString());
      cn.put("status", c.status().jsonName());
      cn.put("actor", c.actor());
      cn.put("reason", c.reason());
    }
    return n;
  }

  /** Returns the JSON form of an unfinished rollout. */
  public static ObjectNode rollout(RolloutProgress r) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("version_id", r.versionId());
    n.put("stage_index", r.stageIndex());
    n.put("phase", r.phase().jsonName());
    n.put("failed_checks", r.failedChecks());
    n.put("since", r.since().toString());
    putOpt(n, "rollback_to", r.rollbackTo());
    putOpt(n, "stopped_at", r.stoppedAt().map(Object::toString));
    n.put("may_have_reached_target", r.mayHaveReachedTarget());
    n.set("plan", planNode(r.plan()));
    return n;
  }

  private static ObjectNode checkpoint(AuditCheckpoint c) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    if (c.headBefore().isPresent()) {
      ObjectNode h = n.putObject("head_before");
      h.put("seq", c.headBefore().get().seq());
      h.put("hash", c.headBefore().get().hash());
    } else {
      n.putNull("head_before");
    }
    AuditEntry e = c.entry();
    ObjectNode en = n.putObject("entry");
    en.put("action", e.action());
    putOpt(en, "version_id", e.versionId());
    putOpt(en, "policy_fingerprint", e.policyFingerprint().map(PolicyFingerprint::value));
    en.put("actor", e.actor());
    ObjectNode d = en.putObject("details");
    e.details().forEach(d::put);
    return n;
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
   * {@link UnknownSchema} for a schema version this codec does not read.
   */
  public static DeploymentState read(byte[] bytes) throws Json.Bad, UnknownSchema {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new Json.Bad("it is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Json.Bad("the document must be a JSON object");
    }
    JsonNode sv = root.get("schema_version");
    if (sv == null || !sv.isIntegralNumber()) {
      throw new Json.Bad("schema_version must be a whole number");
    }
    if (!sv.canConvertToInt() || !READABLE.contains(sv.intValue())) {
      throw new UnknownSchema(sv.asText());
    }
    try {
      return sv.intValue() == 1 ? readV1(root) : readV2(root);
    } catch (IllegalArgumentException e) {
      throw new Json.Bad(e.getMessage());
    }
  }

  private static DeploymentState readV2(JsonNode root) throws Json.Bad {
    ObjectNode o = Json.object(root, "state", "schema_version", "integration_id", "lineage", "serial",
        "active_version", "versions", "rollout", "audit_checkpoint");
    DeploymentState.Builder b = DeploymentState.builder(Json.text(o, "integration_id"), lineage(o))
        .serial(Json.integer(o, "serial"))
        .activeVersionId(Optional.ofNullable(Json.textOrNull(o, "active_version")));
    JsonNode vs = array(o, "versions");
    for (int i = 0; i < vs.size(); i++) {
      b.putVersion(versionV2(vs.get(i), "versions[" + i + "]"));
    }
    JsonNode r = o.get("rollout");
    if (!r.isNull()) {
      ObjectNode rn = Json.object(r, "rollout", "version_id", "stage_index", "phase", "failed_checks",
          "since", "rollback_to", "stopped_at", "may_have_reached_target", "plan");
      String stopped = Json.textOrNull(rn, "stopped_at");
      b.rollout(Optional.of(RolloutProgress.of(Json.text(rn, "version_id"), plan(rn.get("plan")),
          (int) Json.integer(rn, "stage_index"), phase(rn), (int) Json.integer(rn, "failed_checks"),
          Json.instant(rn, "since"), Optional.ofNullable(Json.textOrNull(rn, "rollback_to")),
          stopped == null ? Optional.empty() : Optional.of(Json.instant(rn, "stopped_at")),
          Json.bool(rn, "may_have_reached_target"))));
    }
    JsonNode c = o.get("audit_checkpoint");
    if (!c.isNull()) {
      b.auditCheckpoint(Optional.of(checkpoint(c)));
    }
    return b.build();
  }

  private static AuditCheckpoint checkpoint(JsonNode c) throws Json.Bad {
    ObjectNode cn = Json.object(c, "audit_checkpoint", "head_before", "entry");
    Optional<AuditHead> head = Optional.empty();
    JsonNode h = cn.get("head_before");
    if (!h.isNull()) {
      ObjectNode hn = Json.object(h, "audit_checkpoint.head_before", "seq", "hash");
      head = Optional.of(new AuditHead(Json.integer(hn, "seq"), Json.text(hn, "hash")));
    }
    ObjectNode en = Json.object(cn.get("entry"), "audit_checkpoint.entry", "action", "version_id",
        "policy_fingerprint", "actor", "details");
    JsonNode d = en.get("details");
    if (!d.isObject()) {
      throw new Json.Bad("audit_checkpoint.entry.details must be an object");
    }
    Map<String, String> details = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : d.properties()) {
      if (!e.getValue().isTextual()) {
        throw new Json.Bad("audit_checkpoint.entry.details." + e.getKey() + " must be a string");
      }
      details.put(e.getKey(), e.getValue().textValue());
    }
    String fp = Json.textOrNull(en, "policy_fingerprint");
    AuditEntry entry = new AuditEntry(Json.text(en, "action"),
        Optional.ofNullable(Json.textOrNull(en, "version_id")),
        fp == null ? Optional.empty() : Optional.of(PolicyFingerprint.parse(fp)),
        Json.text(en, "actor"), details);
    return new AuditCheckpoint(head, entry);
  }

  private static PolicyVersion versionV2(JsonNode n, String where) throws Json.Bad {
    ObjectNode o = Json.object(n, where, "id", "created_at", "policy", "fingerprint", "snapshot",
        "traffic_split", "status", "actor", "configuration_version", "reason", "unchecked", "changes");
    String id = Json.text(o, "id");
    String actor = Json.text(o, "actor");
    PolicyVersion.Builder b;
    try {
      if (o.get("snapshot").isNull()) {
        b = PolicyVersion.builder(id, Json.instant(o, "created_at"), policy(o, where), actor);
      } else {
        ObjectNode sn = Json.object(o.get("snapshot"), where + ".snapshot", "target", "json", "digest");
        TargetSnapshot t;
        try {
          t = TargetSnapshot.of(Json.text(sn, "target"), Json.text(sn, "json"));
        } catch (IllegalArgumentException e) {
          throw new Json.Bad(where + ".snapshot: " + e.getMessage());
        }
        if (!t.digest().equals(Json.text(sn, "digest"))) {
          throw new Json.Bad(where + ".snapshot.digest is not the digest of its json");
        }
        if (!o.get("policy").isNull() || !o.get("fingerprint").isNull()) {
          throw new Json.Bad(where + ": a baseline has no policy and no fingerprint");
        }
        PolicyVersion base = PolicyVersion.baseline(Json.instant(o, "created_at"), t, actor);
        if (!base.id().equals(id)) {
          throw new Json.Bad(where + ": only v0 holds a snapshot (rejected: " + id + ")");
        }
        b = base.toBuilder();
      }
      b.split(TrafficSplit.ofPercent((int) Json.integer(o, "traffic_split")))
          .status(status(o, where))
          .configurationVersion(configuration(o))
          .reason(Json.text(o, "reason"))
          .unchecked(Json.bool(o, "unchecked"));
      JsonNode changes = array(o, "changes");
      for (int i = 0; i < changes.size(); i++) {
        String w = where + ".changes[" + i + "]";
        ObjectNode cn = Json.object(changes.get(i), w, "at", "status", "actor", "reason");
        b.addChange(new StatusChange(Json.instant(cn, "at"), status(cn, w), Json.text(cn, "actor"),
            Json.text(cn, "reason")));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new Json.Bad(where + ": " + e.getMessage());
    }
  }

  /** Schema 1, as version 0.1 wrote it. */
  private static DeploymentState readV1(JsonNode root) throws Json.Bad {
    ObjectNode o = Json.object(root, "state",
        Set.of("schema_version", "integration_id", "lineage", "serial", "active_version",
            "last_known_good_version", "versions", "rollout"),
        Set.of("previous_active_version"));
    Optional<String> lastKnownGood = Optional.ofNullable(Json.textOrNull(o, "last_known_good_version"));
    DeploymentState.Builder b = DeploymentState.builder(Json.text(o, "integration_id"), lineage(o))
        .serial(Json.integer(o, "serial"))
        .activeVersionId(Optional.ofNullable(Json.textOrNull(o, "active_version")));
    JsonNode vs = array(o, "versions");
    for (int i = 0; i < vs.size(); i++) {
      String where = "versions[" + i + "]";
      ObjectNode v = Json.object(vs.get(i), where, "id", "created_at", "policy", "fingerprint",
          "traffic_split", "status", "actor", "configuration_version", "reason");
      try {
        b.putVersion(PolicyVersion.builder(Json.text(v, "id"), Json.instant(v, "created_at"),
                policy(v, where), Json.text(v, "actor"))
            .split(TrafficSplit.ofPercent((int) Json.integer(v, "traffic_split")))
            .status(status(v, where))
            .configurationVersion(configuration(v))
            .reason(Json.text(v, "reason"))
            .build());
      } catch (IllegalArgumentException e) {
        throw new Json.Bad(where + ": " + e.getMessage());
      }
    }
    JsonNode r = o.get("rollout");
    if (!r.isNull()) {
      ObjectNode rn = Json.object(r, "rollout", "version_id", "stage_index", "phase", "failed_checks",
          "since", "plan");
      RolloutProgress.Phase phase = phase(rn);
      // Schema 1 rolled back to its last known good version.
      b.rollout(Optional.of(RolloutProgress.of(Json.text(rn, "version_id"), plan(rn.get("plan")),
          (int) Json.integer(rn, "stage_index"), phase, (int) Json.integer(rn, "failed_checks"),
          Json.instant(rn, "since"),
          phase == RolloutProgress.Phase.ROLLING_BACK ? lastKnownGood : Optional.empty(),
          Optional.empty(), true)));
    }
    return b.build();
  }

  private static UUID lineage(ObjectNode o) throws Json.Bad {
    try {
      return UUID.fromString(Json.text(o, "lineage"));
    } catch (IllegalArgumentException e) {
      throw new Json.Bad("lineage must be a UUID");
    }
  }

  private static JsonNode array(ObjectNode o, String name) throws Json.Bad {
    JsonNode a = o.get(name);
    if (a == null || !a.isArray()) {
      throw new Json.Bad(name + " must be an array");
    }
    return a;
  }

  private static RolloutProgress.Phase phase(ObjectNode rn) throws Json.Bad {
    String p = Json.text(rn, "phase");
    for (RolloutProgress.Phase ph : RolloutProgress.Phase.values()) {
      if (ph.jsonName().equals(p)) {
        return ph;
      }
    }
    throw new Json.Bad("rollout.phase must be applying, baking or rolling_back");
  }

  private static VersionStatus status(ObjectNode o, String where) throws Json.Bad {
    String status = Json.text(o, "status");
    return VersionStatus.fromJsonName(status)
        .orElseThrow(() -> new Json.Bad(where + ".status is not a known status (rejected: "
            + status.toLowerCase(Locale.ROOT) + ")"));
  }

  private static OptionalLong configuration(ObjectNode o) throws Json.Bad {
    JsonNode cv = o.get("configuration_version");
    return cv.isNull() ? OptionalLong.empty() : OptionalLong.of(Json.integer(o, "configuration_version"));
  }

  private static RetryPolicy policy(ObjectNode o, String where) throws Json.Bad {
    RetryPolicy policy;
    try {
      policy = Json.policy(o.get("policy"));
    } catch (EventRetryException e) {
      throw new Json.Bad(where + ".policy: " + e.getMessage());
    }
    PolicyFingerprint stored;
    try {
      stored = PolicyFingerprint.parse(Json.text(o, "fingerprint"));
    } catch (IllegalArgumentException e) {
      throw new Json.Bad(where + ".fingerprint: " + e.getMessage());
    }
    if (!stored.equals(policy.fingerprint())) {
      throw new Json.Bad(where + ".fingerprint " + stored + " is not the fingerprint of its policy ("
          + policy.fingerprint() + ")");
    }
    return policy;
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

  /** A schema version this library does not read. */
  public static final class UnknownSchema extends Exception {
    private static final long serialVersionUID = 1L;
    /** The version found, as written. */
    public final String version;

    /** Creates it. */
    public UnknownSchema(String version) {
      super("schema_version " + version, null, false, false);
      this.version = version;
    }
  }
}
