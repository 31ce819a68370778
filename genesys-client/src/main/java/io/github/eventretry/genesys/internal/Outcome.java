package io.github.eventretry.genesys.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * How one {@link ExchangeLoop#send} ended. Each caller turns it into its own result: the client into
 * a body or a typed exception, the telemetry sink into a {@code TelemetryResult}.
 *
 * @param <T> the body type of the answers
 */
public sealed interface Outcome<T> {
  /**
   * Returns how many requests were sent, the one repeated after a 401 included.
   *
   * @return 0 or more (0 only when interrupted before the first)
   */
  int attempts();

  /** Which limit ended the retries. */
  enum Limit {
    /** The attempts allowed were used up. */
    ATTEMPTS,
    /** The next wait would have ended after the deadline. */
    DEADLINE,
    /** The next wait was longer than the longest wait allowed. */
    LONGEST_WAIT
  }

  /**
   * An answer that is final: a 2xx, or a status that is not tried again (any other 4xx, a second 401,
   * a 5xx other than 502, 503, 504).
   *
   * @param response the answer
   * @param attempts requests sent
   * @param <T> the body type
   */
  record Answered<T>(HttpResponse<T> response, int attempts) implements Outcome<T> {
    /** Checks the value. */
    public Answered {
      Objects.requireNonNull(response, "response");
    }

    /**
     * Tells whether the answer is a 2xx.
     *
     * @return true for 200..299
     */
    public boolean succeeded() {
      int s = response.statusCode();
      return s >= 200 && s < 300;
    }
  }

  /**
   * The last attempt failed in a way that is retried, and a limit forbade another.
   *
   * @param response the last answer (429, 502, 503, 504), or empty when the last attempt got none
   * @param failure why the last attempt got no answer, or empty when it got one
   * @param attempts requests sent
   * @param limit which limit
   * @param refusedWait the wait that was not started, for {@link Limit#DEADLINE} and
   *     {@link Limit#LONGEST_WAIT}
   * @param <T> the body type
   */
  record GaveUp<T>(Optional<HttpResponse<T>> response, Optional<IOException> failure, int attempts,
      Limit limit, RetryRule.Wait refusedWait) implements Outcome<T> {
    /** Checks the values. */
    public GaveUp {
      Objects.requireNonNull(response, "response");
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(refusedWait, "refusedWait");
    }
  }

  /**
   * The thread was interrupted; its interrupt flag is set again.
   *
   * @param cause the interruption
   * @param attempts requests sent
   * @param whileWaiting true when it came during a wait before a retry, false while sending or
   *     waiting for a token or the limiter
   * @param lastDetail what the last attempt got, such as {@code HTTP 503}, when it came while waiting
   * @param <T> the body type
   */
  record Interrupted<T>(InterruptedException cause, int attempts, boolean whileWaiting,
      Optional<String> lastDetail) implements Outcome<T> {
    /** Checks the values. */
    public Interrupted {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(lastDetail, "lastDetail");
    }
  }
}
