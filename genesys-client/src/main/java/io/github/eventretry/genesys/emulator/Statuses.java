package io.github.eventretry.genesys.emulator;

/** The one check of a scripted HTTP status. */
final class Statuses {
  private Statuses() {}

  static void check(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599 (rejected: " + status + ")");
    }
  }
}
