package io.github.eventretry.examples.demo;

import io.github.eventretry.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated bake time: a {@link Sleeper} that returns at once and counts the time it was asked to wait.
 * The demo's five-minute bakes take no real time; everything it records (versions, audit records,
 * locks) carries the wall-clock time it really happened, and each bake's metrics window is the stage's
 * bake time from its start, so the emulator reports five minutes of deliveries. Thread-safe.
 */
public final class VirtualTime implements Sleeper {
  private final AtomicLong millis = new AtomicLong();

  @Override
  public void sleep(Duration duration) {
    if (!duration.isNegative()) {
      millis.addAndGet(duration.toMillis());
    }
  }

  /**
   * Returns the simulated time waited so far.
   *
   * @return the sum of every wait
   */
  public Duration elapsed() {
    return Duration.ofMillis(millis.get());
  }

  /**
   * Returns the simulated time waited so far in whole minutes, rounded: a bake starts a few real
   * milliseconds after its stage was applied, so it waits just under its bake time.
   *
   * @return the minutes
   */
  public long elapsedMinutes() {
    return Math.round(millis.get() / 60_000.0);
  }

  /**
   * Returns a clock on simulated time: {@code start} plus every wait so far. Two readings between
   * waits are equal.
   *
   * @param start the instant simulated time starts from
   * @return the clock, in UTC
   */
  public Clock clock(Instant start) {
    Objects.requireNonNull(start, "start");
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("simulated time is in UTC");
      }

      @Override
      public Instant instant() {
        return start.plusMillis(millis.get());
      }
    };
  }
}
