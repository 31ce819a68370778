package io.github.eventretry.genesys.internal;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.StorageClass;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The client's back-off after a 502, 503, 504 or a failed connection: full jitter,
 * {@code delay(n) = u * min(cap, base * 2^n)} with {@code u} drawn uniformly from [0, 1) by an injected
 * {@link RandomGenerator}, and {@code n = 0} for the first retry.
 *
 * <p>The nominal part is core's one formula, {@link RetryPolicy#nominalDelayMillis(int)}, on an
 * exponential policy with the client's base and cap. This is the one seam to switch to the simulator's
 * delay schedule once that module is merged: {@link #delay(int)} is the only place a delay is made.
 *
 * <p>Thread-safe: draws from the generator are serialised, since generators in general are not.
 */
public final class FullJitterBackoff {
  private final RetryPolicy schedule;
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
    this.schedule = RetryPolicy.builder()
        .maxRetries(RetryPolicy.MAX_RETRIES)
        .backoffStrategy(BackoffStrategy.EXPONENTIAL)
        .baseDelay(base)
        .maxDelay(cap)
        .jitter(Jitter.full())
        .destinationRateLimitRps(1.0)
        .storageClass(StorageClass.STANDARD)
        .build();
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
   * @return a delay in [0, min(cap, base * 2^retry))
   * @throws IllegalArgumentException if {@code retry} is negative
   */
  public Duration delay(int retry) {
    long nominal = schedule.nominalDelayMillis(retry);
    double u;
    synchronized (random) {
      u = random.nextDouble();
    }
    return Duration.ofMillis(jittered(nominal, u));
  }

  /**
   * The pure formula, for tests: {@code floor(u * nominal)}.
   *
   * @param nominalMillis the nominal delay
   * @param u a draw in [0, 1)
   * @return the delay in milliseconds, in [0, nominalMillis)
   */
  public static long jittered(long nominalMillis, double u) {
    if (!(u >= 0.0 && u < 1.0)) {
      throw new IllegalArgumentException("u must be in [0, 1) (rejected: " + u + ")");
    }
    return Math.min(nominalMillis - 1, (long) Math.floor(u * nominalMillis));
  }

  /**
   * Returns the nominal delay before retry {@code n}, before jitter.
   *
   * @param retry 0 for the first retry
   * @return {@code min(cap, base * 2^retry)} in milliseconds
   */
  public long nominalMillis(int retry) {
    return schedule.nominalDelayMillis(retry);
  }
}
