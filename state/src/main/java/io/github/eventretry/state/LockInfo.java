package io.github.eventretry.state;

import io.github.eventretry.core.text.SafeText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Who holds a lock: the name it gave, its process, its host and since when. Immutable and thread-safe.
 *
 * @param owner the name the holder gave (such as a user or a service)
 * @param pid the holder's process id
 * @param host the holder's host name
 * @param acquiredAt when it was taken (from the holder's clock)
 * @param nonce distinguishes two locks taken by the same process
 */
public record LockInfo(String owner, long pid, String host, Instant acquiredAt, String nonce) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if any reference is null
   */
  public LockInfo {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(acquiredAt, "acquiredAt");
    Objects.requireNonNull(nonce, "nonce");
  }

  /**
   * Returns {@code owner (pid 123 on host) since 2026-...Z} (to the second), with control characters in the owner and
   * host escaped (a lock file is written by another process and may hold anything).
   *
   * @return the text
   */
  public String describe() {
    return SafeText.quote(owner) + " (pid " + pid + " on " + SafeText.quote(host) + ") since "
        + acquiredAt.truncatedTo(ChronoUnit.SECONDS);
  }
}
