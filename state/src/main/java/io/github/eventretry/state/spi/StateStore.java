package io.github.eventretry.state.spi;

import io.github.eventretry.state.ConcurrentRolloutException;
import io.github.eventretry.state.CorruptStateException;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.StateConflictException;
import io.github.eventretry.state.StateStoreException;
import java.util.Optional;

/**
 * Where the {@link DeploymentState} of each integration lives. Writes are compare-and-set on the
 * serial: a change made from a stale copy is refused. Implementations must be thread-safe and, if they
 * are shared between processes, safe across processes too.
 */
public interface StateStore {
  /**
   * Loads the state of an integration.
   *
   * @param integrationId the integration
   * @return the stored state, or empty if none was ever saved
   * @throws CorruptStateException if the stored state cannot be read as state of a known schema
   * @throws StateStoreException if it cannot be read
   */
  Optional<DeploymentState> load(String integrationId);

  /**
   * Saves a state if the stored serial is still {@code expectedSerial} (0 when nothing is stored).
   *
   * @param expectedSerial the serial the change was based on
   * @param next the new state, with serial {@code expectedSerial + 1} and the stored lineage
   * @return {@code next}, as stored
   * @throws StateConflictException if the stored serial is not {@code expectedSerial} or the lineage
   *     differs
   * @throws IllegalArgumentException if {@code next.serial()} is not {@code expectedSerial + 1}
   * @throws io.github.eventretry.state.StateLockedException if another change holds the state's lock
   * @throws StateStoreException if it cannot be written; the stored state is then unchanged
   */
  DeploymentState compareAndSet(long expectedSerial, DeploymentState next);

  /**
   * Takes the exclusive right to roll out an integration, without waiting.
   *
   * @param integrationId the integration
   * @param owner who takes it (a user or service name, for the message another deployer sees)
   * @return the lease; close it when done
   * @throws ConcurrentRolloutException if someone else holds it
   * @throws StateStoreException if the lock cannot be written
   */
  RolloutLease acquireRolloutLease(String integrationId, String owner);
}
