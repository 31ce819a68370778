package io.github.eventretry.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.spi.TargetSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * Two targets as one: the policy goes to the first (the EventBridge rule targets, where retries
 * happen), then to the second (the block recorded in the Genesys Cloud integration), so that a rollout
 * has one version, one check per stage and one rollback for both.
 *
 * <p>Its snapshot (target {@value #TARGET_NAME}) holds both snapshots' texts exactly, as
 * {@code {"first": {"target": …, "json": "<text>"}, "second": {…}}}. When the second refuses an apply
 * or a restore, the first is put back to what it held just before, so both hold the same version
 * (the message says so, or says what could not be put back).
 *
 * <p>Thread-safe when both targets are (as every {@link PolicyTarget} must be); calls run one at a
 * time.
 */
public final class CombinedTarget implements PolicyTarget {
  /** The {@link TargetSnapshot#target()} of this target's snapshots. */
  public static final String TARGET_NAME = "eventbridge-and-genesys";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PolicyTarget first;
  private final String firstName;
  private final PolicyTarget second;
  private final String secondName;
  private final Object lock = new Object();

  /**
   * Combines two targets.
   *
   * @param first applied first and restored first: EventBridge's rule targets
   * @param firstName the first as messages name it, such as {@code the EventBridge rule targets}
   * @param second applied second: the Genesys Cloud integration
   * @param secondName the second as messages name it, such as {@code Genesys Cloud}
   */
  public CombinedTarget(PolicyTarget first, String firstName, PolicyTarget second, String secondName) {
    this.first = Objects.requireNonNull(first, "first");
    this.firstName = Objects.requireNonNull(firstName, "firstName");
    this.second = Objects.requireNonNull(second, "second");
    this.secondName = Objects.requireNonNull(secondName, "secondName");
  }

  /**
   * Returns the two snapshots a combined snapshot holds.
   *
   * @param snapshot a snapshot of this target
   * @return the first's and the second's, in that order
   * @throws IllegalArgumentException if it is not a snapshot of this kind of target, or not in its shape
   */
  public static List<TargetSnapshot> parts(TargetSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    if (!snapshot.target().equals(TARGET_NAME)) {
      throw new IllegalArgumentException("the snapshot was recorded by the " + snapshot.target()
          + " target, not by " + TARGET_NAME);
    }
    try {
      JsonNode root = JSON.readTree(snapshot.json());
      return List.of(part(root, "first"), part(root, "second"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the snapshot is not in the shape of " + TARGET_NAME
          + ": it is not JSON");
    }
  }

  private static TargetSnapshot part(JsonNode root, String name) {
    JsonNode p = root == null ? null : root.get(name);
    if (p == null || !p.path("target").isTextual() || !p.path("json").isTextual()) {
      throw new IllegalArgumentException("the snapshot is not in the shape of " + TARGET_NAME + ": "
          + name + " has no target and json");
    }
    return TargetSnapshot.of(p.get("target").textValue(), p.get("json").textValue());
  }

  /**
   * Returns a combined snapshot.
   *
   * @param a the first target's snapshot
   * @param b the second target's snapshot
   * @return the snapshot of target {@value #TARGET_NAME}
   */
  public static TargetSnapshot combine(TargetSnapshot a, TargetSnapshot b) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject("first").put("target", a.target()).put("json", a.json());
    root.putObject("second").put("target", b.target()).put("json", b.json());
    try {
      return TargetSnapshot.of(TARGET_NAME, JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of text is always serialisable", e);
    }
  }

  /**
   * Reads both targets.
   *
   * @param integrationId the integration
   * @return both snapshots as one
   * @throws EventRetryException if either could not be read
   */
  @Override
  public TargetSnapshot read(String integrationId) {
    synchronized (lock) {
      return combine(first.read(integrationId), second.read(integrationId));
    }
  }

  /**
   * Applies the policy to the first target, then to the second; when the second fails, puts the first
   * back to what it held before.
   *
   * @param integrationId the integration
   * @param policy the policy
   * @param split the share of traffic
   * @return the second's result (its configuration version)
   * @throws EventRetryException if either failed; both then hold what they held before, or the message
   *     says what could not be put back
   */
  @Override
  public ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split) {
    synchronized (lock) {
      TargetSnapshot before = first.read(integrationId);
      first.apply(integrationId, policy, split);
      try {
        return second.apply(integrationId, policy, split);
      } catch (EventRetryException e) {
        throw undo(integrationId, before, e, "applying the policy to");
      }
    }
  }

  /**
   * Restores both parts of a combined snapshot, the first target first; when the second fails, puts
   * the first back to what it held before.
   *
   * @param integrationId the integration
   * @param snapshot a snapshot of this target
   * @return what both hold now, and the second's configuration version
   * @throws IllegalArgumentException if the snapshot is not of this kind of target
   * @throws EventRetryException if either failed; both then hold what they held before, or the message
   *     says what could not be put back
   */
  @Override
  public RestoreResult restore(String integrationId, TargetSnapshot snapshot) {
    List<TargetSnapshot> p = parts(snapshot);
    synchronized (lock) {
      TargetSnapshot before = first.read(integrationId);
      RestoreResult a = first.restore(integrationId, p.get(0));
      RestoreResult b;
      try {
        b = second.restore(integrationId, p.get(1));
      } catch (EventRetryException e) {
        throw undo(integrationId, before, e, "restoring");
      }
      return new RestoreResult(integrationId, combine(a.restored(), b.restored()),
          b.configurationVersion());
    }
  }

  private EventRetryException undo(String integrationId, TargetSnapshot before, EventRetryException e,
      String what) {
    String why = e.getMessage() == null ? "failed" : e.getMessage().lines().findFirst().orElse("failed");
    try {
      first.restore(integrationId, before);
    } catch (EventRetryException | IllegalArgumentException u) {
      EventRetryException both = new EventRetryException(what + " " + secondName + " failed: " + why
          + "; putting " + firstName + " back failed too (" + (u.getMessage() == null ? "no detail"
              : u.getMessage().lines().findFirst().orElse("no detail")) + "), so " + firstName
          + " may hold the new values", e);
      both.addSuppressed(u);
      return both;
    }
    return new EventRetryException(what + " " + secondName + " failed: " + why + "; " + firstName
        + " were put back to what they held before", e);
  }

  /**
   * Checks the splits with both targets.
   *
   * @param integrationId the integration
   * @param splits the stages' splits
   * @throws IllegalArgumentException if either cannot carry them
   */
  @Override
  public void checkSplits(String integrationId, List<TrafficSplit> splits) {
    first.checkSplits(integrationId, splits);
    second.checkSplits(integrationId, splits);
  }
}
