package io.github.eventretry.core;

import java.util.Objects;

/**
 * The delay formulas of a back-off, as pure functions: the nominal delay of retry {@code n}, the lowest
 * and highest delay its jitter can draw, and the delay for a given uniform draw {@code u} in [0, 1).
 * {@code n} counts retries from 0 (the first retry). This is the one place eventretry computes a delay:
 * {@link RetryPolicy}, the simulator's {@code DelaySchedule} and the Genesys client's own back-off all
 * use it.
 *
 * <p>The nominal delay {@code d} is exponential {@code base * 2^n} or linear {@code base * (n + 1)}, in
 * saturating arithmetic (no overflow for any {@code n}), capped at {@code max}. Each jitter mode then
 * draws {@code lowest + (highest - lowest) * u} (see {@link Jitter} for the table); no mode clamps
 * after the draw, so no delay exceeds {@code max} and draws near the cap stay spread.
 *
 * <pre>{@code
 * Backoff backoff = policy.backoff();
 * double first = backoff.delayMillis(0, backoff.initialPreviousMillis(), 0.25);
 * }</pre>
 *
 * <p>Immutable and thread-safe; it draws nothing itself, so a test pins {@code u} (0, 0.25, 0.5,
 * 0.999…) and a caller passes draws from its own {@link java.util.random.RandomGenerator}.
 */
public final class Backoff {
  private final BackoffStrategy strategy;
  private final Jitter jitter;
  private final long baseMillis;
  private final long maxMillis;
  private final double factor; // proportional only; 0 otherwise
  private final boolean decorrelated;

  private Backoff(BackoffStrategy strategy, Jitter jitter, long baseMillis, long maxMillis) {
    this.strategy = strategy;
    this.jitter = jitter;
    this.baseMillis = baseMillis;
    this.maxMillis = maxMillis;
    this.factor = jitter instanceof Jitter.Proportional p ? p.factor() : 0.0;
    this.decorrelated = jitter instanceof Jitter.Decorrelated;
  }

  /**
   * Returns the back-off of a policy; the same as {@link RetryPolicy#backoff()}.
   *
   * @param policy the policy
   * @return its back-off
   * @throws NullPointerException if {@code policy} is null
   */
  public static Backoff of(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return policy.backoff();
  }

  /**
   * Returns a back-off that no policy document describes, such as a client's own.
   *
   * @param strategy how the nominal delay grows
   * @param jitter how it is randomised
   * @param baseMillis the nominal delay of the first retry, 1 or more
   * @param maxMillis the cap on every delay, at least {@code baseMillis}
   * @return the back-off
   * @throws NullPointerException if {@code strategy} or {@code jitter} is null
   * @throws IllegalArgumentException if {@code baseMillis} is below 1 or above {@code maxMillis}
   */
  public static Backoff of(BackoffStrategy strategy, Jitter jitter, long baseMillis, long maxMillis) {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(jitter, "jitter");
    if (baseMillis < 1 || maxMillis < baseMillis) {
      throw new IllegalArgumentException("delays must satisfy 1 <= base <= max (rejected: base "
          + baseMillis + " ms, max " + maxMillis + " ms)");
    }
    return new Backoff(strategy, jitter, baseMillis, maxMillis);
  }

  /**
   * Returns how the nominal delay grows.
   *
   * @return the strategy
   */
  public BackoffStrategy strategy() {
    return strategy;
  }

  /**
   * Returns the jitter.
   *
   * @return the jitter
   */
  public Jitter jitter() {
    return jitter;
  }

  /**
   * Returns the nominal delay of the first retry.
   *
   * @return milliseconds
   */
  public long baseMillis() {
    return baseMillis;
  }

  /**
   * Returns the cap on every delay, jitter included.
   *
   * @return milliseconds
   */
  public long maxMillis() {
    return maxMillis;
  }

  /**
   * Returns the {@code previousMillis} of the first retry: the base delay.
   *
   * @return the base delay in milliseconds
   */
  public double initialPreviousMillis() {
    return baseMillis;
  }

  /**
   * Returns the nominal delay of a retry, before jitter: exponential {@code base * 2^retry}, linear
   * {@code base * (retry + 1)}, capped at {@link #maxMillis()}. Saturating: no overflow for any retry up
   * to {@link Integer#MAX_VALUE}. Does not allocate.
   *
   * @param retry the retry, 0 or more
   * @return the delay in milliseconds, between {@link #baseMillis()} and {@link #maxMillis()}
   * @throws IllegalArgumentException if {@code retry} is negative
   */
  public long nominalMillis(int retry) {
    checkRetry(retry);
    long d;
    if (strategy == BackoffStrategy.EXPONENTIAL) {
      d = retry >= 62 || baseMillis > (Long.MAX_VALUE >> retry) ? Long.MAX_VALUE : baseMillis << retry;
    } else {
      long n = retry + 1L;
      d = baseMillis > Long.MAX_VALUE / n ? Long.MAX_VALUE : baseMillis * n;
    }
    return Math.min(d, maxMillis);
  }

  /**
   * Returns the smallest delay a retry can draw (the draw for {@code u = 0}).
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, {@link #initialPreviousMillis()} before the first retry;
   *     read by decorrelated jitter only
   * @return milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative or {@code previousMillis} is NaN,
   *     negative or infinite
   */
  public double lowestMillis(int retry, double previousMillis) {
    checkPrevious(previousMillis);
    long d = nominalMillis(retry);
    if (jitter instanceof Jitter.Proportional) {
      return Math.min(d, maxMillis / (1.0 + factor));
    }
    if (jitter instanceof Jitter.Full) {
      return 0.0;
    }
    if (jitter instanceof Jitter.Equal) {
      return d / 2.0;
    }
    if (decorrelated) {
      return baseMillis;
    }
    return d;
  }

  /**
   * Returns the bound no draw of a retry reaches (the delay itself for no jitter), never above
   * {@link #maxMillis()}.
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, {@link #initialPreviousMillis()} before the first retry;
   *     read by decorrelated jitter only
   * @return milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative or {@code previousMillis} is NaN,
   *     negative or infinite
   */
  public double highestMillis(int retry, double previousMillis) {
    checkPrevious(previousMillis);
    long d = nominalMillis(retry);
    if (jitter instanceof Jitter.Proportional) {
      return Math.min(maxMillis, Math.min(d, maxMillis / (1.0 + factor)) * (1.0 + factor));
    }
    if (decorrelated) {
      return decorrelatedHigh(previousMillis);
    }
    return d;
  }

  private double decorrelatedHigh(double previousMillis) {
    return Math.max(baseMillis, Math.min(maxMillis, 3.0 * previousMillis));
  }

  /**
   * Returns the largest whole-millisecond delay any history of draws can give a retry: the nominal
   * delay for none, full and equal jitter; {@code c * (1 + f)} rounded up for proportional; and
   * {@code min(max, base * 3^(retry + 1))} for decorrelated. Never above {@link #maxMillis()}.
   *
   * @param retry the retry, 0 or more
   * @return milliseconds
   * @throws IllegalArgumentException if {@code retry} is negative
   */
  public long ceilingMillis(int retry) {
    long d = nominalMillis(retry);
    if (jitter instanceof Jitter.Proportional) {
      double c = Math.min((double) d, maxMillis / (1.0 + factor));
      return Math.min(maxMillis, (long) Math.ceil(c * (1.0 + factor)));
    }
    if (decorrelated) {
      long ceiling = baseMillis;
      for (int i = 0; i <= retry && ceiling < maxMillis; i++) {
        ceiling = ceiling > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : ceiling * 3;
      }
      return Math.min(ceiling, maxMillis);
    }
    return d;
  }

  /**
   * Returns the delay of a retry for the uniform draw {@code u}:
   * {@code lowest + (highest - lowest) * u}. Does not allocate.
   *
   * @param retry the retry, 0 or more
   * @param previousMillis the previous delay, {@link #initialPreviousMillis()} before the first retry;
   *     read by decorrelated jitter only
   * @param u a uniform draw in [0, 1)
   * @return the delay in milliseconds, in [0, {@link #maxMillis()}]
   * @throws IllegalArgumentException if {@code retry} is negative, {@code previousMillis} is NaN,
   *     negative or infinite, or {@code u} is outside [0, 1)
   */
  public double delayMillis(int retry, double previousMillis, double u) {
    checkU(u);
    if (decorrelated) {
      checkRetry(retry);
      return decorrelatedMillis(previousMillis, u);
    }
    double lo = lowestMillis(retry, previousMillis);
    return draw(lo, highestMillis(retry, previousMillis) - lo, u);
  }

  /**
   * Decorrelated jitter's draw, {@code base + (min(max, 3 * previous) - base) * u}, for a caller that
   * has checked {@code u} and knows the jitter is decorrelated. Does not allocate.
   *
   * @param previousMillis the previous delay
   * @param u a uniform draw in [0, 1)
   * @return the delay in milliseconds
   * @throws IllegalArgumentException if {@code previousMillis} is NaN, negative or infinite
   */
  public double decorrelatedMillis(double previousMillis, double u) {
    checkPrevious(previousMillis);
    return draw(baseMillis, decorrelatedHigh(previousMillis) - baseMillis, u);
  }

  /**
   * The draw itself, {@code lowest + width * u}, for a caller that keeps each retry's lowest delay and
   * width (the simulator's schedule). Does not allocate.
   *
   * @param lowestMillis the retry's {@link #lowestMillis}
   * @param widthMillis its {@link #highestMillis} minus {@link #lowestMillis}
   * @param u a uniform draw in [0, 1)
   * @return the delay in milliseconds, at most {@link #maxMillis()}
   */
  public double draw(double lowestMillis, double widthMillis, double u) {
    // The min only absorbs floating-point rounding of c*(1+f) (one ulp); it is not a clamp of the draw.
    return Math.min(lowestMillis + widthMillis * u, maxMillis);
  }

  private static void checkRetry(int retry) {
    if (retry < 0) {
      throw new IllegalArgumentException("retry must be 0 or more (rejected: " + retry + ")");
    }
  }

  private static void checkU(double u) {
    if (!(u >= 0.0 && u < 1.0)) {
      throw new IllegalArgumentException("u must be in [0, 1) (rejected: " + u + ")");
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Backoff b && b.strategy == strategy && b.jitter.equals(jitter)
        && b.baseMillis == baseMillis && b.maxMillis == maxMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(strategy, jitter, baseMillis, maxMillis);
  }

  /**
   * Describes the back-off.
   *
   * @return such as {@code Backoff[exponential, full, 500..60000 ms]}
   */
  @Override
  public String toString() {
    return "Backoff[" + strategy.jsonName() + ", " + jitter.mode() + ", " + baseMillis + ".."
        + maxMillis + " ms]";
  }
}
