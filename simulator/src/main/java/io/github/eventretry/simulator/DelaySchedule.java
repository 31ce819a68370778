package io.github.eventretry.simulator;

import io.github.eventretry.core.Backoff;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The delays a {@link RetryPolicy} waits before each retry, with its jitter drawn from a caller's
 * {@link RandomGenerator}. Retry {@code n} counts from 0 (the first retry).
 *
 * <p>The formulas are core's {@link Backoff} ({@link RetryPolicy#backoff()}), the one place a delay
 * is computed; this class keeps each retry's bounds so that a draw costs a multiply and an add. The
 * nominal delay {@code d} of retry {@code n} is exponential {@code base * 2^n} or linear
 * {@code base * (n + 1)}, saturating, capped at {@code max}. Every jitter mode then draws uniformly
 * between a low and a high bound, {@code lo + (hi - lo) * u} for a uniform {@code u} in [0, 1):
 *
 * <table>
 *   <caption>Jitter formulas</caption>
 *   <tr><th>mode</th><th>delay</th><th>range</th><th>mean</th></tr>
 *   <tr><td>none</td><td>{@code d}</td><td>{d}</td><td>{@code d}</td></tr>
 *   <tr><td>proportional(f)</td><td>{@code c * (1 + f*u)}, {@code c = min(d, max/(1+f))}</td>
 *       <td>[c, c(1+f))</td><td>{@code c * (1 + f/2)}</td></tr>
 *   <tr><td>full</td><td>{@code d * u}</td><td>[0, d)</td><td>{@code d/2}</td></tr>
 *   <tr><td>equal</td><td>{@code d/2 + (d/2) * u}</td><td>[d/2, d)</td><td>{@code 3d/4}</td></tr>
 *   <tr><td>decorrelated</td><td>{@code base + (min(max, 3*prev) - base) * u}</td>
 *       <td>[base, min(max, 3*prev))</td><td>{@code (base + min(max, 3*prev)) / 2}</td></tr>
 * </table>
 *
 * <p>{@code prev} is the previous delay, {@code base} before the first retry. No mode clamps after the
 * draw, so no delay exceeds {@code max} and draws near the cap stay spread rather than piling up on
 * exactly {@code max}. Delays are in milliseconds as {@code double}: rounding them to whole milliseconds
 * would break the ranges above (equal jitter of an odd {@code d}, for one).
 *
 * <pre>{@code
 * DelaySchedule schedule = DelaySchedule.of(policy);
 * RandomGenerator random = new SplittableRandom(42);
 * double previous = schedule.initialPreviousMillis();
 * for (int n = 0; n < policy.maxRetries(); n++) {
 *   previous = schedule.nextDelayMillis(n, previous, random); // no allocation
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; the generator passed in is the caller's and is used only by the calling
 * thread.
 */
public final class DelaySchedule {
  private final RetryPolicy policy;
  private final Backoff backoff;
  private final boolean decorrelated;
  private final double base;
  // Per retry 0..maxRetries-1: the low bound and the width of the draw (unused for decorrelated).
  private final double[] low;
  private final double[] width;

  private DelaySchedule(RetryPolicy policy) {
    this.policy = policy;
    this.backoff = policy.backoff();
    this.decorrelated = policy.jitter() instanceof Jitter.Decorrelated;
    this.base = backoff.initialPreviousMillis();
    int n = policy.maxRetries();
    this.low = new double[n];
    this.width = new double[n];
    for (int i = 0; i < n; i++) {
      low[i] = backoff.lowestMillis(i, base);
      width[i] = backoff.highestMillis(i, base) - low[i];
    }
  }

  /**
   * Returns the schedule of a policy.
   *
   * @param policy the policy
   * @return the schedule
   * @throws NullPointerException if {@code policy} is null
   */
  public static DelaySchedule of(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return new DelaySchedule(policy);
  }

  private static void checkRetry(int retry) {
    if (retry < 0) {
      throw new IllegalArgumentException("retry must be 0 or more (rejected: " + retry + ")");
    }
  }

  /**
   * Returns the policy this schedule draws for.
   *
   * @return the policy
   */
  public RetryPolicy policy() {
    return policy;
  }

  /**
   * Returns the number of retries of the policy.
   *
   * @return 1..10
   */
  public int retries() {
    return low.length;
  }

  /**
   * Returns the {@code previous} to pass for the first retry: the base delay.
   *
   * @return the base delay in milliseconds
   */
  public double initialPreviousMillis() {
    return base;
  }

  /**
   * Returns the nominal delay of retry {@code retry}: {@link Backoff#nominalMillis(int)}.
   *
   * @param retry the retry, 0 or more (any value up to {@link Integer#MAX_VALUE})
   * @return the nominal delay in milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative
   */
  public long nominalDelayMillis(int retry) {
    return backoff.nominalMillis(retry);
  }

  /**
   * Returns the smallest delay retry {@code retry} can draw: {@link Backoff#lowestMillis}.
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, finite and 0 or more (used by decorrelated jitter only)
   * @return the low bound in milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative, or {@code previousMillis} is NaN,
   *     negative or infinite
   */
  public double lowMillis(int retry, double previousMillis) {
    return backoff.lowestMillis(retry, previousMillis);
  }

  /**
   * Returns the bound no draw of retry {@code retry} reaches (the delay itself for no jitter):
   * {@link Backoff#highestMillis}.
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, finite and 0 or more (used by decorrelated jitter only)
   * @return the high bound in milliseconds, at most the policy's cap
   * @throws IllegalArgumentException if {@code retry} is negative, or {@code previousMillis} is NaN,
   *     negative or infinite
   */
  public double highMillis(int retry, double previousMillis) {
    return backoff.highestMillis(retry, previousMillis);
  }

  /**
   * Returns the mean delay of retry {@code retry}, as the table above gives it.
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, finite and 0 or more (used by decorrelated jitter only)
   * @return the expected delay in milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative, or {@code previousMillis} is NaN,
   *     negative or infinite
   */
  public double expectedDelayMillis(int retry, double previousMillis) {
    return (lowMillis(retry, previousMillis) + highMillis(retry, previousMillis)) / 2.0;
  }

  /**
   * The pure form of {@link #nextDelayMillis}: the delay of retry {@code retry} for the draw {@code u},
   * {@link Backoff#delayMillis}.
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, {@link #initialPreviousMillis()} before the first retry
   * @param u a uniform draw in [0, 1)
   * @return the delay in milliseconds, in [0, max]
   * @throws IllegalArgumentException if {@code retry} is negative, {@code previousMillis} is NaN,
   *     negative or infinite, or {@code u} is outside [0, 1)
   */
  public double delayMillis(int retry, double previousMillis, double u) {
    return backoff.delayMillis(retry, previousMillis, u);
  }

  /**
   * Draws the delay of retry {@code retry} with one {@link RandomGenerator#nextDouble()} (none for no
   * jitter: the generator is still advanced once so that sequences line up across modes). Does not
   * allocate.
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, {@link #initialPreviousMillis()} before the first retry
   * @param random the caller's generator
   * @return the delay in milliseconds, in [0, max]
   * @throws IllegalArgumentException if {@code retry} is negative, or, for decorrelated jitter (the
   *     only mode that reads it), {@code previousMillis} is NaN, negative or infinite
   * @throws NullPointerException if {@code random} is null
   */
  public double nextDelayMillis(int retry, double previousMillis, RandomGenerator random) {
    double u = Objects.requireNonNull(random, "random").nextDouble();
    if (retry >= 0 && retry < low.length) {
      if (decorrelated) {
        return backoff.decorrelatedMillis(previousMillis, u);
      }
      // Only decorrelated jitter reads previousMillis; checking it here too made Monte Carlo 2.3x
      // slower (MonteCarloBenchmark, 1 M events: 93.6 vs 39.7 ms/op), so other modes ignore it.
      return backoff.draw(low[retry], width[retry], u);
    }
    checkRetry(retry);
    return backoff.delayMillis(retry, previousMillis, u);
  }

  /**
   * Draws a whole schedule: the delay before each of the policy's retries.
   *
   * @param random the caller's generator
   * @return a new array of {@link #retries()} delays in milliseconds
   * @throws NullPointerException if {@code random} is null
   */
  public double[] sample(RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    double[] out = new double[low.length];
    double prev = base;
    for (int n = 0; n < out.length; n++) {
      prev = nextDelayMillis(n, prev, random);
      out[n] = prev;
    }
    return out;
  }

  /**
   * Returns a sampler that walks this schedule retry by retry, for a client's own backoff loop.
   *
   * @param random the generator the sampler draws from
   * @return a new sampler positioned before the first retry
   * @throws NullPointerException if {@code random} is null
   */
  public DelaySampler sampler(RandomGenerator random) {
    return new DelaySampler(this, Objects.requireNonNull(random, "random"));
  }

  @Override
  public String toString() {
    return "DelaySchedule[" + policy.fingerprint() + "]";
  }
}
