package io.github.eventretry.core;

/**
 * The share of traffic, in whole percent from 1 to 100, that a deployed policy applies to.
 *
 * <p>Immutable and thread-safe.
 *
 * @param percent the share, 1..100
 */
public record TrafficSplit(int percent) {
  /** All traffic. */
  public static final TrafficSplit FULL = new TrafficSplit(100);

  /**
   * Checks the range.
   *
   * @throws IllegalArgumentException if {@code percent} is not in 1..100
   */
  public TrafficSplit {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException(
          "traffic_split must be a whole percent between 1 and 100 (rejected: " + percent + ")");
    }
  }

  /**
   * Returns a split.
   *
   * @param percent the share, 1..100
   * @return the split
   * @throws IllegalArgumentException if {@code percent} is not in 1..100
   */
  public static TrafficSplit ofPercent(int percent) {
    return new TrafficSplit(percent);
  }

  /**
   * Returns the split as a fraction.
   *
   * @return {@code percent / 100.0}
   */
  public double fraction() {
    return percent / 100.0;
  }

  /**
   * Returns the split as {@code 50%}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return percent + "%";
  }
}
