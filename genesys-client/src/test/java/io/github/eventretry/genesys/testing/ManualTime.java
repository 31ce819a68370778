package io.github.eventretry.genesys.testing;

import io.github.eventretry.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when its sleeper sleeps (or a test advances it). Thread-safe. */
public final class ManualTime extends Clock implements Sleeper {
  private final AtomicReference<Instant> now;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public ManualTime() {
    this(Instant.parse("2026-11-29T12:00:00Z"));
  }

  public ManualTime(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    advance(duration);
  }

  public void advance(Duration d) {
    now.updateAndGet(i -> i.plus(d));
  }

  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
