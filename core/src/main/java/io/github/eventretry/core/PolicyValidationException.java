package io.github.eventretry.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown when a retry-policy document or builder breaks one or more rules. It carries every violation
 * found, not just the first, each with its JSON path, message and rejected value.
 *
 * <p>This is the only exception that reading or validating a policy throws for bad content, whatever
 * the input: malformed JSON, wrong types, unknown fields, values out of range. Its violation list is
 * immutable; like any exception, an instance is not meant to be shared while it is being built.
 */
public final class PolicyValidationException extends EventRetryException {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;

  /**
   * Creates the exception.
   *
   * @param violations every violation found; must not be empty
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public PolicyValidationException(List<Violation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  private static String describe(List<Violation> violations) {
    Objects.requireNonNull(violations, "violations");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations must not be empty");
    }
    String s = violations.size() == 1 ? "" : "s";
    return "invalid retry policy (" + violations.size() + " violation" + s + "):\n"
        + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n"));
  }

  /**
   * Returns every violation, ordered by the field order of the JSON form.
   *
   * @return an immutable, non-empty list
   */
  public List<Violation> violations() {
    return violations;
  }
}
