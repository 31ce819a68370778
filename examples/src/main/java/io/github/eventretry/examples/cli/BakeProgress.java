package io.github.eventretry.examples.cli;

import io.github.eventretry.state.rollout.RolloutEvent;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Shows a bake while it runs: when a step starts a bake, a line says when it ends; then, on a terminal,
 * a countdown rewritten in place every second, otherwise a line at least every 30 seconds. The next
 * step's line replaces the countdown. Thread-safe: the ticker and the rollout print under the writer's
 * lock.
 */
final class BakeProgress implements AutoCloseable {
  /** How often a line is printed when the output is not a terminal. */
  static final Duration LINE_EVERY = Duration.ofSeconds(30);

  private final PrintWriter out;
  private final Clock clock;
  private final boolean terminal;
  private final ScheduledExecutorService ticker;
  private ScheduledFuture<?> running;
  private String what;
  private Instant endsAt;
  private boolean countdownShown;

  BakeProgress(PrintWriter out, Clock clock, boolean terminal) {
    this.out = out;
    this.clock = clock;
    this.terminal = terminal;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bake-progress");
      t.setDaemon(true);
      return t;
    });
  }

  /** A progress for the command line's standard error: a countdown when it is a terminal. */
  static BakeProgress forTerminal(PrintWriter err) {
    return new BakeProgress(err, Clock.systemUTC(), onTerminal());
  }

  /** Whether this process talks to a terminal (JDK 22 and later also say so when streams are piped). */
  static boolean onTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(c);
    } catch (NoSuchMethodException e) {
      return true; // JDK 17 to 21: a console exists only on a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Starts counting down when a step begins a bake, and stops at any other step. */
  void onEvent(RolloutEvent e) {
    synchronized (out) {
      stopTicking();
      Optional<Instant> end = e.bakeEndsAt();
      if (end.isEmpty() || !end.get().isAfter(clock.instant())) {
        return;
      }
      what = e.versionId().orElse("") + e.split().map(s -> " " + s).orElse("")
          + e.stageIndex().stream().mapToObj(i -> " stage " + (i + 1) + "/" + e.stageCount())
              .findFirst().orElse("");
      endsAt = end.get();
      out.println("  " + what + ": baking until " + endsAt.truncatedTo(ChronoUnit.SECONDS) + " ("
          + Deployments.describe(roundedUp(Duration.between(clock.instant(), endsAt))) + " from now)");
      out.flush();
      Duration every = terminal ? Duration.ofSeconds(1) : LINE_EVERY;
      running = ticker.scheduleAtFixedRate(this::tick, every.toMillis(), every.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** Prints the time left once: in place on a terminal, as a line otherwise. */
  void tick() {
    synchronized (out) {
      if (endsAt == null) {
        return;
      }
      Duration left = Duration.between(clock.instant(), endsAt);
      if (left.isNegative()) {
        left = Duration.ZERO;
      }
      String text = "  " + what + ": baking, " + Deployments.describe(roundedUp(left)) + " left";
      if (terminal) {
        out.print("\r" + text + "   ");
        countdownShown = true;
      } else {
        out.println(text);
      }
      out.flush();
    }
  }

  /** A time left in whole seconds, rounded up: a bake never shows 0 s left before it ends. */
  static Duration roundedUp(Duration d) {
    return Duration.ofSeconds((Math.max(0, d.toMillis()) + 999) / 1000);
  }

  /** Clears a countdown on a terminal so the next line starts clean (the caller holds the lock). */
  void clearLine() {
    if (countdownShown) {
      out.print("\r\033[K");
      countdownShown = false;
    }
  }

  private void stopTicking() {
    if (running != null) {
      running.cancel(false);
      running = null;
    }
    endsAt = null;
    clearLine();
  }

  @Override
  public void close() {
    synchronized (out) {
      stopTicking();
      out.flush();
    }
    ticker.shutdownNow();
  }
}
