package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** Runs {@code java -jar eventretry.jar aws-emulator} as a user would, talks to it with the AWS SDK. */
class AwsEmulatorCommandIT {
  private static EventBridgeClient client(URI endpoint, String secret) {
    return EventBridgeClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAITTESTKEY0000000", secret)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void servesTheSeededPartnerBusUntilStopped() throws Exception {
    String jar = System.getProperty("eventretry.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-jar", jar, "aws-emulator", "--port", "0",
        "--access-key-id", "AKIAITTESTKEY0000000", "--secret-access-key", "it-secret",
        "--region", "eu-west-1", "--account", "210987654321", "--success-rate", "0.9")
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).matches("listening on http://127\\.0\\.0\\.1:\\d+");
      URI endpoint = URI.create(first.substring("listening on ".length()));
      try (EventBridgeClient eb = client(endpoint, "it-secret")) {
        String bus = "aws.partner/genesys.com/cloud/0d5c5a6e-7c2b-4f1e-9a38-6b2f4e8d1c07/eventretry-demo";
        var targets = eb.listTargetsByRule(b -> b.rule("genesys-events").eventBusName(bus)).targets();
        assertThat(targets).extracting(Target::id).containsExactly("sqs-queue", "api-destination");
        assertThat(targets.get(0).arn()).isEqualTo("arn:aws:sqs:eu-west-1:210987654321:genesys-events");
      }
      try (EventBridgeClient wrong = client(endpoint, "wrong")) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.listEventBuses(b -> { }))
            .isInstanceOf(EventBridgeException.class)
            .hasMessageContaining("The request signature we calculated does not match");
      }
      assertThat(p.isAlive()).isTrue();
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void refusesBadOptionsWithExitCode2() throws Exception {
    String jar = System.getProperty("eventretry.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-jar", jar, "aws-emulator", "--port", "0", "--success-rate", "1.5")
        .redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(text.strip()).isEqualTo("eventretry aws-emulator: --success-rate must be a number from 0 to 1"
        + " (rejected: 1.5)");
  }
}
