package io.github.eventretry.genesys.bench;

import io.github.eventretry.genesys.ClientCredentials;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.genesys.testing.CapturedLogs;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The client benchmark: 64 threads x 100 calls of {@code GET config/current} through one
 * {@link HttpGenesysClient} against the emulator, and the same requests through a bare
 * {@link HttpClient}, in alternating rounds of one run. Prints calls per second, p50 and p99 of each,
 * the overhead ratio, the token requests the client made (must be exactly 1), and the size of the
 * module's jar with every runtime jar it pulls in.
 *
 * <p>Run: {@code mvn -B -Dquick -pl genesys-client -am verify -Pbenchmarks}. Wall-clock timing
 * ({@code System.nanoTime}) is right here: this is a measurement, not library logic.
 */
public final class ClientBenchmark {
  static final int THREADS = 64;
  static final int CALLS = 100;
  static final int ROUNDS = 3;

  private ClientBenchmark() {}

  /** A callable that makes one request. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    // Debug and info lines off, as with a production binding at WARN; warnings stay on.
    CapturedLogs.off();
    try (GenesysCloudEmulator emulator = GenesysCloudEmulator.builder()
        .noRateLimit()
        .threads(THREADS)
        .start()) {
      String id = GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
      ClientCredentials credentials = new ClientCredentials(
          GenesysCloudEmulator.DEFAULT_CLIENT_ID, GenesysCloudEmulator.DEFAULT_CLIENT_SECRET);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        // Warm-up with a client of its own, so that the measured client starts cold.
        HttpGenesysClient warm = HttpGenesysClient.builder()
            .baseUri(emulator.baseUri()).credentials(credentials).build();
        round(pool, 20, () -> warm.getConfiguration(id));

        int tokensBefore = emulator.tokenRequestCount();
        HttpGenesysClient client = HttpGenesysClient.builder()
            .baseUri(emulator.baseUri()).credentials(credentials).build();
        // First measured round: 64 threads meet a client without a token.
        List<long[]> clientRounds = new ArrayList<>();
        clientRounds.add(round(pool, CALLS, () -> client.getConfiguration(id)));
        int tokenRequests = emulator.tokenRequestCount() - tokensBefore;
        String token = emulator.issuedTokens().get(emulator.issuedTokens().size() - 1);

        HttpClient bare = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(emulator.baseUri() + "/api/v2/integrations/" + id + "/config/current"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build();
        Call bareCall = () -> {
          HttpResponse<String> r = bare.send(request, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 200) {
            throw new IllegalStateException("bare call got HTTP " + r.statusCode());
          }
        };
        round(pool, 20, bareCall);

        List<long[]> bareRounds = new ArrayList<>();
        bareRounds.add(round(pool, CALLS, bareCall));
        for (int i = 1; i < ROUNDS; i++) {
          clientRounds.add(round(pool, CALLS, () -> client.getConfiguration(id)));
          bareRounds.add(round(pool, CALLS, bareCall));
        }
        tokenRequests = emulator.tokenRequestCount() - tokensBefore;

        Stats c = Stats.of(clientRounds);
        Stats b = Stats.of(bareRounds);
        System.out.println();
        System.out.println("eventretry-genesys-client benchmark: " + THREADS + " threads x " + CALLS
            + " calls of GET config/current per round, " + ROUNDS + " rounds each, alternating,"
            + " against the emulator on 127.0.0.1 (" + Runtime.getRuntime().availableProcessors()
            + " CPUs, Java " + System.getProperty("java.version") + ")");
        System.out.println("  HttpGenesysClient : " + c);
        System.out.println("  bare HttpClient   : " + b);
        System.out.println(String.format(Locale.ROOT,
            "  overhead ratio (client / bare): mean latency %.3f, p99 %.3f, throughput %.3f",
            c.meanMicros / b.meanMicros, (double) c.p99Micros / b.p99Micros, b.callsPerSecond
                / c.callsPerSecond));
        System.out.println("  token requests made by the client: " + tokenRequests);
        if (tokenRequests != 1) {
          throw new IllegalStateException("expected exactly 1 token request, saw " + tokenRequests);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    if (args.length >= 2) {
      sizes(Path.of(args[0]), Path.of(args[1]));
    }
  }

  /** Runs THREADS x calls; returns the latency of every call in nanoseconds, then the wall time. */
  static long[] round(ExecutorService pool, int calls, Call call) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<long[]>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(pool.submit(() -> {
        long[] lat = new long[calls];
        go.await();
        for (int i = 0; i < calls; i++) {
          long s = System.nanoTime();
          call.run();
          lat[i] = System.nanoTime() - s;
        }
        return lat;
      }));
    }
    long start = System.nanoTime();
    go.countDown();
    long[] all = new long[THREADS * calls + 1];
    int n = 0;
    for (Future<long[]> f : futures) {
      for (long l : f.get()) {
        all[n++] = l;
      }
    }
    all[n] = System.nanoTime() - start;
    return all;
  }

  static final class Stats {
    long calls;
    double callsPerSecond;
    double meanMicros;
    long p50Micros;
    long p99Micros;

    static Stats of(List<long[]> rounds) {
      Stats s = new Stats();
      long wall = 0;
      List<Long> lat = new ArrayList<>();
      for (long[] r : rounds) {
        wall += r[r.length - 1];
        for (int i = 0; i < r.length - 1; i++) {
          lat.add(r[i]);
        }
      }
      long[] sorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
      s.calls = sorted.length;
      s.callsPerSecond = s.calls / (wall / 1e9);
      s.meanMicros = Arrays.stream(sorted).average().orElse(0) / 1000.0;
      s.p50Micros = sorted[(int) Math.ceil(0.50 * sorted.length) - 1] / 1000;
      s.p99Micros = sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1000;
      return s;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d calls, %.0f calls/s, mean %.0f us, p50 %d us, p99 %d us",
          calls, callsPerSecond, meanMicros, p50Micros, p99Micros);
    }
  }

  static void sizes(Path classpathFile, Path ownJar) throws Exception {
    List<Path> jars = new ArrayList<>();
    jars.add(ownJar);
    String cp = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
    if (!cp.isEmpty()) {
      for (String p : cp.split(File.pathSeparator)) {
        jars.add(Path.of(p));
      }
    }
    long total = 0;
    System.out.println("  eventretry-genesys-client with its runtime dependencies:");
    for (Path j : jars) {
      long size = Files.size(j);
      total += size;
      System.out.println(String.format(Locale.ROOT, "    %8.1f KB  %s", size / 1024.0, j.getFileName()));
    }
    System.out.println(String.format(Locale.ROOT, "    %8.1f KB  total, %d jars", total / 1024.0,
        jars.size()));
  }
}
