package io.github.eventretry.genesys.internal;

import io.github.eventretry.core.Backoff;
import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The client's back-off after a 502, 503, 504 or a failed connection: core's full-jitter
 * {@link Backoff}, {@code delay(n) = u * min(cap, base * 2^n)} with {@code u} drawn uniformly from
 * [0, 1) by an injected {@link RandomGenerator}, and {@code n = 0} for the first retry, rounded down to
 * whole milliseconds.
 *
 * <p>The formula is core's one formula for an exponential back-off with the client's base and cap and
 * {@link Jitter#full()} ({@link Backoff#delayMillis(int, double, double)}), the same the simulator
 * models a full-jitter policy with. {@link #delay(int)} is the only place a delay is made.
 *
 * <p>Thread-safe: it draws {@code u} under a lock on the generator (generators in general are not
 * thread-safe) and passes it to the pure formula.
 */
public final class FullJitterBackoff {
  private final Backoff backoff;
  private final RandomGenerator random;

  /**
   * Creates the back-off.
   *
   * @param base the nominal delay of the first retry, at least 100 ms, whole milliseconds
   * @param cap the largest nominal delay, at least {@code base}, at most 24 h, whole milliseconds
   * @param random the source of {@code u}
   * @throws IllegalArgumentException if the delays are out of range
   */
  public FullJitterBackoff(Duration base, Duration cap, RandomGenerator random) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    this.random = Objects.requireNonNull(random, "random");
    check(base, cap);
    this.backoff = Backoff.of(BackoffStrategy.EXPONENTIAL, Jitter.full(), base.toMillis(),
        cap.toMillis());
  }

  /**
   * Checks a base and cap without making a back-off.
   *
   * @param base the nominal delay of the first retry
   * @param cap the largest nominal delay
   * @throws IllegalArgumentException if the delays are out of range
   */
  public static void check(Duration base, Duration cap) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    checkRange("backoff base", base, RetryPolicy.MIN_DELAY, RetryPolicy.MAX_DELAY);
    checkRange("backoff cap", cap, base, RetryPolicy.MAX_DELAY);
  }

  private static void checkRange(String what, Duration d, Duration min, Duration max) {
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0 || d.toNanosPart() % 1_000_000 != 0) {
      throw new IllegalArgumentException(what + " must be whole milliseconds between " + min.toMillis()
          + " ms and " + max.toMillis() + " ms (rejected: " + d + ")");
    }
  }

  /**
   * Returns the delay before retry {@code n}.
   *
   * @param retry 0 for the first retry
   * @return a delay in [0, min(cap, base * 2^retry)), whole milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative
   */
  public Duration delay(int retry) {
    if (retry < 0) {
      throw new IllegalArgumentException("retry must be 0 or more (rejected: " + retry + ")");
    }
    double u;
    synchronized (random) {
      u = random.nextDouble();
    }
    return Duration.ofMillis(delayMillis(retry, u));
  }

  /**
   * The pure form of {@link #delay(int)}, for tests: core's full-jitter draw for {@code u},
   * rounded down to whole milliseconds.
   *
   * @param retry 0 for the first retry
   * @param u a draw in [0, 1)
   * @return the delay in milliseconds, in [0, nominal)
   * @throws IllegalArgumentException if {@code retry} is negative or {@code u} is outside [0, 1)
   */
  public long delayMillis(int retry, double u) {
    double millis = backoff.delayMillis(retry, backoff.initialPreviousMillis(), u);
    // u * d can round up to d in floating point when u is within an ulp of 1; the range is [0, d).
    return Math.min(backoff.nominalMillis(retry) - 1, (long) Math.floor(millis));
  }

  /**
   * Returns the nominal delay before retry {@code n}, before jitter.
   *
   * @param retry 0 for the first retry
   * @return {@code min(cap, base * 2^retry)} in milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative
   */
  public long nominalMillis(int retry) {
    return backoff.nominalMillis(retry);
  }
}
