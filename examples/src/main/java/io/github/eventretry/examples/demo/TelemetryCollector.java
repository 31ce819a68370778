package io.github.eventretry.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for the tutorial's external dashboard ({@code https://metrics.example.com/ingest}):
 * accepts {@code POST /ingest} with the right bearer key, keeps each body, answers 202. A wrong or
 * missing key is 401. Thread-safe; {@link #close()} stops it.
 */
public final class TelemetryCollector implements AutoCloseable {
  private static final int MAX_BODY = 1 << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String apiKey;
  private final List<String> received = new CopyOnWriteArrayList<>();

  private TelemetryCollector(String apiKey) throws IOException {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "telemetry-collector");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/ingest", this::handle);
    server.start();
  }

  /**
   * Starts a collector on 127.0.0.1 and an ephemeral port.
   *
   * @param apiKey the bearer key it accepts
   * @return the running collector
   * @throws IOException if the port cannot be bound
   */
  public static TelemetryCollector start(String apiKey) throws IOException {
    return new TelemetryCollector(apiKey);
  }

  /**
   * Returns the ingest URL.
   *
   * @return {@code http://127.0.0.1:<port>/ingest}
   */
  public URI ingestUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ingest");
  }

  /**
   * Returns the bodies accepted so far, oldest first.
   *
   * @return an immutable copy
   */
  public List<String> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        exchange.sendResponseHeaders(413, -1);
        return;
      }
      received.add(new String(body, StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(202, -1);
    }
  }

  /** Stops the collector. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
