package io.github.eventretry.state;

import io.github.eventretry.state.audit.AuditCheckpoint;
import io.github.eventretry.state.audit.AuditExpectation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The deployment state of one integration: the baseline {@code v0} (what the target held before the
 * first deploy) and every version deployed since (never removed), which one is active, the rollout in
 * progress if any, and what its last save expects of the audit log.
 *
 * <p>Like Terraform's state, it carries a {@code lineage} fixed at creation and a {@code serial} that
 * grows by one with every change; a {@link io.github.eventretry.state.spi.StateStore} accepts a change
 * only from the serial it holds (compare-and-set) and refuses an unrelated lineage.
 *
 * <p>Immutable and thread-safe; derive changed copies with {@link #toBuilder()}.
 */
public final class DeploymentState {
  /** The schema version of the stored form this library writes (it also reads schema 1). */
  public static final int SCHEMA_VERSION = 2;

  private final String integrationId;
  private final UUID lineage;
  private final long serial;
  private final List<PolicyVersion> versions;
  private final Optional<String> activeVersionId;
  private final Optional<RolloutProgress> rollout;
  private final Optional<AuditCheckpoint> auditCheckpoint;

  private DeploymentState(Builder b) {
    this.integrationId = checkIntegrationId(b.integrationId);
    this.lineage = Objects.requireNonNull(b.lineage, "lineage");
    this.serial = b.serial;
    this.versions = List.copyOf(b.versions);
    this.activeVersionId = b.activeVersionId;
    this.rollout = b.rollout;
    this.auditCheckpoint = b.auditCheckpoint;
    if (serial < 0) {
      throw new IllegalArgumentException("serial must be 0 or more (rejected: " + serial + ")");
    }
    long first = versions.isEmpty() ? 0 : versions.get(0).number();
    if (first > 1) {
      throw new IllegalArgumentException("the first version must be v0 or v1 (rejected: "
          + versions.get(0).id() + ")");
    }
    for (int i = 0; i < versions.size(); i++) {
      long expected = first + i;
      if (versions.get(i).number() != expected) {
        throw new IllegalArgumentException("version " + (i + 1) + " must have id v" + expected
            + " (rejected: " + versions.get(i).id() + ")");
      }
    }
    activeVersionId.ifPresent(id -> requireVersion(id, "activeVersionId"));
    rollout.ifPresent(r -> {
      requireVersion(r.versionId(), "rollout.versionId");
      r.rollbackTo().ifPresent(id -> requireVersion(id, "rollout.rollbackTo"));
    });
  }

  private void requireVersion(String id, String what) {
    if (version(id).isEmpty()) {
      throw new IllegalArgumentException(what + " " + id + " is not one of the versions ("
          + describeIds() + ")");
    }
  }

  private String describeIds() {
    return versions.isEmpty() ? "none yet"
        : versions.get(0).id() + ".." + versions.get(versions.size() - 1).id();
  }

  /**
   * Checks that an integration id can name a file: letters, digits, {@code . _ -}, 1..128 characters,
   * not starting with a dot. Genesys Cloud's integration ids (UUIDs) qualify.
   *
   * @param integrationId the id
   * @return the id
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException if it is not such a name
   */
  public static String checkIntegrationId(String integrationId) {
    Objects.requireNonNull(integrationId, "integrationId");
    if (!integrationId.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
      throw new IllegalArgumentException("integrationId must be 1..128 letters, digits, '.', '_' or '-',"
          + " not starting with '.' (rejected: "
          + io.github.eventretry.core.text.SafeText.quote(integrationId) + ")");
    }
    return integrationId;
  }

  /**
   * Returns a builder of the state of an integration that has never been saved: serial 0, no versions.
   *
   * @param integrationId the integration
   * @param lineage the lineage it will keep forever
   * @return the builder
   */
  public static Builder builder(String integrationId, UUID lineage) {
    return new Builder(integrationId, lineage);
  }

  /**
   * Returns the state of an integration that has never been saved: serial 0, no versions.
   *
   * @param integrationId the integration
   * @param lineage the lineage it will keep forever
   * @return the state
   * @throws IllegalArgumentException if the integration id is not a safe name
   */
  public static DeploymentState create(String integrationId, UUID lineage) {
    return builder(integrationId, lineage).build();
  }

  /**
   * Returns the integration.
   *
   * @return the id
   */
  public String integrationId() {
    return integrationId;
  }

  /**
   * Returns the lineage, fixed at creation.
   *
   * @return the UUID
   */
  public UUID lineage() {
    return lineage;
  }

  /**
   * Returns the serial.
   *
   * @return 0 before the first save, then +1 per change
   */
  public long serial() {
    return serial;
  }

  /**
   * Returns every version, oldest first: the baseline {@code v0} if recorded, then v1, v2, ...
   *
   * @return an immutable list
   */
  public List<PolicyVersion> versions() {
    return versions;
  }

  /**
   * Returns every version, oldest first (the same list as {@link #versions()}).
   *
   * @return an immutable list
   */
  public List<PolicyVersion> history() {
    return versions;
  }

  /**
   * Returns the id of the version serving traffic.
   *
   * @return the id, or empty if none
   */
  public Optional<String> activeVersionId() {
    return activeVersionId;
  }

  /**
   * Returns the unfinished rollout (or rollback).
   *
   * @return the progress, or empty when none is in progress
   */
  public Optional<RolloutProgress> rollout() {
    return rollout;
  }

  /**
   * Returns what this state's last save expects of the audit log.
   *
   * @return the checkpoint, or empty for a state written before checkpoints were recorded
   */
  public Optional<AuditCheckpoint> auditCheckpoint() {
    return auditCheckpoint;
  }

  /**
   * Returns what this state says its audit log must hold, for
   * {@link io.github.eventretry.state.spi.AuditLog#verify(java.util.Collection)}.
   *
   * @return the expectation
   */
  public AuditExpectation auditExpectation() {
    return new AuditExpectation(integrationId, serial, versions.size(), auditCheckpoint);
  }

  /**
   * Finds a version.
   *
   * @param id such as {@code v3}, or {@code v0} for the baseline
   * @return the version, or empty if there is none with that id
   */
  public Optional<PolicyVersion> version(String id) {
    Objects.requireNonNull(id, "id");
    if (!PolicyVersion.isId(id) || versions.isEmpty()) {
      return Optional.empty();
    }
    long k = Long.parseLong(id.substring(1)) - versions.get(0).number();
    return k >= 0 && k < versions.size() ? Optional.of(versions.get((int) k)) : Optional.empty();
  }

  /**
   * Returns the baseline.
   *
   * @return {@code v0}, or empty if none was recorded (a state written before baselines were)
   */
  public Optional<PolicyVersion> baseline() {
    return versions.isEmpty() || !versions.get(0).isBaseline()
        ? Optional.empty() : Optional.of(versions.get(0));
  }

  /**
   * Returns the active version.
   *
   * @return the version serving traffic, or empty if none
   */
  public Optional<PolicyVersion> active() {
    return activeVersionId.flatMap(this::version);
  }

  /**
   * Returns where a rollback from a version goes: the most recent version before it that completed its
   * rollout (active or superseded), or the baseline. Failed and rolled-back versions are skipped.
   *
   * @param fromId the version rolled back from
   * @return the version to restore, or empty if there is none before {@code fromId}
   */
  public Optional<PolicyVersion> rollbackTarget(String fromId) {
    Optional<PolicyVersion> from = version(fromId);
    if (from.isEmpty()) {
      return Optional.empty();
    }
    for (int i = versions.indexOf(from.get()) - 1; i >= 0; i--) {
      if (versions.get(i).status().isGood()) {
        return Optional.of(versions.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns where a plain rollback goes now: from the unfinished rollout's version if there is one,
   * else from the active version (see {@link #rollbackTarget(String)}).
   *
   * @return the version to restore, or empty if there is nothing before the current one
   */
  public Optional<PolicyVersion> rollbackTarget() {
    return rollout.map(RolloutProgress::versionId).or(() -> activeVersionId)
        .flatMap(this::rollbackTarget);
  }

  /**
   * Returns the id the next version will have.
   *
   * @return {@code v} and one more than the last version's number ({@code v1} when there is none or
   *     only the baseline)
   */
  public String nextVersionId() {
    return "v" + (versions.isEmpty() ? 1 : versions.get(versions.size() - 1).number() + 1);
  }

  /**
   * Compares two versions field by field.
   *
   * @param fromId the first version, such as {@code v1}
   * @param toId the second version
   * @return the differences
   * @throws IllegalArgumentException if either version does not exist
   */
  public VersionDiff diff(String fromId, String toId) {
    PolicyVersion a = version(fromId).orElseThrow(() -> missing(fromId));
    PolicyVersion b = version(toId).orElseThrow(() -> missing(toId));
    return VersionDiff.of(a, b);
  }

  private IllegalArgumentException missing(String id) {
    return new IllegalArgumentException("no version "
        + io.github.eventretry.core.text.SafeText.quote(id) + " in the state of " + integrationId
        + " (it has " + describeIds() + ")");
  }

  /**
   * Returns a builder holding this state's values, for a changed copy. The builder does not change the
   * serial: use {@link Builder#nextSerial()}.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(integrationId, lineage);
    b.serial = serial;
    b.versions.addAll(versions);
    b.activeVersionId = activeVersionId;
    b.rollout = rollout;
    b.auditCheckpoint = auditCheckpoint;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeploymentState s && s.integrationId.equals(integrationId)
        && s.lineage.equals(lineage) && s.serial == serial && s.versions.equals(versions)
        && s.activeVersionId.equals(activeVersionId) && s.rollout.equals(rollout)
        && s.auditCheckpoint.equals(auditCheckpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(integrationId, lineage, serial, versions, activeVersionId, rollout,
        auditCheckpoint);
  }

  /**
   * Returns a short description: integration, lineage, serial, versions, active version and rollout.
   * The policies are left out.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "DeploymentState[" + integrationId + ", lineage=" + lineage + ", serial=" + serial
        + ", versions=" + describeIds() + activeVersionId.map(a -> ", active=" + a).orElse("")
        + rollout.map(r -> ", rollout=" + r).orElse("") + "]";
  }

  /**
   * Builds a {@link DeploymentState}, new or changed. {@link #build()} copies: the builder can be
   * changed and built again. Not thread-safe.
   */
  public static final class Builder {
    private final String integrationId;
    private final UUID lineage;
    private long serial;
    private final List<PolicyVersion> versions = new ArrayList<>();
    private Optional<String> activeVersionId = Optional.empty();
    private Optional<RolloutProgress> rollout = Optional.empty();
    private Optional<AuditCheckpoint> auditCheckpoint = Optional.empty();

    private Builder(String integrationId, UUID lineage) {
      this.integrationId = Objects.requireNonNull(integrationId, "integrationId");
      this.lineage = Objects.requireNonNull(lineage, "lineage");
    }

    /**
     * Sets the serial (as read from storage).
     *
     * @param s 0 or more
     * @return this builder
     */
    public Builder serial(long s) {
      serial = s;
      return this;
    }

    /**
     * Adds one to the serial.
     *
     * @return this builder
     * @throws ArithmeticException if the serial would overflow
     */
    public Builder nextSerial() {
      serial = Math.addExact(serial, 1);
      return this;
    }

    /**
     * Adds a new version (whose id must be the next one, or {@code v0} as the first) or replaces the
     * version with the same id.
     *
     * @param version the version
     * @return this builder
     * @throws IllegalArgumentException if its id is neither an existing one nor the next
     */
    public Builder putVersion(PolicyVersion version) {
      Objects.requireNonNull(version, "version");
      long first = versions.isEmpty() ? version.number() : versions.get(0).number();
      long k = version.number() - first;
      if (k >= 0 && k < versions.size()) {
        versions.set((int) k, version);
      } else if (k == versions.size() && (first <= 1)) {
        versions.add(version);
      } else {
        throw new IllegalArgumentException("version " + version.id() + " is not an existing version"
            + " nor the next one (v" + (first + versions.size()) + ")");
      }
      return this;
    }

    /**
     * Sets the active version.
     *
     * @param versionId the id, or empty for none
     * @return this builder
     */
    public Builder activeVersionId(Optional<String> versionId) {
      activeVersionId = Objects.requireNonNull(versionId, "versionId");
      return this;
    }

    /**
     * Sets the unfinished rollout.
     *
     * @param progress the rollout, or empty when none is in progress
     * @return this builder
     */
    public Builder rollout(Optional<RolloutProgress> progress) {
      rollout = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Sets what this state's save expects of the audit log.
     *
     * @param checkpoint the checkpoint, or empty
     * @return this builder
     */
    public Builder auditCheckpoint(Optional<AuditCheckpoint> checkpoint) {
      auditCheckpoint = Objects.requireNonNull(checkpoint, "checkpoint");
      return this;
    }

    /**
     * Builds the state. The builder is left as it was.
     *
     * @return the state
     * @throws IllegalArgumentException if the integration id is not a safe name (letters, digits,
     *     {@code . _ -}, 1..128 characters, not starting with a dot), the serial is negative, version
     *     ids do not run v0 (or v1), v1, v2, ... in order, or the active, rollout or rollback version
     *     does not exist
     */
    public DeploymentState build() {
      return new DeploymentState(this);
    }
  }
}
