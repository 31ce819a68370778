package io.github.eventretry.state;

import io.github.eventretry.state.internal.CompareAndSet;
import io.github.eventretry.state.spi.RolloutLease;
import io.github.eventretry.state.spi.StateStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps deployment state in memory, for tests and for hosts that persist elsewhere. Same compare-and-set
 * and lease rules as {@link FileStateStore}, within one process. Thread-safe.
 */
public final class InMemoryStateStore implements StateStore {
  private final Map<String, DeploymentState> states = new HashMap<>();
  private final Map<String, LockInfo> leases = new HashMap<>();
  private final Clock clock;
  private final AtomicLong nonce = new AtomicLong();

  /**
   * Creates an empty store whose leases are stamped with the given clock.
   *
   * @param clock the clock
   */
  public InMemoryStateStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Creates an empty store whose leases are stamped with the system UTC clock. */
  public InMemoryStateStore() {
    this(Clock.systemUTC());
  }

  @Override
  public synchronized Optional<DeploymentState> load(String integrationId) {
    return Optional.ofNullable(states.get(DeploymentState.checkIntegrationId(integrationId)));
  }

  @Override
  public synchronized DeploymentState compareAndSet(long expectedSerial, DeploymentState next) {
    CompareAndSet.checkNext(expectedSerial, next);
    CompareAndSet.checkAgainst(Optional.ofNullable(states.get(next.integrationId())), expectedSerial, next);
    states.put(next.integrationId(), next);
    return next;
  }

  @Override
  public synchronized RolloutLease acquireRolloutLease(String integrationId, String owner) {
    DeploymentState.checkIntegrationId(integrationId);
    Objects.requireNonNull(owner, "owner");
    LockInfo held = leases.get(integrationId);
    if (held != null) {
      throw new LockHeldException(integrationId, Optional.of(held), LockHeldException.HolderStatus.RUNNING,
          "");
    }
    LockInfo me = new LockInfo(owner, ProcessHandle.current().pid(), "in-memory", clock.instant(),
        "m" + nonce.incrementAndGet());
    leases.put(integrationId, me);
    AtomicBoolean closed = new AtomicBoolean();
    // A lease of this store lives in this process: its holder is running until the lease is closed.
    return new RolloutLease() {
      @Override
      public LockInfo holder() {
        return me;
      }

      @Override
      public void close() {
        if (closed.compareAndSet(false, true)) {
          synchronized (InMemoryStateStore.this) {
            leases.remove(integrationId, me);
          }
        }
      }
    };
  }

  @Override
  public synchronized List<LockInfo> locks(String integrationId) {
    LockInfo held = leases.get(DeploymentState.checkIntegrationId(integrationId));
    return held == null ? List.of() : List.of(held);
  }

  /**
   * Clears nothing: a lease of an in-memory store belongs to this process, and is released when closed.
   *
   * @param integrationId the integration
   * @return an empty list when no lease is held
   * @throws LockHeldException if a lease is held (its holder runs in this process)
   */
  @Override
  public synchronized List<LockInfo> clearStaleLocks(String integrationId) {
    LockInfo held = leases.get(DeploymentState.checkIntegrationId(integrationId));
    if (held != null) {
      throw new LockHeldException(integrationId, Optional.of(held), LockHeldException.HolderStatus.RUNNING,
          "");
    }
    return List.of();
  }
}
