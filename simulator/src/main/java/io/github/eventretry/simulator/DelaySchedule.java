package io.github.eventretry.simulator;

import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The delays a {@link RetryPolicy} waits before each retry, with its jitter drawn from a caller's
 * {@link RandomGenerator}. Retry {@code n} counts from 0 (the first retry).
 *
 * <p>The nominal delay {@code d} of retry {@code n} is {@link RetryPolicy#nominalDelayMillis(int)}
 * (exponential {@code base * 2^n} or linear {@code base * (n + 1)}, saturating, capped at {@code max}).
 * Every jitter mode then draws uniformly between a low and a high bound, {@code lo + (hi - lo) * u} for
 * a uniform {@code u} in [0, 1):
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
  private final Jitter jitter;
  private final boolean decorrelated;
  private final double base;
  private final double max;
  // Per retry 0..maxRetries-1: the low bound and the width of the draw (unused for decorrelated).
  private final double[] low;
  private final double[] width;

  private DelaySchedule(RetryPolicy policy) {
    this.policy = policy;
    this.jitter = policy.jitter();
    this.decorrelated = jitter instanceof Jitter.Decorrelated;
    this.base = policy.baseDelayMillis();
    this.max = policy.maxDelayMillis();
    int n = policy.maxRetries();
    this.low = new double[n];
    this.width = new double[n];
    for (int i = 0; i < n; i++) {
      low[i] = lowMillis(jitter, policy.nominalDelayMillis(i), base, max, base);
      width[i] = highMillis(jitter, policy.nominalDelayMillis(i), base, max, base) - low[i];
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

  /**
   * The pure jitter formula: the delay for nominal delay {@code nominalMillis}, given the uniform draw
   * {@code u}. Pin {@code u} (0, 0.25, 0.5, 0.999…) to test it. Does not allocate.
   *
   * @param jitter the jitter mode
   * @param nominalMillis the nominal delay {@code d}, already capped at {@code maxMillis}
   * @param baseMillis the policy's base delay (used by decorrelated jitter)
   * @param maxMillis the policy's cap
   * @param previousMillis the previous delay, {@code baseMillis} before the first retry (used by
   *     decorrelated jitter only)
   * @param u a uniform draw in [0, 1)
   * @return the delay in milliseconds, in [0, {@code maxMillis}]
   * @throws NullPointerException if {@code jitter} is null
   * @throws IllegalArgumentException if {@code u} is outside [0, 1), or a delay is negative, or
   *     {@code nominalMillis} or {@code baseMillis} is above {@code maxMillis}
   */
  public static double delayMillis(
      Jitter jitter, long nominalMillis, long baseMillis, long maxMillis, double previousMillis,
      double u) {
    Objects.requireNonNull(jitter, "jitter");
    if (!(u >= 0.0 && u < 1.0)) {
      throw new IllegalArgumentException("u must be in [0, 1) (rejected: " + u + ")");
    }
    if (baseMillis < 0 || nominalMillis < 0 || nominalMillis > maxMillis || baseMillis > maxMillis) {
      throw new IllegalArgumentException("delays must satisfy 0 <= base, nominal <= max (rejected: base "
          + baseMillis + ", nominal " + nominalMillis + ", max " + maxMillis + ")");
    }
    checkPrevious(previousMillis);
    double lo = lowMillis(jitter, nominalMillis, baseMillis, maxMillis, previousMillis);
    double hi = highMillis(jitter, nominalMillis, baseMillis, maxMillis, previousMillis);
    return draw(lo, hi - lo, maxMillis, u);
  }

  private static void checkRetry(int retry) {
    if (retry < 0) {
      throw new IllegalArgumentException("retry must be 0 or more (rejected: " + retry + ")");
    }
  }

  private static void checkPrevious(double previousMillis) {
    // Kept tiny so the JIT inlines it into the hot draw; the message is built out of line.
    if (!(previousMillis >= 0.0 && previousMillis < Double.POSITIVE_INFINITY)) {
      throw badPrevious(previousMillis);
    }
  }

  private static IllegalArgumentException badPrevious(double previousMillis) {
    return new IllegalArgumentException(
        "previousMillis must be finite and 0 or more (rejected: " + previousMillis + ")");
  }

  private static double draw(double lo, double width, double max, double u) {
    // The min only absorbs floating-point rounding of c*(1+f) (one ulp); it is not a clamp of the draw.
    return Math.min(lo + width * u, max);
  }

  static double lowMillis(Jitter jitter, long d, double base, double max, double prev) {
    if (jitter instanceof Jitter.Proportional p) {
      return Math.min(d, max / (1.0 + p.factor()));
    }
    if (jitter instanceof Jitter.Full) {
      return 0.0;
    }
    if (jitter instanceof Jitter.Equal) {
      return d / 2.0;
    }
    if (jitter instanceof Jitter.Decorrelated) {
      return base;
    }
    return d;
  }

  static double highMillis(Jitter jitter, long d, double base, double max, double prev) {
    if (jitter instanceof Jitter.Proportional p) {
      return Math.min(d, max / (1.0 + p.factor())) * (1.0 + p.factor());
    }
    if (jitter instanceof Jitter.Decorrelated) {
      return Math.max(base, Math.min(max, 3.0 * prev));
    }
    return d;
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
   * Returns the nominal delay of retry {@code retry}: {@link RetryPolicy#nominalDelayMillis(int)}.
   *
   * @param retry the retry, 0 or more (any value up to {@link Integer#MAX_VALUE})
   * @return the nominal delay in milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative
   */
  public long nominalDelayMillis(int retry) {
    return policy.nominalDelayMillis(retry);
  }

  /**
   * Returns the smallest delay retry {@code retry} can draw.
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, finite and 0 or more (used by decorrelated jitter only)
   * @return the low bound in milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative, or {@code previousMillis} is NaN,
   *     negative or infinite
   */
  public double lowMillis(int retry, double previousMillis) {
    checkRetry(retry);
    checkPrevious(previousMillis);
    if (retry < low.length && !decorrelated) {
      return low[retry];
    }
    return lowMillis(jitter, policy.nominalDelayMillis(retry), base, max, previousMillis);
  }

  /**
   * Returns the bound no draw of retry {@code retry} reaches (the delay itself for no jitter).
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, finite and 0 or more (used by decorrelated jitter only)
   * @return the high bound in milliseconds, at most the policy's cap
   * @throws IllegalArgumentException if {@code retry} is negative, or {@code previousMillis} is NaN,
   *     negative or infinite
   */
  public double highMillis(int retry, double previousMillis) {
    checkRetry(retry);
    checkPrevious(previousMillis);
    if (retry < low.length && !decorrelated) {
      return Math.min(max, low[retry] + width[retry]);
    }
    return Math.min(max,
        highMillis(jitter, policy.nominalDelayMillis(retry), base, max, previousMillis));
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
   * The pure form of {@link #nextDelayMillis}: the delay of retry {@code retry} for the draw {@code u}.
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, {@link #initialPreviousMillis()} before the first retry
   * @param u a uniform draw in [0, 1)
   * @return the delay in milliseconds, in [0, max]
   * @throws IllegalArgumentException if {@code retry} is negative, {@code previousMillis} is NaN,
   *     negative or infinite, or {@code u} is outside [0, 1)
   */
  public double delayMillis(int retry, double previousMillis, double u) {
    checkRetry(retry);
    if (retry < low.length && !decorrelated) {
      checkPrevious(previousMillis);
      if (!(u >= 0.0 && u < 1.0)) {
        throw new IllegalArgumentException("u must be in [0, 1) (rejected: " + u + ")");
      }
      return draw(low[retry], width[retry], max, u);
    }
    return delayMillis(jitter, policy.nominalDelayMillis(retry), policy.baseDelayMillis(),
        policy.maxDelayMillis(), previousMillis, u);
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
        checkPrevious(previousMillis);
        return draw(base, Math.max(base, Math.min(max, 3.0 * previousMillis)) - base, max, u);
      }
      // Only decorrelated jitter reads previousMillis; checking it here too made Monte Carlo 2.3x
      // slower (MonteCarloBenchmark, 1 M events: 93.6 vs 39.7 ms/op), so other modes ignore it.
      return draw(low[retry], width[retry], max, u);
    }
    return delayMillis(retry, previousMillis, u);
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
