package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs {@code java -jar eventretry.jar emulator} as a user would, then stops it. */
class EmulatorCommandIT {
  @Test
  void servesUntilStoppedAndAnswersATokenRequest() throws Exception {
    String jar = System.getProperty("eventretry.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-jar", jar, "emulator", "--port", "0",
        "--client-id", "it-client", "--client-secret", "it-secret", "--integration-id", "it-integration")
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).matches("listening on http://127\\.0\\.0\\.1:\\d+");
      URI base = URI.create(first.substring("listening on ".length()));
      HttpResponse<String> token = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(base.resolve("/oauth/token"))
              .header("Authorization", "Basic " + Base64.getEncoder()
                  .encodeToString("it-client:it-secret".getBytes(StandardCharsets.UTF_8)))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(token.statusCode()).isEqualTo(200);
      assertThat(token.body()).contains("access_token");
      assertThat(p.isAlive()).isTrue();
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void tlsModeWritesItsFilesAndPrintsTheApiHost(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    String jar = System.getProperty("eventretry.jar");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path tls = dir.resolve("tls");
    Process p = new ProcessBuilder(javaBin, "-jar", jar, "emulator", "--port", "0", "--tls",
        tls.toString(), "--domain", "emu.example.test", "--success-rate", "0.5",
        "--deliveries-per-minute", "600")
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).matches("listening on https://api\\.emu\\.example\\.test:\\d+");
      assertThat(out.readLine()).matches("token endpoint https://login\\.emu\\.example\\.test:\\d+/oauth/token");
      assertThat(out.readLine()).startsWith("trust store " + tls.toAbsolutePath().resolve("truststore.p12")
          + " (PKCS12, password changeit)");
      assertThat(java.nio.file.Files.readString(tls.resolve("hosts")))
          .contains("127.0.0.1 api.emu.example.test login.emu.example.test");
      assertThat(tls.resolve("ca.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void badOptionsAreOneLineAndExitTwo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
    String[][] cases = {
        {"--success-rate", "1.5"},
        {"--deliveries-per-minute", "-1"},
        {"--domain", "x.test"},
        {"--tls", dir.resolve("a-file").toString()},
        {"--tls", dir.toString(), "--domain", "bad_name\u001b[2J"},
    };
    String[] expected = {
        "eventretry emulator: --success-rate must be between 0 and 1 (rejected: 1.5)",
        "eventretry emulator: --deliveries-per-minute must be between 0 and 1000000000 (rejected: -1)",
        "eventretry emulator: --domain names the hosts of --tls; give --tls DIR too",
        "eventretry emulator: --tls must name a folder (rejected: ",
        "eventretry emulator: --domain must be a DNS name such as genesys-emulator.test",
    };
    for (int i = 0; i < cases.length; i++) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("emulator", "--port", "0"));
      args.addAll(java.util.List.of(cases[i]));
      JarRunner.Run run = JarRunner.run(dir, java.util.Map.of(), args.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.err().lines()).singleElement().asString().startsWith(expected[i])
          .doesNotContain("\u001b");
    }
  }
}
