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
}
