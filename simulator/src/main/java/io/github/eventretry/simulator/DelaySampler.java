package io.github.eventretry.simulator;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Walks a {@link DelaySchedule} one retry at a time, remembering the retry index and the previous
 * delay (which decorrelated jitter needs). Made by {@link DelaySchedule#sampler(RandomGenerator)}.
 *
 * <pre>{@code
 * DelaySampler backoff = DelaySchedule.of(policy).sampler(new SplittableRandom(7));
 * while (backoff.hasNext()) {
 *   long waitNanos = backoff.nextDelayNanos(); // no allocation
 *   // ... wait, then try again
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one sampler per retry loop.
 */
public final class DelaySampler {
  private final DelaySchedule schedule;
  private final RandomGenerator random;
  private int retry;
  private double previous;

  DelaySampler(DelaySchedule schedule, RandomGenerator random) {
    this.schedule = schedule;
    this.random = random;
    reset();
  }

  /**
   * Returns whether the policy allows another retry.
   *
   * @return true while fewer than {@code max_retries} delays have been drawn
   */
  public boolean hasNext() {
    return retry < schedule.retries();
  }

  /**
   * Returns the index of the retry the next delay is for.
   *
   * @return 0 before the first retry
   */
  public int retry() {
    return retry;
  }

  /**
   * Draws the delay before the next retry and advances. Past {@code max_retries} it keeps drawing by
   * the same formula (a caller may bound its loop otherwise). Does not allocate.
   *
   * @return the delay in milliseconds, in [0, max_delay_ms]
   * @throws IllegalStateException after {@link Integer#MAX_VALUE} retries
   */
  public double nextDelayMillis() {
    if (retry == Integer.MAX_VALUE) {
      throw new IllegalStateException("no retry after " + Integer.MAX_VALUE);
    }
    previous = schedule.nextDelayMillis(retry, previous, random);
    retry++;
    return previous;
  }

  /**
   * Draws the next delay, rounded to whole nanoseconds. Does not allocate.
   *
   * @return the delay in nanoseconds
   * @throws IllegalStateException after {@link Integer#MAX_VALUE} retries
   */
  public long nextDelayNanos() {
    return Math.round(nextDelayMillis() * 1_000_000.0);
  }

  /**
   * Draws the next delay as a {@link Duration} (allocates one).
   *
   * @return the delay, whole nanoseconds
   * @throws IllegalStateException after {@link Integer#MAX_VALUE} retries
   */
  public Duration nextDelay() {
    return Duration.ofNanos(nextDelayNanos());
  }

  /** Starts over before the first retry; the generator keeps its state. */
  public void reset() {
    retry = 0;
    previous = schedule.initialPreviousMillis();
  }

  @Override
  public String toString() {
    return "DelaySampler[retry=" + retry + "]";
  }
}
