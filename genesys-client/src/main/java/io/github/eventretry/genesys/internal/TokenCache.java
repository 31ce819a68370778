package io.github.eventretry.genesys.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A single-flight cache of one access token. {@link #get()} returns the cached token while its
 * refresh time has not come; otherwise one caller runs the fetch (outside any lock) and every caller
 * that arrives meanwhile waits for that same fetch and gets its token, or the very exception it ended
 * with. A failed fetch is not cached: the next caller after it starts a new one.
 *
 * <p>Thread-safe.
 */
public final class TokenCache {
  private final Clock clock;
  private final Supplier<Token> fetch;
  private final Runnable onJoin;
  private final Object lock = new Object();
  private volatile Token token;
  /** The fetch in progress; guarded by lock. */
  private CompletableFuture<Token> fetching;

  /**
   * Makes a cache.
   *
   * @param clock the clock refresh times are compared with
   * @param fetch fetches a new token (with its own retries); may throw
   */
  public TokenCache(Clock clock, Supplier<Token> fetch) {
    this(clock, fetch, () -> { });
  }

  /**
   * Makes a cache that reports each caller that joins a fetch already under way, so that a test can
   * hold the fetch until every caller it started is waiting for it (a latch, not a sleep).
   *
   * @param clock the clock refresh times are compared with
   * @param fetch fetches a new token (with its own retries); may throw
   * @param onJoin run by each caller that will wait for another caller's fetch, before it waits
   */
  public TokenCache(Clock clock, Supplier<Token> fetch, Runnable onJoin) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.onJoin = Objects.requireNonNull(onJoin, "onJoin");
  }

  /**
   * Returns a token that is not due for refresh, fetching one when needed.
   *
   * @return the token value
   * @throws InterruptedException if interrupted while waiting for another caller's fetch
   * @throws RuntimeException what the fetch threw (the same instance for every caller that waited)
   */
  public String get() throws InterruptedException {
    Token t = token;
    if (t != null && clock.instant().isBefore(t.refreshAt())) {
      return t.value();
    }
    CompletableFuture<Token> shared;
    boolean mine = false;
    synchronized (lock) {
      t = token;
      if (t != null && clock.instant().isBefore(t.refreshAt())) {
        return t.value();
      }
      shared = fetching;
      if (shared == null) {
        shared = new CompletableFuture<>();
        fetching = shared;
        mine = true;
      }
    }
    if (mine) {
      try {
        Token fetched = Objects.requireNonNull(fetch.get(), "fetched token");
        synchronized (lock) {
          token = fetched;
          fetching = null;
        }
        shared.complete(fetched);
        return fetched.value();
      } catch (RuntimeException | Error e) {
        synchronized (lock) {
          fetching = null;
        }
        shared.completeExceptionally(e);
        throw e;
      }
    }
    onJoin.run();
    try {
      return shared.get().value();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("token fetch failed", cause);
    }
  }

  /**
   * Forgets the cached token if it is this one (a 401 refused it); a newer one is kept.
   *
   * @param value the refused token
   */
  public void drop(String value) {
    synchronized (lock) {
      Token t = token;
      if (t != null && t.value().equals(value)) {
        token = null;
      }
    }
  }

  /**
   * A token and when to replace it. {@link #toString()} leaves the value out.
   *
   * @param value the access token
   * @param refreshAt from when a new one is fetched
   */
  public record Token(String value, Instant refreshAt) {
    /** Checks the values. */
    public Token {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(refreshAt, "refreshAt");
    }

    @Override
    public String toString() {
      return "Token[refreshAt=" + refreshAt + "]";
    }
  }
}
