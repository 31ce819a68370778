package io.github.eventretry.genesys.internal;

import io.github.eventretry.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps requests under a number per minute: at most {@code limit} requests start in any 60-second
 * window. Each request reserves a start time at least 60 s after the request {@code limit} places
 * before it, then waits for it; reservations are first come, first served.
 *
 * <p>Thread-safe.
 */
public final class RequestLimiter {
  private static final long WINDOW_MS = 60_000;

  private final int limit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final long[] starts;
  private int next;
  private int filled;

  /**
   * Creates a limiter.
   *
   * @param requestsPerMinute 1 or more
   * @param clock the clock
   * @param sleeper waits
   * @throws IllegalArgumentException if {@code requestsPerMinute} is less than 1
   */
  public RequestLimiter(int requestsPerMinute, Clock clock, Sleeper sleeper) {
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException(
          "requestsPerMinute must be 1 or more (rejected: " + requestsPerMinute + ")");
    }
    this.limit = requestsPerMinute;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.starts = new long[requestsPerMinute];
  }

  /**
   * Returns the limit.
   *
   * @return requests per minute
   */
  public int requestsPerMinute() {
    return limit;
  }

  /**
   * Reserves the next start time and returns how long to wait for it, without waiting.
   *
   * @return zero or the wait
   */
  public synchronized Duration reserve() {
    long now = clock.millis();
    long start = filled < limit ? now : Math.max(now, starts[next] + WINDOW_MS);
    starts[next] = start;
    next = (next + 1) % limit;
    filled = Math.min(limit, filled + 1);
    return Duration.ofMillis(start - now);
  }

  /**
   * Reserves a start time and waits for it.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void acquire() throws InterruptedException {
    Duration wait = reserve();
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
  }
}
