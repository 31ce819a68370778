package io.github.eventretry.eventbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.eventretry.eventbridge.testing.Aws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second real client: the AWS CLI (botocore) that the build machine's image ships. It speaks AWS
 * JSON 1.0 to CloudWatch by default (botocore 1.43 prefers it to CBOR); with its CloudWatch model
 * narrowed to one protocol (a copy written to a temporary {@code AWS_DATA_PATH}) it sends Smithy RPC v2
 * CBOR, or the query protocol of older CLIs and SDKs. Skipped where {@code aws} is not installed.
 */
class AwsCliInteropTest {
  private static final String BUS = Aws.genesysBus();
  private static boolean available;

  @TempDir Path dir;

  @BeforeAll
  static void findCli() {
    try {
      Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
      available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      available = false;
    }
  }

  private record Run(int exit, String out) {}

  private Run aws(AwsEmulator e, String secret, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", e.endpoint().toString(),
        "--region", e.region(), "--output", "json"));
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
    b.environment().put("AWS_ACCESS_KEY_ID", AwsEmulator.DEFAULT_ACCESS_KEY_ID);
    b.environment().put("AWS_SECRET_ACCESS_KEY", secret);
    b.environment().put("AWS_CONFIG_FILE", dir.resolve("none").toString());
    b.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
    b.environment().put("AWS_MAX_ATTEMPTS", "1");
    b.environment().putAll(env);
    Process p = b.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  /** Writes botocore's CloudWatch model with its protocols narrowed to one, under a new data path. */
  private Map<String, String> onlyProtocol(String protocol) throws Exception {
    Path data = dir.resolve("data-" + protocol);
    Path model = data.resolve("cloudwatch/2010-08-01/service-2.json");
    Files.createDirectories(model.getParent());
    Process p = new ProcessBuilder("python3", "-c", String.join("\n",
        "import botocore.loaders, json, sys",
        "m = botocore.loaders.Loader().load_service_model('cloudwatch', 'service-2')",
        "m['metadata']['protocol'] = sys.argv[1]",
        "m['metadata']['protocols'] = [sys.argv[1]]",
        "json.dump(m, open(sys.argv[2], 'w'))"), protocol, model.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assumeTrue(p.exitValue() == 0, "botocore's model could not be read: " + out);
    return Map.of("AWS_DATA_PATH", data.toString());
  }

  @Test
  void theAwsCliReadsTargetsAndMetricsInEveryProtocol() throws Exception {
    assumeTrue(available, "the aws command is not installed");
    try (AwsEmulator e = AwsEmulator.builder().seedGenesysExample().start()) {
      Run targets = aws(e, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY, Map.of(), "events", "list-targets-by-rule",
          "--rule", AwsEmulator.GENESYS_RULE, "--event-bus-name", BUS);
      assertThat(targets.exit()).as(targets.out()).isZero();
      assertThat(targets.out()).contains("\"Id\": \"sqs-queue\"").contains("\"MaximumRetryAttempts\": 185");
      Instant now = Instant.now();
      String queries = "[{\"Id\":\"inv\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/Events\","
          + "\"MetricName\":\"Invocations\",\"Dimensions\":[{\"Name\":\"EventBusName\",\"Value\":\"" + BUS
          + "\"},{\"Name\":\"RuleName\",\"Value\":\"" + AwsEmulator.GENESYS_RULE + "\"}]},\"Period\":60,"
          + "\"Stat\":\"Sum\"}}]";
      List<AwsProtocol> seen = new ArrayList<>();
      for (String protocol : new String[] {null, "smithy-rpc-v2-cbor", "query"}) {
        Map<String, String> env = protocol == null ? Map.of() : onlyProtocol(protocol);
        Run data = aws(e, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY, env, "cloudwatch", "get-metric-data",
            "--metric-data-queries", queries, "--start-time", now.minusSeconds(600).toString(),
            "--end-time", now.plusSeconds(60).toString());
        assertThat(data.exit()).as(data.out()).isZero();
        assertThat(data.out()).contains("\"Id\": \"inv\"").contains("\"StatusCode\": \"Complete\"");
        List<RecordedRequest> gets = e.requests("GetMetricData");
        seen.add(gets.get(gets.size() - 1).protocol());
      }
      assertThat(seen).containsExactly(AwsProtocol.AWS_JSON_1_0, AwsProtocol.RPC_V2_CBOR, AwsProtocol.QUERY);
      Run wrong = aws(e, "wrong-secret", Map.of(), "cloudwatch", "list-metrics", "--namespace", "AWS/Events");
      assertThat(wrong.exit()).isNotZero();
      assertThat(wrong.out()).contains("SignatureDoesNotMatch")
          .contains("The request signature we calculated does not match");
    }
  }
}
