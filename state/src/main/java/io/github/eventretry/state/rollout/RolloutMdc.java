package io.github.eventretry.state.rollout;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * The SLF4J MDC entries of a rollout: {@value #INTEGRATION} while the engine works on an integration,
 * and {@value #VERSION} while it applies, bakes, checks or records a step of a version. A scope puts
 * its entries and, when closed, puts back what the thread held before (or removes them), so nothing
 * outlives the operation, also when it throws. The MDC is the thread's own: a scope must be closed on
 * the thread that opened it (try-with-resources does).
 */
final class RolloutMdc {
  /** The integration id. */
  static final String INTEGRATION = "eventretry.integration";
  /** The version id, such as {@code v3} or the baseline {@code v0}. */
  static final String VERSION = "eventretry.version";

  private RolloutMdc() {}

  /**
   * Puts the integration for an operation; the version entry is left as it is.
   *
   * @param integrationId the integration
   * @return the scope to close
   */
  static Scope integration(String integrationId) {
    return new Scope(new String[] {INTEGRATION}, new String[] {integrationId});
  }

  /**
   * Puts the version a rollout applies, bakes and checks.
   *
   * @param versionId the version
   * @return the scope to close
   */
  static Scope version(String versionId) {
    return new Scope(new String[] {VERSION}, new String[] {versionId});
  }

  /**
   * Puts the integration and version of one step; a step about no version removes the version entry
   * for its duration, so that no other version's id is shown with it.
   *
   * @param integrationId the integration
   * @param versionId the step's version, if any
   * @return the scope to close
   */
  static Scope step(String integrationId, Optional<String> versionId) {
    return new Scope(new String[] {INTEGRATION, VERSION},
        new String[] {integrationId, versionId.orElse(null)});
  }

  /** Entries put on one thread, restored by {@link #close()}. Confined to that thread. */
  static final class Scope implements AutoCloseable {
    private final String[] keys;
    private final String[] previous;

    private Scope(String[] keys, String[] values) {
      this.keys = keys;
      this.previous = new String[keys.length];
      for (int i = 0; i < keys.length; i++) {
        previous[i] = MDC.get(keys[i]);
      }
      for (int i = 0; i < keys.length; i++) {
        set(keys[i], values[i]);
      }
    }

    private static void set(String key, String value) {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }

    /** Puts back what the thread held before this scope. */
    @Override
    public void close() {
      for (int i = keys.length - 1; i >= 0; i--) {
        set(keys[i], previous[i]);
      }
    }
  }
}
