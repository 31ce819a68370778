package io.github.eventretry.state.spi;

import io.github.eventretry.state.CorruptStateException;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.LockHeldException;
import io.github.eventretry.state.LockInfo;
import io.github.eventretry.state.StateConflictException;
import io.github.eventretry.state.StateStoreException;
import java.util.List;
import java.util.Optional;

/**
 * Where the {@link DeploymentState} of each integration lives, and who may change it. Writes are
 * compare-and-set on the serial: a change made from a stale copy is refused. A rollout holds the
 * integration's lease ({@link #acquireRolloutLease}) for its whole length, so a second one is turned
 * away at once, naming the holder.
 *
 * <p>Implementations must be thread-safe and, if they are shared between processes or hosts, safe
 * across them too. The contract tests in this module's test sources
 * ({@code io.github.eventretry.state.contract.StateStoreContract}) check an implementation.
 */
public interface StateStore {
  /**
   * Loads the state of an integration.
   *
   * @param integrationId the integration
   * @return the stored state, or empty if none was ever saved
   * @throws IllegalArgumentException if the integration id is not a safe name
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
   * @throws LockHeldException if another change holds the state's own short lock
   * @throws StateStoreException if it cannot be written; the stored state is then unchanged
   */
  DeploymentState compareAndSet(long expectedSerial, DeploymentState next);

  /**
   * Takes the exclusive right to roll out (or roll back) an integration, without waiting.
   *
   * @param integrationId the integration
   * @param owner who takes it (a user or service name, for the message another deployer sees)
   * @return the lease; close it when done
   * @throws LockHeldException if someone else holds it; it names the holder and whether it still runs
   * @throws StateStoreException if the lease cannot be recorded
   */
  RolloutLease acquireRolloutLease(String integrationId, String owner);

  /**
   * Returns the holders of an integration's locks now (its rollout lease and any short state lock).
   *
   * @param integrationId the integration
   * @return the holders, possibly none; a lock that cannot be read is left out
   * @throws StateStoreException if the locks cannot be read
   */
  List<LockInfo> locks(String integrationId);

  /**
   * Clears the locks of an integration whose holders are gone (a deployer killed with SIGKILL, or a
   * lost host whose lease expired), and only those. This is the only way a stale lock goes away;
   * nothing clears one silently. An unfinished rollout is still recorded in the state afterwards.
   *
   * @param integrationId the integration
   * @return the locks cleared, possibly none
   * @throws LockHeldException if a lock's holder is still running, or this store cannot tell (a
   *     holder on another host); nothing is cleared then
   * @throws StateStoreException if a lock cannot be removed
   */
  List<LockInfo> clearStaleLocks(String integrationId);
}
