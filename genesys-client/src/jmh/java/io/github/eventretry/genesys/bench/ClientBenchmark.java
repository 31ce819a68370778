package io.github.eventretry.genesys.bench;

import io.github.eventretry.genesys.ClientCredentials;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.genesys.testing.CapturedLogs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Genesys client against a bare {@link HttpClient}, side by side: in every iteration 64 threads
 * each make 100 calls of {@code GET config/current} through one {@link HttpGenesysClient} while
 * another 64 threads each make the same 100 requests through a bare {@code HttpClient}, against the
 * emulator on 127.0.0.1 ({@code SingleShotTime}, batch of 100, one JMH group). Running both at once
 * puts them under the same load at every instant: on a shared machine, two benchmarks run one after
 * the other measure the neighbours as much as the code. Every iteration starts with a new client
 * without a token, so its 64 threads meet the token cache together; the tear-down fails the run
 * unless that client made exactly one token request. The bare threads send the request with a token
 * already in hand and only read the body as a string. Each iteration's client is built on one
 * shared {@code HttpClient} ({@code Builder.httpClient}), so the connections stay those of the first.
 *
 * <p>Score: milliseconds for one thread's 100 calls (the mean latency of a call is score / 100); the
 * overhead is the ratio of the group's two scores.
 *
 * <p>Run: {@code mvn -B -Dquick -pl genesys-client -am verify -Pbenchmarks -DskipTests} (other JMH
 * arguments in {@code -Dclient.jmh.args}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, batchSize = 100)
@Measurement(iterations = 12, batchSize = 100)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ClientBenchmark {
  private static final String ID = GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
  private static final ClientCredentials CREDENTIALS = new ClientCredentials(
      GenesysCloudEmulator.DEFAULT_CLIENT_ID, GenesysCloudEmulator.DEFAULT_CLIENT_SECRET);

  private GenesysCloudEmulator emulator;
  private HttpClient bare;
  private HttpRequest bareRequest;
  private HttpClient transport;
  private HttpGenesysClient client;
  private int tokensBefore;

  @Setup(Level.Trial)
  public void start() throws Exception {
    // Debug and info lines off, as with a production binding at WARN; warnings stay on.
    CapturedLogs.off();
    emulator = GenesysCloudEmulator.builder().noRateLimit().threads(128).start();
    HttpGenesysClient first = HttpGenesysClient.builder()
        .baseUri(emulator.baseUri()).credentials(CREDENTIALS).build();
    first.getConfiguration(ID);
    String token = emulator.issuedTokens().get(0);
    bare = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    // One transport for the new client of every iteration: a fresh token cache each time, the
    // same connection pool (a new HttpClient per iteration would open 64 connections each time).
    transport = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    bareRequest = HttpRequest.newBuilder(
            URI.create(emulator.baseUri() + "/api/v2/integrations/" + ID + "/config/current"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  @Setup(Level.Iteration)
  public void newClient() {
    tokensBefore = emulator.tokenRequestCount();
    client = HttpGenesysClient.builder().baseUri(emulator.baseUri()).credentials(CREDENTIALS)
        .httpClient(transport).build();
  }

  @TearDown(Level.Iteration)
  public void oneTokenRequest() {
    int made = emulator.tokenRequestCount() - tokensBefore;
    // The bare threads make none; the client's 64 threads must have shared one.
    if (made != 1) {
      throw new IllegalStateException("64 threads made " + made + " token requests, not 1");
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    emulator.close();
  }

  @Benchmark
  @Group("sideBySide")
  @GroupThreads(64)
  public long httpGenesysClient() {
    return client.getConfiguration(ID).version();
  }

  @Benchmark
  @Group("sideBySide")
  @GroupThreads(64)
  public int bareHttpClient() throws IOException, InterruptedException {
    HttpResponse<String> r = bare.send(bareRequest, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("bare call got HTTP " + r.statusCode());
    }
    return r.body().length();
  }
}
