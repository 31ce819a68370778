package io.github.eventretry.examples.demo;

import io.github.eventretry.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated time: a {@link Clock} that stands still and a {@link Sleeper} that moves it forward
 * instantly. The demo's five-minute bakes take no real time, and everything it records (versions,
 * audit records, metric windows) carries consistent timestamps. Thread-safe.
 */
public final class VirtualTime extends Clock implements Sleeper {
  private final AtomicLong millis;

  /**
   * Starts simulated time at an instant.
   *
   * @param start the first instant
   */
  public VirtualTime(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  @Override
  public void sleep(Duration duration) {
    if (!duration.isNegative()) {
      millis.addAndGet(duration.toMillis());
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new IllegalArgumentException("simulated time is UTC only (rejected: " + zone + ")");
    }
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }
}
