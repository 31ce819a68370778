package io.github.eventretry.genesys.internal;

import io.github.eventretry.core.Sleeper;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;

/**
 * The one retry loop of the module, used by the Genesys client (API and token requests) and by the
 * telemetry sink: sends a request, and while the {@link RetryRule} says the answer (or the lack of
 * one) is worth another try, waits and tries again, until an answer is final or a limit is reached:
 * the attempts, an optional deadline from the first attempt, an optional longest single wait. With
 * {@link Credentials}, a 401 makes it drop the credential and repeat once, that repeat not counted
 * against the attempts. It never throws for an HTTP or I/O failure: it returns an {@link Outcome}.
 *
 * <p>Thread-safe: it keeps no state between calls (the back-off's draws are serialised, the limiter
 * is thread-safe).
 */
public final class ExchangeLoop {
  private final HttpClient http;
  private final RetryRule rule;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RequestLimiter limiter;
  private final Duration deadline;
  private final Duration longestWait;
  private final Logger log;

  /**
   * Makes a loop.
   *
   * @param http the client requests go through
   * @param rule what is retried, the waits, the attempts
   * @param clock the clock of the deadline
   * @param sleeper what waits
   * @param limiter keeps requests under a rate, or null for none
   * @param deadline how long after the first attempt no wait may end, or null for none
   * @param longestWait the longest wait accepted, or null for any
   * @param log where the loop's lines go (the caller's logger)
   */
  public ExchangeLoop(HttpClient http, RetryRule rule, Clock clock, Sleeper sleeper,
      RequestLimiter limiter, Duration deadline, Duration longestWait, Logger log) {
    this.http = Objects.requireNonNull(http, "http");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.limiter = limiter;
    this.deadline = deadline;
    this.longestWait = longestWait;
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Returns the retry rule.
   *
   * @return the rule
   */
  public RetryRule rule() {
    return rule;
  }

  /** A credential sent with each attempt, which a 401 invalidates once per call. */
  public interface Credentials {
    /**
     * Returns the credential to send now.
     *
     * @return such as a bearer token
     * @throws InterruptedException if interrupted while waiting for one
     */
    String current() throws InterruptedException;

    /**
     * Says the server refused this credential with 401.
     *
     * @param value what {@link #current()} returned
     */
    void reject(String value);
  }

  /**
   * Sends a request with retries.
   *
   * @param operation what the call is, for log lines, such as {@code GET /api/v2/integrations/x}
   * @param request makes the request of an attempt from the credential (null without credentials)
   * @param body how answers are read
   * @param credentials the credential and its 401 rule, or null for none (a 401 is then final)
   * @param <T> the body type
   * @return how it ended
   * @throws RuntimeException whatever {@code request} or {@code credentials} throw (a failed token
   *     request, say), unchanged
   */
  public <T> Outcome<T> send(String operation, Function<String, HttpRequest> request,
      HttpResponse.BodyHandler<T> body, Credentials credentials) {
    Instant end = deadline == null ? null : clock.instant().plus(deadline);
    int requests = 0;
    int tries = 0;
    boolean reauthenticated = false;
    while (true) {
      String credential;
      HttpResponse<T> r = null;
      IOException io = null;
      try {
        credential = credentials == null ? null : credentials.current();
        if (limiter != null) {
          limiter.acquire();
        }
        HttpRequest built = request.apply(credential);
        requests++;
        tries++;
        r = http.send(built, body);
      } catch (IOException e) {
        io = e;
        credential = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome.Interrupted<>(e, requests, false, Optional.empty());
      }
      RetryRule.Wait wait;
      String detail;
      if (r != null) {
        int s = r.statusCode();
        log.debug("{} -> HTTP {} (request {})", operation, s, requests);
        if (s == 401 && credentials != null && !reauthenticated) {
          log.info("{} -> HTTP 401; fetching a new token and repeating the call once", operation);
          credentials.reject(credential);
          reauthenticated = true;
          tries--;
          continue;
        }
        Optional<RetryRule.Wait> next = rule.afterAnswer(s, r.headers(), tries);
        if (next.isEmpty()) {
          return new Outcome.Answered<>(r, requests);
        }
        wait = next.get();
        detail = "HTTP " + s;
      } else {
        wait = rule.afterNoAnswer(tries);
        detail = describe(io);
        log.debug("{} -> {} (request {})", operation, detail, requests);
      }
      Optional<HttpResponse<T>> last = Optional.ofNullable(r);
      Optional<IOException> failure = Optional.ofNullable(io);
      if (!rule.mayRetry(tries)) {
        return new Outcome.GaveUp<>(last, failure, requests, Outcome.Limit.ATTEMPTS, wait);
      }
      if (end != null && clock.instant().plus(wait.duration()).isAfter(end)) {
        return new Outcome.GaveUp<>(last, failure, requests, Outcome.Limit.DEADLINE, wait);
      }
      if (longestWait != null && wait.duration().compareTo(longestWait) > 0) {
        return new Outcome.GaveUp<>(last, failure, requests, Outcome.Limit.LONGEST_WAIT, wait);
      }
      log.warn("{} -> {}; retry {} of {} in {} ms", operation, detail, tries, rule.maxAttempts() - 1,
          wait.duration().toMillis());
      try {
        sleeper.sleep(wait.duration());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome.Interrupted<>(e, requests, true, Optional.of(detail));
      }
    }
  }

  /**
   * Says in plain words why an attempt got no answer, without the exception's class or message.
   *
   * @param e the failure
   * @return such as {@code timed out}, {@code no answer (connection refused)}
   */
  public static String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "timed out (connecting)";
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out (waiting for the answer)";
    }
    if (e instanceof ConnectException) {
      return "no answer (connection refused)";
    }
    if (e instanceof UnknownHostException) {
      return "no answer (host not found)";
    }
    if (e instanceof SSLException) {
      return "no answer (TLS handshake or session failed)";
    }
    if (e instanceof EOFException) {
      return "no answer (connection closed before an answer)";
    }
    return "no answer (connection failed or closed)";
  }
}
