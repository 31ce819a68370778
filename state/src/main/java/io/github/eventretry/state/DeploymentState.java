package io.github.eventretry.state;

import io.github.eventretry.core.PolicyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The deployment state of one integration: every version ever deployed (never removed), which one is
 * active, which one is the last known good, and the rollout in progress if any.
 *
 * <p>Like Terraform's state, it carries a {@code lineage} fixed at creation and a {@code serial} that
 * grows by one with every change; a {@link io.github.eventretry.state.spi.StateStore} accepts a change
 * only from the serial it holds (compare-and-set) and refuses an unrelated lineage. Immutable and
 * thread-safe; derive changed copies with {@link #toBuilder()}.
 *
 * @param integrationId the integration
 * @param lineage fixed at creation
 * @param serial 0 before the first save, then +1 per change
 * @param schemaVersion the schema of the stored form, {@link #SCHEMA_VERSION}
 * @param versions every version, oldest first; the i-th has id {@code v(i+1)}
 * @param activeVersionId the version serving traffic, if any
 * @param lastKnownGoodVersionId the version a rollback returns to, if any
 * @param rollout the unfinished rollout, if any
 * @param previousActiveVersionId the version that was active before the active one, which
 *     {@code RolloutEngine.rollback} returns to; empty if none was, or the state was written before
 *     this was recorded
 */
public record DeploymentState(
    String integrationId,
    UUID lineage,
    long serial,
    int schemaVersion,
    List<PolicyVersion> versions,
    Optional<String> activeVersionId,
    Optional<String> lastKnownGoodVersionId,
    Optional<RolloutProgress> rollout,
    Optional<String> previousActiveVersionId) {
  /** The schema version this library writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any reference or version is null
   * @throws IllegalArgumentException if the integration id is not a safe name (letters, digits, {@code
   *     . _ -}, 1..128 characters, not starting with a dot), the serial is negative, the schema version
   *     is not {@link #SCHEMA_VERSION}, version ids are not
   *     v1, v2, ... in order, or the active, last known good, rollout or previous active version does
   *     not exist
   */
  public DeploymentState {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(lineage, "lineage");
    versions = List.copyOf(Objects.requireNonNull(versions, "versions"));
    Objects.requireNonNull(activeVersionId, "activeVersionId");
    Objects.requireNonNull(lastKnownGoodVersionId, "lastKnownGoodVersionId");
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(previousActiveVersionId, "previousActiveVersionId");
    checkIntegrationId(integrationId);
    if (serial < 0) {
      throw new IllegalArgumentException("serial must be 0 or more (rejected: " + serial + ")");
    }
    if (schemaVersion != SCHEMA_VERSION) {
      throw new IllegalArgumentException("schemaVersion must be " + SCHEMA_VERSION + " (rejected: "
          + schemaVersion + ")");
    }
    for (int i = 0; i < versions.size(); i++) {
      String expected = "v" + (i + 1);
      if (!versions.get(i).id().equals(expected)) {
        throw new IllegalArgumentException("version " + (i + 1) + " must have id " + expected
            + " (rejected: " + versions.get(i).id() + ")");
      }
    }
    int n = versions.size();
    activeVersionId.ifPresent(id -> requireVersion(id, n, "activeVersionId"));
    lastKnownGoodVersionId.ifPresent(id -> requireVersion(id, n, "lastKnownGoodVersionId"));
    rollout.ifPresent(r -> requireVersion(r.versionId(), n, "rollout.versionId"));
    previousActiveVersionId.ifPresent(id -> requireVersion(id, n, "previousActiveVersionId"));
  }

  /**
   * Creates a state without a recorded previous active version (as read from a file written before it
   * was recorded).
   *
   * @param integrationId the integration
   * @param lineage fixed at creation
   * @param serial 0 before the first save, then +1 per change
   * @param schemaVersion {@link #SCHEMA_VERSION}
   * @param versions every version, oldest first
   * @param activeVersionId the version serving traffic, if any
   * @param lastKnownGoodVersionId the version a rollback returns to, if any
   * @param rollout the unfinished rollout, if any
   * @throws NullPointerException if any reference or version is null
   * @throws IllegalArgumentException as the canonical constructor
   */
  public DeploymentState(String integrationId, UUID lineage, long serial, int schemaVersion,
      List<PolicyVersion> versions, Optional<String> activeVersionId,
      Optional<String> lastKnownGoodVersionId, Optional<RolloutProgress> rollout) {
    this(integrationId, lineage, serial, schemaVersion, versions, activeVersionId, lastKnownGoodVersionId,
        rollout, Optional.empty());
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
          + " not starting with '.' (rejected: " + integrationId + ")");
    }
    return integrationId;
  }

  private static void requireVersion(String id, int count, String what) {
    if (!id.matches("v[1-9][0-9]{0,17}") || Long.parseLong(id.substring(1)) > count) {
      throw new IllegalArgumentException(what + " " + id + " is not one of the " + count + " versions");
    }
  }

  /**
   * Returns the state of an integration that has never been saved: serial 0, no versions.
   *
   * @param integrationId the integration
   * @param lineage the lineage it will keep forever
   * @return the state
   */
  public static DeploymentState create(String integrationId, UUID lineage) {
    return new DeploymentState(integrationId, lineage, 0, SCHEMA_VERSION, List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns every version, oldest first.
   *
   * @return the history
   */
  public List<PolicyVersion> history() {
    return versions;
  }

  /**
   * Finds a version.
   *
   * @param id such as {@code v3}
   * @return the version, or empty if there is none with that id
   */
  public Optional<PolicyVersion> version(String id) {
    Objects.requireNonNull(id, "id");
    if (!id.matches("v[1-9][0-9]{0,17}")) {
      return Optional.empty();
    }
    long k = Long.parseLong(id.substring(1));
    return k <= versions.size() ? Optional.of(versions.get((int) k - 1)) : Optional.empty();
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
   * Returns the last known good version.
   *
   * @return the version a rollback returns to, or empty if none
   */
  public Optional<PolicyVersion> lastKnownGood() {
    return lastKnownGoodVersionId.flatMap(this::version);
  }

  /**
   * Returns the version that was active before the active one.
   *
   * @return the version {@code RolloutEngine.rollback} returns to, or empty if none is recorded
   */
  public Optional<PolicyVersion> previousActive() {
    return previousActiveVersionId.flatMap(this::version);
  }

  /**
   * Returns the id the next version will have.
   *
   * @return {@code v} and the number of versions plus one
   */
  public String nextVersionId() {
    return "v" + (versions.size() + 1);
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
    return new IllegalArgumentException("no version " + id + " in the state of " + integrationId
        + " (it has v1..v" + versions.size() + ")");
  }

  /**
   * Returns a builder holding this state's values, for a changed copy. The builder does not change the
   * serial: use {@link Builder#nextSerial()}.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a changed copy of a {@link DeploymentState}. Not thread-safe.
   */
  public static final class Builder {
    private final String integrationId;
    private final UUID lineage;
    private long serial;
    private final int schemaVersion;
    private final List<PolicyVersion> versions;
    private Optional<String> active;
    private Optional<String> lastKnownGood;
    private Optional<RolloutProgress> rollout;
    private Optional<String> previousActive;

    private Builder(DeploymentState s) {
      integrationId = s.integrationId;
      lineage = s.lineage;
      serial = s.serial;
      schemaVersion = s.schemaVersion;
      versions = new ArrayList<>(s.versions);
      active = s.activeVersionId;
      lastKnownGood = s.lastKnownGoodVersionId;
      rollout = s.rollout;
      previousActive = s.previousActiveVersionId;
    }

    /**
     * Adds one to the serial.
     *
     * @return this builder
     */
    public Builder nextSerial() {
      serial = Math.addExact(serial, 1);
      return this;
    }

    /**
     * Adds a new version (whose id must be the next one) or replaces the version with the same id.
     *
     * @param version the version
     * @return this builder
     * @throws IllegalArgumentException if its id is neither an existing one nor the next
     */
    public Builder putVersion(PolicyVersion version) {
      Objects.requireNonNull(version, "version");
      long k = version.number();
      if (k <= versions.size()) {
        versions.set((int) k - 1, version);
      } else if (k == versions.size() + 1) {
        versions.add(version);
      } else {
        throw new IllegalArgumentException("version " + version.id() + " is not an existing version nor"
            + " the next one (v" + (versions.size() + 1) + ")");
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
      active = Objects.requireNonNull(versionId, "versionId");
      return this;
    }

    /**
     * Sets the last known good version.
     *
     * @param versionId the id, or empty for none
     * @return this builder
     */
    public Builder lastKnownGoodVersionId(Optional<String> versionId) {
      lastKnownGood = Objects.requireNonNull(versionId, "versionId");
      return this;
    }

    /**
     * Sets the version that was active before the active one.
     *
     * @param versionId the id, or empty for none
     * @return this builder
     */
    public Builder previousActiveVersionId(Optional<String> versionId) {
      previousActive = Objects.requireNonNull(versionId, "versionId");
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
     * Builds the state.
     *
     * @return the state
     * @throws IllegalArgumentException as the {@link DeploymentState} constructor
     */
    public DeploymentState build() {
      return new DeploymentState(integrationId, lineage, serial, schemaVersion, versions, active,
          lastKnownGood, rollout, previousActive);
    }
  }

  /**
   * Returns a short description: integration, lineage, serial, version count, active and last known
   * good. The policies are left out; see {@link PolicyJson} for those.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "DeploymentState[" + integrationId + ", lineage=" + lineage + ", serial=" + serial
        + ", versions=" + versions.size() + ", active=" + activeVersionId.orElse("-")
        + ", lastKnownGood=" + lastKnownGoodVersionId.orElse("-")
        + previousActiveVersionId.map(p -> ", previousActive=" + p).orElse("")
        + rollout.map(r -> ", rollout=" + r.versionId() + "@" + r.stageIndex() + "/" + r.phase())
            .orElse("") + "]";
  }
}
