package io.github.eventretry.state.rollout;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks the rollouts of an engine to stop at their next safe point: between steps, or within a second of
 * a bake. A stopped rollout records where it stopped, releases its lease, and ends
 * {@link RolloutResult.Outcome#INTERRUPTED}; {@link RolloutEngine#resume} continues it. A rollback in
 * progress is finished first. Give one to {@link RolloutEngine.Builder#stopSignal} and call
 * {@link #stop} from a signal handler or a shutdown hook.
 *
 * <p>Thread interruption is not used for this: an interrupt closes the file channels a state or audit
 * write is using. Thread-safe.
 */
public final class StopSignal {
  private final AtomicReference<String> reason = new AtomicReference<>();

  private StopSignal() {}

  /**
   * Returns a signal that has not been given.
   *
   * @return the signal
   */
  public static StopSignal create() {
    return new StopSignal();
  }

  /**
   * Gives the signal. The first reason is kept; later calls change nothing.
   *
   * @param why such as {@code SIGINT}, recorded in the audit log
   * @throws NullPointerException if {@code why} is null
   */
  public void stop(String why) {
    reason.compareAndSet(null, Objects.requireNonNull(why, "why"));
  }

  /**
   * Returns whether the signal was given.
   *
   * @return true once {@link #stop} was called
   */
  public boolean stopped() {
    return reason.get() != null;
  }

  /**
   * Returns why the signal was given.
   *
   * @return the first reason given, or empty
   */
  public Optional<String> reason() {
    return Optional.ofNullable(reason.get());
  }
}
