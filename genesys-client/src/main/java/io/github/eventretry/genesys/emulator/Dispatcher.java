package io.github.eventretry.genesys.emulator;

import java.util.function.Supplier;

/**
 * Decides, per request, what the emulator answers once its queues of
 * {@link GenesysCloudEmulator#enqueue enqueued} replies are empty: Genesys's normal answer (from
 * {@code genesys}, which the dispatcher may pass on, wrap or replace), a {@link Response} of its own,
 * or a {@link Fault}. It may also change the emulator's state (for example
 * {@link GenesysCloudEmulator#editConfiguration}, to act as a concurrent writer).
 *
 * <p>The normal answer is computed only when {@code genesys.get()} is called, so a dispatcher that
 * plays a fault for a write leaves the state as it was. Calling it more than once computes it again
 * (a second token, a second write).
 *
 * <p>Implementations must be thread-safe: requests arrive on several threads.
 *
 * <pre>{@code
 * emulator.dispatcher((request, genesys) -> request.method().equals("PUT")
 *     ? Fault.error(503, "service.unavailable", "down for maintenance")
 *     : genesys.get().withHeader("X-Seen-By", "test"));
 * }</pre>
 */
@FunctionalInterface
public interface Dispatcher {
  /**
   * Picks the reply for a request.
   *
   * @param request the request as received
   * @param genesys computes the emulator's normal answer to it
   * @return what to play; never null
   */
  Reply dispatch(RecordedRequest request, Supplier<Response> genesys);

  /**
   * Returns the dispatcher the emulator starts with: Genesys's normal answer to every request.
   *
   * @return the dispatcher
   */
  static Dispatcher genesys() {
    return (request, genesys) -> genesys.get();
  }
}
