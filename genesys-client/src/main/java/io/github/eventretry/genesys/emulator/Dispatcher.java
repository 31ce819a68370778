package io.github.eventretry.genesys.emulator;

import java.util.Optional;

/**
 * Decides, per request, whether the emulator plays a {@link Fault} instead of its normal answer. It
 * is asked after the queue of {@link GenesysCloudEmulator#enqueue enqueued} faults is empty. It may
 * also change the emulator's state (for example {@link GenesysCloudEmulator#editConfiguration}, to
 * act as a concurrent writer).
 *
 * <p>Implementations must be thread-safe: requests arrive on several threads.
 */
@FunctionalInterface
public interface Dispatcher {
  /**
   * Picks the fault for a request.
   *
   * @param request the request as received
   * @return the fault, or empty for the normal answer
   */
  Optional<Fault> dispatch(RecordedRequest request);
}
