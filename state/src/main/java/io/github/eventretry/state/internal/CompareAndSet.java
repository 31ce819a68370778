package io.github.eventretry.state.internal;

import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.StateConflictException;
import java.util.Objects;
import java.util.Optional;

/** The compare-and-set rules every {@link io.github.eventretry.state.spi.StateStore} of this module applies (file, memory, JDBC). */
public final class CompareAndSet {
  private CompareAndSet() {}

  /** Checks the shape of a change before anything is locked or read. */
  public static void checkNext(long expectedSerial, DeploymentState next) {
    Objects.requireNonNull(next, "next");
    if (next.serial() != expectedSerial + 1) {
      throw new IllegalArgumentException("next.serial must be expectedSerial + 1 = "
          + (expectedSerial + 1) + " (rejected: " + next.serial() + ")");
    }
  }

  /** Checks a change against the stored state: the same serial and lineage. */
  public static void checkAgainst(Optional<DeploymentState> current, long expectedSerial, DeploymentState next) {
    String id = next.integrationId();
    long stored = current.map(DeploymentState::serial).orElse(0L);
    if (stored != expectedSerial) {
      throw new StateConflictException("state of " + id + " is at serial " + stored
          + ", not the expected " + expectedSerial + "; load it again and redo the change");
    }
    if (current.isPresent() && !current.get().lineage().equals(next.lineage())) {
      throw new StateConflictException("state of " + id + " has lineage " + current.get().lineage()
          + "; refusing a change of unrelated lineage " + next.lineage());
    }
  }
}
