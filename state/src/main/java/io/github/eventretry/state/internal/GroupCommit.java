package io.github.eventretry.state.internal;

/**
 * Shares one force among concurrent appends: an append returns only once its own line is on disk, but
 * the thread that forces covers every line written before it began, so the others find their line
 * already forced. Thread-safe.
 */
public final class GroupCommit {
  /** Forces everything written so far and returns the seq of the last line it covers. */
  @FunctionalInterface
  public interface Flush {
    /** Forces and returns the last seq covered. */
    long flush();
  }

  private final Object forceLock = new Object();
  private volatile long forcedSeq;

  /** Starts with every record up to {@code seq} already on disk. */
  public GroupCommit(long seq) {
    this.forcedSeq = seq;
  }

  /** Returns once the record {@code seq} is on disk, forcing (for every waiter) if it is not yet. */
  public void awaitDurable(long seq, Flush flush) {
    if (forcedSeq >= seq) {
      return;
    }
    synchronized (forceLock) {
      if (forcedSeq >= seq) {
        return;
      }
      forcedSeq = Math.max(forcedSeq, flush.flush());
    }
  }

  /**
   * Records that every record up to {@code seq} is on disk (after a force of its own). Takes no lock:
   * callers hold the line file's monitor, which {@link #awaitDurable}'s flush takes inside the force
   * lock. A racing write can only leave the mark lower, which costs one more force, never a lost one.
   */
  public void forced(long seq) {
    if (seq > forcedSeq) {
      forcedSeq = seq;
    }
  }

  /** Resets after the file was cut back (a torn tail repaired); the caller holds the monitor. */
  public void reset(long seq) {
    forcedSeq = seq;
  }
}
