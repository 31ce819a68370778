package io.github.eventretry.state.spi;

import io.github.eventretry.state.LockInfo;

/**
 * The exclusive right to roll out (or roll back) one integration, held until closed. Obtained from
 * {@link StateStore#acquireRolloutLease}. Closing twice is harmless. Thread-safe.
 */
public interface RolloutLease extends AutoCloseable {
  /**
   * Returns who holds this lease.
   *
   * @return the holder
   */
  LockInfo holder();

  /**
   * Releases the lease.
   *
   * @throws io.github.eventretry.state.StateStoreException if the lease could not be released
   */
  @Override
  void close();
}
