package io.github.eventretry.genesys.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The retry rule shared by the Genesys client and the telemetry sink: which answers are tried again,
 * how long to wait before each retry, and when the attempts run out.
 *
 * <ul>
 *   <li>429 waits its {@code Retry-After} in whole seconds, or {@link #DEFAULT_RETRY_AFTER} (3 s, as
 *       the official Genesys Cloud SDK does) when the header is absent or not a whole number of
 *       seconds 0 or more.
 *   <li>502, 503, 504 and a request with no answer (refused or dropped connection, timeout) wait the
 *       full-jitter back-off of their retry.
 *   <li>Any other status is not retried.
 *   <li>Attempt {@code n} (1 for the first) may be followed by another while {@code n < maxAttempts}.
 * </ul>
 *
 * <p>Each caller adds its own further limit (the client a deadline, the sink the longest wait).
 * Thread-safe: immutable apart from the back-off's serialised random draws.
 */
public final class RetryRule {
  /** The wait after a 429 without a usable {@code Retry-After}: 3 s, the official SDK's. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(3);

  private final int maxAttempts;
  private final FullJitterBackoff backoff;

  /**
   * Makes a rule.
   *
   * @param maxAttempts attempts in all, the first included, 1 or more
   * @param backoff the back-off after 502, 503, 504 and no answer
   * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
   */
  public RetryRule(int maxAttempts, FullJitterBackoff backoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be 1 or more (rejected: " + maxAttempts + ")");
    }
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  /**
   * Returns the attempt limit.
   *
   * @return attempts in all, 1 or more
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Tells whether an answer with this status is tried again.
   *
   * @param status the HTTP status
   * @return true for 429, 502, 503 and 504
   */
  public static boolean retryable(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /**
   * Reads {@code Retry-After} as whole seconds (its HTTP-date form is not used by Genesys Cloud and
   * is treated as absent).
   *
   * @param headers the answer's headers
   * @return the wait, or empty when the header is absent, negative or not a whole number
   */
  public static Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<String> h = headers.firstValue("Retry-After");
    if (h.isEmpty()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(h.get().strip());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns the wait before trying again after an answer.
   *
   * @param status the answer's status
   * @param headers the answer's headers
   * @param attempt the attempt that got it, 1 for the first
   * @return the wait, or empty when the status is not retried (attempts left or not)
   */
  public Optional<Wait> afterAnswer(int status, HttpHeaders headers, int attempt) {
    if (status == 429) {
      return Optional.of(new Wait(retryAfter(headers).orElse(DEFAULT_RETRY_AFTER), true));
    }
    if (retryable(status)) {
      return Optional.of(afterNoAnswer(attempt));
    }
    return Optional.empty();
  }

  /**
   * Returns the back-off before trying again after an attempt that got no answer (or a 502, 503,
   * 504).
   *
   * @param attempt the attempt that failed, 1 for the first
   * @return the wait
   * @throws IllegalArgumentException if {@code attempt} is less than 1
   */
  public Wait afterNoAnswer(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be 1 or more (rejected: " + attempt + ")");
    }
    return new Wait(backoff.delay(attempt - 1), false);
  }

  /**
   * Tells whether another attempt may follow this one.
   *
   * @param attempt the attempt that failed, 1 for the first
   * @return true while {@code attempt < maxAttempts}
   */
  public boolean mayRetry(int attempt) {
    return attempt < maxAttempts;
  }

  /**
   * A wait before a retry.
   *
   * @param duration how long
   * @param fromRetryAfter true when it is a 429's {@code Retry-After} (or its 3 s default), false for
   *     a back-off
   */
  public record Wait(Duration duration, boolean fromRetryAfter) {
    /**
     * Checks the value.
     *
     * @throws NullPointerException if {@code duration} is null
     */
    public Wait {
      Objects.requireNonNull(duration, "duration");
    }

    /**
     * Describes the wait for messages.
     *
     * @return such as {@code Retry-After of 4000 ms} or {@code back-off of 250 ms}
     */
    public String describe() {
      return (fromRetryAfter ? "Retry-After" : "back-off") + " of " + duration.toMillis() + " ms";
    }
  }
}
