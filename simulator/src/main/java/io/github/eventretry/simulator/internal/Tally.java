package io.github.eventretry.simulator.internal;

/**
 * The raw totals an engine hands back; {@code RetryStorm} turns them into a result. Mutable, confined to
 * one engine run.
 */
public final class Tally {
  /** Every attempt. */
  public double attempts;
  /** Events delivered. */
  public double delivered;
  /** Events whose retries ran out. */
  public double exhausted;
  /** Attempts refused by the rate limit. */
  public double throttled;
  /** Attempts per second from t = 0. */
  public double[] attemptsPerSecond;
  /** Throttled attempts per second from t = 0 (closed loop; empty for the open-loop engines). */
  public double[] throttledPerSecond = new double[0];
  /** Deliveries per second from t = 0. */
  public double[] deliveriesPerSecond;
  /** Milliseconds from t = 0 to the last delivery, or -1 when nothing was delivered. */
  public double lastDeliveryMillis = -1;
}
