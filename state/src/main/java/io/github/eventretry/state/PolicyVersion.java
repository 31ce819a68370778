package io.github.eventretry.state;

import io.github.eventretry.core.PolicyFingerprint;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.TargetSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One version of what an integration's target holds: either a policy that was deployed ({@code v1},
 * {@code v2}, ...), kept whole so that a rollback restores exactly it, or the baseline {@code v0}, the
 * {@link TargetSnapshot} of what the target held before the first deploy, kept verbatim.
 *
 * <p>A version keeps the reason it was created with; every later status change is added to
 * {@link #changes()} beside it. Immutable and thread-safe; derive changed copies with the
 * {@code with...} methods or {@link #toBuilder()}.
 */
public final class PolicyVersion {
  /** The id of the baseline. */
  public static final String BASELINE_ID = "v0";
  /** The reason every baseline carries. */
  public static final String BASELINE_REASON = "what the target held before the first deploy";

  private static final Pattern ID = Pattern.compile("v(0|[1-9][0-9]{0,17})");

  private final String id;
  private final Instant createdAt;
  private final Optional<RetryPolicy> policy;
  private final Optional<TargetSnapshot> snapshot;
  private final TrafficSplit split;
  private final VersionStatus status;
  private final String actor;
  private final OptionalLong configurationVersion;
  private final String reason;
  private final List<StatusChange> changes;
  private final boolean unchecked;

  private PolicyVersion(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
    this.policy = b.policy;
    this.snapshot = b.snapshot;
    this.split = Objects.requireNonNull(b.split, "split");
    this.status = Objects.requireNonNull(b.status, "status");
    this.actor = Objects.requireNonNull(b.actor, "actor");
    this.configurationVersion = b.configurationVersion;
    this.reason = Objects.requireNonNull(b.reason, "reason");
    this.changes = List.copyOf(b.changes);
    this.unchecked = b.unchecked;
    checkId(id);
    boolean baseline = id.equals(BASELINE_ID);
    if (baseline != snapshot.isPresent() || baseline == policy.isPresent()) {
      throw new IllegalArgumentException(baseline
          ? "version v0 is the baseline: it holds a target snapshot and no policy"
          : "version " + id + " holds a policy and no target snapshot (only v0 is a baseline)");
    }
    if (baseline != (status == VersionStatus.BASELINE)) {
      throw new IllegalArgumentException("status baseline belongs to v0 and only to v0 (rejected: "
          + id + " " + status.jsonName() + ")");
    }
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor must not be blank");
    }
    if (configurationVersion.isPresent() && configurationVersion.getAsLong() < 0) {
      throw new IllegalArgumentException("configurationVersion must be 0 or more (rejected: "
          + configurationVersion.getAsLong() + ")");
    }
  }

  /**
   * Checks a version id: {@code v0} (the baseline) or {@code v} and a positive number.
   *
   * @param id the id
   * @return the id
   * @throws IllegalArgumentException if it is not such an id
   */
  public static String checkId(String id) {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "version id must be 'v' and a number, such as v1 (rejected: " + id + ")");
    }
    return id;
  }

  /**
   * Returns whether a text is a version id ({@code v0}, {@code v1}, ...).
   *
   * @param id the text
   * @return true if it is
   */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * Returns the baseline {@code v0}: what the target held before the first deploy.
   *
   * @param at when it was read
   * @param snapshot what the target held, verbatim
   * @param actor who deployed first
   * @return the version, status {@link VersionStatus#BASELINE}, split 100 %
   * @throws IllegalArgumentException if the actor is blank
   */
  public static PolicyVersion baseline(Instant at, TargetSnapshot snapshot, String actor) {
    Builder b = new Builder(BASELINE_ID, at, actor);
    b.snapshot = Optional.of(Objects.requireNonNull(snapshot, "snapshot"));
    b.status = VersionStatus.BASELINE;
    b.reason = BASELINE_REASON;
    return b.build();
  }

  /**
   * Returns a builder of a policy version (v1 and up), status {@link VersionStatus#PENDING}, split
   * 100 %, empty reason, until set otherwise.
   *
   * @param id such as {@code v3}
   * @param createdAt when the deployment began
   * @param policy the whole policy
   * @param actor who deploys it
   * @return the builder
   */
  public static Builder builder(String id, Instant createdAt, RetryPolicy policy, String actor) {
    Builder b = new Builder(id, createdAt, actor);
    b.policy = Optional.of(Objects.requireNonNull(policy, "policy"));
    return b;
  }

  /**
   * Returns a builder holding this version's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(id, createdAt, actor);
    b.policy = policy;
    b.snapshot = snapshot;
    b.split = split;
    b.status = status;
    b.configurationVersion = configurationVersion;
    b.reason = reason;
    b.changes.addAll(changes);
    b.unchecked = unchecked;
    return b;
  }

  /**
   * Returns the id.
   *
   * @return {@code v0} for the baseline, else {@code v1}, {@code v2}, ... in order of creation
   */
  public String id() {
    return id;
  }

  /**
   * Returns the number of this version: 3 for {@code v3}.
   *
   * @return 0 for the baseline, else 1 or more
   */
  public long number() {
    return Long.parseLong(id.substring(1));
  }

  /**
   * Returns whether this is the baseline {@code v0}.
   *
   * @return true for the baseline
   */
  public boolean isBaseline() {
    return snapshot.isPresent();
  }

  /**
   * Returns when the version was created (for the baseline: when it was read).
   *
   * @return a wall-clock time
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * Returns the policy.
   *
   * @return the whole policy, or empty for the baseline
   */
  public Optional<RetryPolicy> policy() {
    return policy;
  }

  /**
   * Returns the policy's fingerprint.
   *
   * @return the fingerprint, or empty for the baseline
   */
  public Optional<PolicyFingerprint> fingerprint() {
    return policy.map(RetryPolicy::fingerprint);
  }

  /**
   * Returns what the target held before the first deploy.
   *
   * @return the snapshot, for the baseline only
   */
  public Optional<TargetSnapshot> snapshot() {
    return snapshot;
  }

  /**
   * Returns a digest naming this version's content: the policy's fingerprint, or the baseline
   * snapshot's digest.
   *
   * @return {@code sha256:} and 64 hex digits
   */
  public String digest() {
    return policy.map(p -> p.fingerprint().value()).orElseGet(() -> snapshot.orElseThrow().digest());
  }

  /**
   * Returns the share of traffic the version was last applied to.
   *
   * @return the split; 100 % for the baseline
   */
  public TrafficSplit split() {
    return split;
  }

  /**
   * Returns where the version stands.
   *
   * @return the status
   */
  public VersionStatus status() {
    return status;
  }

  /**
   * Returns who deployed it.
   *
   * @return a non-blank name
   */
  public String actor() {
    return actor;
  }

  /**
   * Returns the configuration version its last apply (or restore) produced on the target.
   *
   * @return the version, or empty if nothing of it was applied yet
   */
  public OptionalLong configurationVersion() {
    return configurationVersion;
  }

  /**
   * Returns why the version was deployed, as given when it was created. Never overwritten.
   *
   * @return the reason; may be empty
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns every status change after creation, oldest first.
   *
   * @return an immutable list
   */
  public List<StatusChange> changes() {
    return changes;
  }

  /**
   * Returns the latest status change.
   *
   * @return the change, or empty if the status never changed
   */
  public Optional<StatusChange> lastChange() {
    return changes.isEmpty() ? Optional.empty() : Optional.of(changes.get(changes.size() - 1));
  }

  /**
   * Returns whether the version was rolled out without a check (every stage baked for 0 s with a
   * minimum sample of 0).
   *
   * @return true if unchecked
   */
  public boolean unchecked() {
    return unchecked;
  }

  /**
   * Returns a copy with another status, recording the change beside the version's own reason.
   *
   * @param newStatus the status
   * @param at when
   * @param by who caused it
   * @param why why
   * @return the copy
   * @throws IllegalArgumentException if the baseline's status would change
   */
  public PolicyVersion withStatus(VersionStatus newStatus, Instant at, String by, String why) {
    Builder b = toBuilder();
    b.status = Objects.requireNonNull(newStatus, "newStatus");
    b.changes.add(new StatusChange(at, newStatus, by, why));
    return b.build();
  }

  /**
   * Returns a copy recording an apply: the split and the configuration version it produced.
   *
   * @param newSplit the split applied
   * @param newConfigurationVersion the configuration version, 0 or more
   * @return the copy
   */
  public PolicyVersion withApplied(TrafficSplit newSplit, long newConfigurationVersion) {
    Builder b = toBuilder();
    b.split = Objects.requireNonNull(newSplit, "newSplit");
    b.configurationVersion = OptionalLong.of(newConfigurationVersion);
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyVersion v && v.id.equals(id) && v.createdAt.equals(createdAt)
        && v.policy.equals(policy) && v.snapshot.equals(snapshot) && v.split.equals(split)
        && v.status == status && v.actor.equals(actor)
        && v.configurationVersion.equals(configurationVersion) && v.reason.equals(reason)
        && v.changes.equals(changes) && v.unchecked == unchecked;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, createdAt, policy, snapshot, split, status, actor, configurationVersion,
        reason, changes, unchecked);
  }

  /**
   * Returns a short description: id, status, split and digest (the policy is left out).
   *
   * @return such as {@code PolicyVersion[v2, active, 100%, sha256:…]}
   */
  @Override
  public String toString() {
    return "PolicyVersion[" + id + ", " + status.jsonName() + ", " + split + ", " + digest() + "]";
  }

  /**
   * Builds a {@link PolicyVersion}. {@link #build()} copies; the builder can be reused. Not
   * thread-safe.
   */
  public static final class Builder {
    private final String id;
    private final Instant createdAt;
    private final String actor;
    private Optional<RetryPolicy> policy = Optional.empty();
    private Optional<TargetSnapshot> snapshot = Optional.empty();
    private TrafficSplit split = TrafficSplit.FULL;
    private VersionStatus status = VersionStatus.PENDING;
    private OptionalLong configurationVersion = OptionalLong.empty();
    private String reason = "";
    private final List<StatusChange> changes = new ArrayList<>();
    private boolean unchecked;

    private Builder(String id, Instant createdAt, String actor) {
      this.id = Objects.requireNonNull(id, "id");
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      this.actor = Objects.requireNonNull(actor, "actor");
    }

    /**
     * Sets the split last applied.
     *
     * @param s the split
     * @return this builder
     */
    public Builder split(TrafficSplit s) {
      split = Objects.requireNonNull(s, "split");
      return this;
    }

    /**
     * Sets the status, without recording a change (for a version as created or as read).
     *
     * @param s the status
     * @return this builder
     */
    public Builder status(VersionStatus s) {
      status = Objects.requireNonNull(s, "status");
      return this;
    }

    /**
     * Sets the configuration version its last apply produced.
     *
     * @param v the version, or empty
     * @return this builder
     */
    public Builder configurationVersion(OptionalLong v) {
      configurationVersion = Objects.requireNonNull(v, "configurationVersion");
      return this;
    }

    /**
     * Sets why it was deployed.
     *
     * @param r the reason; may be empty
     * @return this builder
     */
    public Builder reason(String r) {
      reason = Objects.requireNonNull(r, "reason");
      return this;
    }

    /**
     * Adds a status change, as read from storage.
     *
     * @param c the change
     * @return this builder
     */
    public Builder addChange(StatusChange c) {
      changes.add(Objects.requireNonNull(c, "change"));
      return this;
    }

    /**
     * Sets whether it was rolled out without a check.
     *
     * @param u true if unchecked
     * @return this builder
     */
    public Builder unchecked(boolean u) {
      unchecked = u;
      return this;
    }

    /**
     * Builds the version.
     *
     * @return the version
     * @throws IllegalArgumentException if the id is not {@code v} and a number, the baseline and its
     *     snapshot or status do not go together, the actor is blank, or the configuration version is
     *     negative
     */
    public PolicyVersion build() {
      return new PolicyVersion(this);
    }
  }
}
