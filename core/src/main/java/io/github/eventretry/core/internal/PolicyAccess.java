package io.github.eventretry.core.internal;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Violation;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The way from a validated draft to a {@link RetryPolicy} for code outside its package: the policy's
 * constructor stays private and {@code RetryPolicy} hands this class the one function that validates a
 * draft and builds it. Thread-safe: set once while {@code RetryPolicy} is initialised.
 */
public final class PolicyAccess {
  private static volatile BiFunction<PolicyDraft, List<Violation>, RetryPolicy> build;

  private PolicyAccess() {}

  /**
   * Called once by {@code RetryPolicy}'s static initialiser.
   *
   * @param f validates a draft (with the violations found while reading it) and builds the policy
   */
  public static void register(BiFunction<PolicyDraft, List<Violation>, RetryPolicy> f) {
    build = f;
  }

  /**
   * Validates a draft and builds the policy.
   *
   * @param draft the draft
   * @param earlier violations found while reading it
   * @return the policy
   * @throws io.github.eventretry.core.PolicyValidationException listing every violation
   */
  public static RetryPolicy build(PolicyDraft draft, List<Violation> earlier) {
    BiFunction<PolicyDraft, List<Violation>, RetryPolicy> f = build;
    if (f == null) {
      try {
        Class.forName(RetryPolicy.class.getName(), true, RetryPolicy.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("RetryPolicy is missing from its own module", e);
      }
      f = build;
    }
    return f.apply(draft, earlier);
  }
}
