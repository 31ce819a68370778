package io.github.eventretry.examples.cli;

import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import io.github.eventretry.eventbridge.emulator.DeliveryModel;
import io.github.eventretry.eventbridge.emulator.Destination;
import java.io.IOException;
import java.time.Duration;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eventretry aws-emulator [--port P] [--access-key-id ID] [--secret-access-key S] [--region R]
 * [--account N] [--success-rate R] [--outage DURATION]}: runs the loopback AWS emulator (EventBridge and CloudWatch) until
 * the process is stopped, seeded with the Genesys Cloud partner event bus of the Genesys emulator's
 * default integration.
 */
@Command(
    name = "aws-emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a loopback Amazon EventBridge and CloudWatch on 127.0.0.1 until stopped (Ctrl-C):",
      "the Genesys Cloud partner event bus of the 'emulator' command's integration, its rule",
      "'" + AwsEmulator.GENESYS_RULE + "' with two targets (an SQS queue and an API destination),",
      "and AWS/Events metrics derived from each target's RetryPolicy. Requests must be signed",
      "(SigV4) with the access key and secret below. Prints 'listening on http://127.0.0.1:<port>'",
      "when ready."
    })
public final class AwsEmulatorCommand implements Callable<Integer> {
  /** The port used when none is given. */
  static final int DEFAULT_PORT = 14566;

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "P", defaultValue = "" + DEFAULT_PORT,
      description = "port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--access-key-id", paramLabel = "ID", defaultValue = AwsEmulator.DEFAULT_ACCESS_KEY_ID,
      description = "access key id requests are signed with (default: ${DEFAULT-VALUE})")
  String accessKeyId;

  @Option(names = "--secret-access-key", paramLabel = "S",
      defaultValue = AwsEmulator.DEFAULT_SECRET_ACCESS_KEY,
      description = "its secret access key (default: ${DEFAULT-VALUE})")
  String secretAccessKey;

  @Option(names = "--region", paramLabel = "R", defaultValue = AwsEmulator.DEFAULT_REGION,
      description = "region requests are signed for (default: ${DEFAULT-VALUE})")
  String region;

  @Option(names = "--account", paramLabel = "N", defaultValue = AwsEmulator.DEFAULT_ACCOUNT,
      description = "12-digit account in every ARN (default: ${DEFAULT-VALUE})")
  String account;

  @Option(names = "--success-rate", paramLabel = "R", defaultValue = "1.0",
      description = "share of delivery attempts the destination accepts, 0 to 1 (default: ${DEFAULT-VALUE})")
  String successRate;

  @Option(names = "--outage", paramLabel = "DURATION", defaultValue = "0s",
      description = "how long the destination is down at the start of every minute, under a minute: "
          + Durations.FORMS + " (default: ${DEFAULT-VALUE}). With 10s a policy whose retries give up"
          + " within 10 s shows failed invocations, and a rollout of it rolls back.")
  String outage;

  @Override
  public Integer call() throws InterruptedException {
    String name = "eventretry aws-emulator";
    if (port < 0 || port > 65_535) {
      throw CliException.usage(name + ": --port must be 0..65535 (rejected: " + port + ")");
    }
    double rate;
    try {
      rate = Double.parseDouble(successRate.strip());
    } catch (NumberFormatException e) {
      rate = Double.NaN;
    }
    if (!(rate >= 0 && rate <= 1)) {
      throw CliException.usage(name + ": --success-rate must be a number from 0 to 1 (rejected: "
          + SafeText.quote(successRate) + ")");
    }
    Duration down = Durations.parse("--outage", outage);
    if (down.compareTo(Duration.ofMinutes(1)) >= 0) {
      throw CliException.usage(name + ": --outage must be under a minute (rejected: "
          + Durations.describe(down) + ")");
    }
    AwsEmulator emulator;
    try {
      AwsEmulator.Builder b = AwsEmulator.builder().port(port);
      try {
        b.credentials(accessKeyId, secretAccessKey);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(name + ": --access-key-id and --secret-access-key: " + e.getMessage());
      }
      try {
        b.region(region);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(name + ": --region: " + e.getMessage());
      }
      try {
        b.account(account);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(name + ": --account: " + e.getMessage());
      }
      emulator = b.deliveryModel(DeliveryModel.destination(Destination.builder().successRate(rate)
              .outagePerMinute(down).build()))
          .seedGenesysExample()
          .start();
    } catch (IOException e) {
      throw CliException.failed(name + ": cannot listen on 127.0.0.1:" + port + " ("
          + ErrorText.describe(e) + ")");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }, "aws-emulator-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("listening on " + emulator.endpoint());
    out.println("region " + region + ", account " + account + ", access key id " + accessKeyId
        + "; stop with Ctrl-C");
    out.println("event bus " + AwsEmulator.genesysPartnerBus(AwsEmulator.GENESYS_ORG_ID,
        AwsEmulator.GENESYS_EVENT_SOURCE_SUFFIX) + ", rule " + AwsEmulator.GENESYS_RULE
        + " (targets sqs-queue, api-destination)");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
