package io.github.eventretry.core;

/**
 * How a retry delay is randomised around the nominal delay {@code d} of its attempt
 * ({@link RetryPolicy#nominalDelayMillis(int)}, already capped at {@code max}). {@code u} is a uniform
 * draw in [0, 1) from a caller's {@link java.util.random.RandomGenerator}; {@link Backoff} computes
 * every formula below, and the draws themselves live in the simulator module.
 *
 * <p>Every mode keeps each delay within [0, {@code max}] and none clamps after the draw, so draws near
 * the cap stay spread instead of piling up on exactly {@code max}.
 *
 * <table>
 *   <caption>Formulas</caption>
 *   <tr><th>mode</th><th>delay</th><th>range</th><th>mean</th></tr>
 *   <tr><td>{@link None}</td><td>{@code d}</td><td>{d}</td><td>{@code d}</td></tr>
 *   <tr><td>{@link Proportional}(f)</td><td>{@code c * (1 + f*u)}, {@code c = min(d, max/(1+f))}</td>
 *       <td>[c, c(1+f))</td><td>{@code c * (1 + f/2)}</td></tr>
 *   <tr><td>{@link Full}</td><td>{@code d * u}</td><td>[0, d)</td><td>{@code d/2}</td></tr>
 *   <tr><td>{@link Equal}</td><td>{@code d/2 + (d/2) * u}</td><td>[d/2, d)</td><td>{@code 3d/4}</td></tr>
 *   <tr><td>{@link Decorrelated}</td><td>{@code base + (min(max, 3*prev) - base) * u}, {@code prev}
 *       the previous delay ({@code base} before the first retry)</td>
 *       <td>[base, min(max, 3*prev)]</td><td>{@code (base + min(max, 3*prev)) / 2}</td></tr>
 * </table>
 *
 * <p>Proportional is the tutorial's jitter (a positive spread of up to {@code f} times the delay) with
 * one fix: near the cap the pre-jitter value is lowered to {@code max/(1+f)} so the spread stays below
 * {@code max}. Full, equal and decorrelated are the forms of the AWS Architecture blog "Exponential
 * Backoff And Jitter"; decorrelated ignores {@code backoff_strategy}.
 *
 * <p>All implementations are immutable records and thread-safe.
 */
public sealed interface Jitter
    permits Jitter.None, Jitter.Proportional, Jitter.Full, Jitter.Equal, Jitter.Decorrelated {

  /** The jitter used when a policy names none: the tutorial's proportional jitter with factor 0.1. */
  Proportional DEFAULT = new Proportional(0.1);

  /**
   * Returns the mode's name in the JSON form.
   *
   * @return {@code none}, {@code proportional}, {@code full}, {@code equal} or {@code decorrelated}
   */
  String mode();

  /**
   * No jitter: every delay is exactly the nominal delay.
   *
   * @return the single instance of {@link None}
   */
  static Jitter none() {
    return None.INSTANCE;
  }

  /**
   * Proportional jitter, as in the tutorial, kept below the cap.
   *
   * @param factor the spread as a fraction of the delay, in [0, 1]
   * @return the jitter
   * @throws IllegalArgumentException if {@code factor} is outside [0, 1] or not finite
   */
  static Proportional proportional(double factor) {
    return new Proportional(factor);
  }

  /**
   * Full jitter: uniform in [0, d).
   *
   * @return the single instance of {@link Full}
   */
  static Jitter full() {
    return Full.INSTANCE;
  }

  /**
   * Equal jitter: uniform in [d/2, d).
   *
   * @return the single instance of {@link Equal}
   */
  static Jitter equal() {
    return Equal.INSTANCE;
  }

  /**
   * Decorrelated jitter: uniform in [base, min(max, 3 * previous delay)].
   *
   * @return the single instance of {@link Decorrelated}
   */
  static Jitter decorrelated() {
    return Decorrelated.INSTANCE;
  }

  /** No jitter. */
  record None() implements Jitter {
    static final None INSTANCE = new None();

    @Override
    public String mode() {
      return "none";
    }
  }

  /**
   * Proportional jitter with a factor in [0, 1].
   *
   * @param factor the spread as a fraction of the delay
   */
  record Proportional(double factor) implements Jitter {
    /**
     * Creates proportional jitter.
     *
     * @throws IllegalArgumentException if {@code factor} is outside [0, 1] or not finite
     */
    public Proportional {
      io.github.eventretry.core.internal.PolicyField f =
          io.github.eventretry.core.internal.PolicyField.JITTER_FACTOR;
      if (!(factor >= f.min() && factor <= f.max())) {
        throw new IllegalArgumentException(
            "jitter.factor " + f.belowMessage() + " (rejected: " + factor + ")");
      }
      factor += 0.0; // -0.0 becomes 0.0: equal policies, equal fingerprints
    }

    @Override
    public String mode() {
      return "proportional";
    }
  }

  /** Full jitter. */
  record Full() implements Jitter {
    static final Full INSTANCE = new Full();

    @Override
    public String mode() {
      return "full";
    }
  }

  /** Equal jitter. */
  record Equal() implements Jitter {
    static final Equal INSTANCE = new Equal();

    @Override
    public String mode() {
      return "equal";
    }
  }

  /** Decorrelated jitter. */
  record Decorrelated() implements Jitter {
    static final Decorrelated INSTANCE = new Decorrelated();

    @Override
    public String mode() {
      return "decorrelated";
    }
  }
}
