package io.github.eventretry.genesys.emulator.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.genesys.emulator.RecordedRequest;
import io.github.eventretry.genesys.emulator.Response;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The fake's OAuth side: registered clients, the client-credentials grant, issued tokens and their
 * expiry, and each client's fixed one-minute windows of token and API requests. Token values and
 * correlation ids come from one seeded generator.
 *
 * <p>Thread-safe: one lock guards it all.
 */
final class OAuthClients {
  private final Clock clock;
  private final Duration tokenLifetime;
  private final int requestsPerMinute;
  private final Map<String, String> clients;
  private final Object lock = new Object();
  private final SplittableRandom random;
  private final Map<String, Issued> tokens = new HashMap<>();
  private final List<String> issuedTokens = new ArrayList<>();
  private final Map<String, Window> apiWindows = new HashMap<>();
  private final Map<String, Window> tokenWindows = new HashMap<>();

  OAuthClients(Clock clock, Duration tokenLifetime, int requestsPerMinute, Map<String, String> clients,
      long seed) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    this.requestsPerMinute = requestsPerMinute;
    this.clients = Map.copyOf(clients);
    this.random = new SplittableRandom(seed);
  }

  String correlationId() {
    synchronized (lock) {
      return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
          random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }
  }

  List<String> issuedTokens() {
    synchronized (lock) {
      return List.copyOf(issuedTokens);
    }
  }

  void revokeTokens() {
    synchronized (lock) {
      tokens.clear();
    }
  }

  /** {@code POST /oauth/token}: the grant, or the OAuth error Genesys gives. */
  Response token(RecordedRequest req, String correlation) {
    Optional<String> basic = req.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6))
        .map(h -> h.substring(6).strip());
    String id = null;
    String secret = null;
    if (basic.isPresent()) {
      try {
        String pair = new String(Base64.getDecoder().decode(basic.get()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon > 0) {
          id = pair.substring(0, colon);
          secret = pair.substring(colon + 1);
        }
      } catch (IllegalArgumentException e) {
        id = null;
      }
    }
    if (id == null) {
      return ErrorBodies.oauth(401, "invalid_client", "client credentials are required");
    }
    String known = clients.get(id);
    if (known == null) {
      return ErrorBodies.oauth(401, "invalid_client", "client not found");
    }
    if (!known.equals(secret)) {
      return ErrorBodies.oauth(401, "invalid_client", "authentication failed");
    }
    if (!req.body().strip().equals(GenesysApi.CLIENT_CREDENTIALS_GRANT)) {
      return ErrorBodies.oauth(400, "unsupported_grant_type", "grant_type must be client_credentials");
    }
    synchronized (lock) {
      Optional<Long> wait = limit(tokenWindows, id);
      if (wait.isPresent()) {
        return ErrorBodies.tooMany(wait.get(), correlation);
      }
      String value = "emu-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
      tokens.put(value, new Issued(id, clock.instant().plus(tokenLifetime)));
      issuedTokens.add(value);
      ObjectNode b = JsonNodeFactory.instance.objectNode();
      b.put(GenesysApi.ACCESS_TOKEN, value);
      b.put(GenesysApi.TOKEN_TYPE, "bearer");
      b.put(GenesysApi.EXPIRES_IN, tokenLifetime.toSeconds());
      return Response.json(200, Json.write(b));
    }
  }

  /**
   * Checks an API request's bearer token and counts it in its client's window.
   *
   * @return empty when the request may go on, else the 401 or 429 to answer
   */
  Optional<Response> admit(RecordedRequest req, String correlation) {
    Optional<String> bearer = req.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).strip());
    synchronized (lock) {
      Issued t = bearer.map(tokens::get).orElse(null);
      if (t == null || !clock.instant().isBefore(t.expiresAt)) {
        return Optional.of(
            ErrorBodies.error(401, "bad.credentials", "Invalid login credentials.", correlation));
      }
      return limit(apiWindows, t.clientId).map(wait -> ErrorBodies.tooMany(wait, correlation));
    }
  }

  /** Counts a request in its client's window; returns the Retry-After seconds when over. Holds the lock. */
  private Optional<Long> limit(Map<String, Window> windows, String client) {
    if (requestsPerMinute == 0) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Window w = windows.get(client);
    if (w == null || !now.isBefore(w.start.plusSeconds(60))) {
      w = new Window(now);
      windows.put(client, w);
    }
    if (w.count < requestsPerMinute) {
      w.count++;
      return Optional.empty();
    }
    long ms = Duration.between(now, w.start.plusSeconds(60)).toMillis();
    return Optional.of(Math.max(1, (ms + 999) / 1000));
  }

  private record Issued(String clientId, Instant expiresAt) {}

  private static final class Window {
    final Instant start;
    int count;

    Window(Instant start) {
      this.start = start;
    }
  }
}
