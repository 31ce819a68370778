package io.github.eventretry.state.rollout;

/**
 * Receives {@link RolloutEvent}s: for logs, metrics, or progress lines in a command line. Called on the
 * rollout's thread, once per step, after the step's change was saved and audited; an exception it
 * throws is logged and otherwise ignored. Implementations used by several engines must be thread-safe.
 */
@FunctionalInterface
public interface RolloutListener {
  /** A listener that does nothing. */
  RolloutListener NONE = event -> { };

  /**
   * Receives one event.
   *
   * @param event the event
   */
  void onEvent(RolloutEvent event);
}
