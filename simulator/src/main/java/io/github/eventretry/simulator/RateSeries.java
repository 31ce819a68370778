package io.github.eventretry.simulator;

import java.util.Arrays;

/**
 * A count per second from t = 0: attempts or deliveries in second {@code [s, s + 1)}. Whole numbers
 * from the seeded engines, expected values from the analytic one. Immutable and thread-safe.
 */
public final class RateSeries {
  private final double[] values;

  private RateSeries(double[] values) {
    this.values = values;
  }

  /**
   * Returns a series holding a copy of {@code values}.
   *
   * @param values a value per second, each finite and 0 or more
   * @return the series
   * @throws IllegalArgumentException if a value is negative or not finite
   */
  public static RateSeries of(double... values) {
    double[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      if (!(copy[i] >= 0.0) || Double.isInfinite(copy[i])) {
        throw new IllegalArgumentException(
            "second " + i + " must be finite and 0 or more (rejected: " + copy[i] + ")");
      }
    }
    return new RateSeries(copy);
  }

  static RateSeries wrap(double[] owned) {
    return new RateSeries(owned);
  }

  /**
   * Returns the number of seconds covered.
   *
   * @return 0 or more
   */
  public int seconds() {
    return values.length;
  }

  /**
   * Returns the value of one second.
   *
   * @param second 0 to {@link #seconds()} - 1
   * @return the value
   * @throws IndexOutOfBoundsException if {@code second} is outside the series
   */
  public double get(int second) {
    return values[second];
  }

  /**
   * Returns the largest value.
   *
   * @return the peak, 0 for an empty series
   */
  public double peak() {
    double m = 0.0;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /**
   * Returns the sum of all values.
   *
   * @return the total
   */
  public double total() {
    double s = 0.0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  /**
   * Returns how many seconds are above a limit.
   *
   * @param limit the limit
   * @return the number of seconds whose value is greater than {@code limit}
   */
  public int secondsAbove(double limit) {
    int n = 0;
    for (double v : values) {
      if (v > limit) {
        n++;
      }
    }
    return n;
  }

  /**
   * Returns a copy of the values.
   *
   * @return a new array
   */
  public double[] toArray() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateSeries r && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "RateSeries[" + values.length + " s, peak " + peak() + "]";
  }
}
