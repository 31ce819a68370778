package io.github.eventretry.eventbridge;

import io.github.eventretry.core.text.SafeText;
import java.util.List;
import java.util.Objects;

/**
 * How the live targets of the matched rules differ from a policy: one entry per target the policy's
 * split covers, in the order the split selects them. Targets outside the split are not compared.
 * Immutable and thread-safe.
 *
 * @param eventBusName the event bus
 * @param targets each compared target and its differences
 */
public record Drift(String eventBusName, List<TargetDrift> targets) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any is null
   */
  public Drift {
    Objects.requireNonNull(eventBusName, "eventBusName");
    targets = List.copyOf(targets);
  }

  /**
   * Returns whether any target differs.
   *
   * @return true when at least one does
   */
  public boolean hasDrift() {
    return targets.stream().anyMatch(TargetDrift::drifted);
  }

  /**
   * Returns the targets that differ.
   *
   * @return those with at least one difference
   */
  public List<TargetDrift> drifted() {
    return targets.stream().filter(TargetDrift::drifted).toList();
  }

  /**
   * Describes the drift for a person, one line per difference.
   *
   * @return such as {@code rule genesys-events, target sqs-queue: RetryPolicy.MaximumRetryAttempts:
   *     expected 5, found 185}, or {@code no drift: 2 targets hold the policy}
   */
  public String describe() {
    if (!hasDrift()) {
      return "no drift: " + targets.size() + (targets.size() == 1 ? " target holds" : " targets hold")
          + " the policy";
    }
    StringBuilder b = new StringBuilder();
    for (TargetDrift t : drifted()) {
      for (TargetDrift.Difference d : t.differences()) {
        if (b.length() > 0) {
          b.append('\n');
        }
        b.append(SafeText.escape(t.target() + ": " + d));
      }
    }
    return b.toString();
  }
}
