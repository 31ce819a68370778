package io.github.eventretry.examples.cli;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.payload.EventBridgeTarget;
import io.github.eventretry.core.payload.GenesysPayloads;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eventretry payload FILE --target genesys|genesys-seed|eventbridge}. */
@Command(
    name = "payload",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the JSON a policy becomes for a target.",
      "",
      "  genesys: the block eventretry writes under IntegrationConfiguration.advanced, with"
          + " traffic_split and policy_fingerprint.",
      "  genesys-seed: the tutorial's build_integration_config shape.",
      "  eventbridge: the EventBridge target's RetryPolicy and DeadLetterConfig.",
      "",
      "Exit 0, or 2 on bad input."
    })
public final class PayloadCommand implements Callable<Integer> {
  /** The payload kinds. */

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the policy JSON file")
  Path file;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "TARGET",
      description = "genesys, genesys-seed or eventbridge")
  String target;

  @Option(
      names = "--traffic-split",
      paramLabel = "N",
      defaultValue = "100",
      description = "percent of traffic, 1..100 (default: ${DEFAULT-VALUE})")
  int trafficSplit;

  @Override
  public Integer call() {
    if (trafficSplit < 1 || trafficSplit > 100) {
      throw CliException.usage(
          "eventretry payload: --traffic-split must be between 1 and 100 (rejected: "
              + trafficSplit + ")");
    }
    TrafficSplit split = TrafficSplit.ofPercent(trafficSplit);
    RetryPolicy policy = PolicyFiles.load(file);
    String out;
    switch (target) {
      case "genesys":
        out = GenesysPayloads.advancedBlock(policy, split);
        break;
      case "genesys-seed":
        out = GenesysPayloads.seedIntegrationConfig(policy, split);
        break;
      case "eventbridge":
        out = EventBridgeTarget.from(policy).toJson();
        break;
      default:
        throw CliException.usage("eventretry payload: --target must be one of genesys, genesys-seed,"
            + " eventbridge (rejected: " + io.github.eventretry.core.text.SafeText.quote(target) + ")");
    }
    spec.commandLine().getOut().println(out);
    return ExitCodes.OK;
  }
}
