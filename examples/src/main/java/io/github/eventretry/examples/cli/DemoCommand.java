package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.examples.demo.Demo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eventretry demo}: the README's main job. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the tutorial's whole flow on the embedded Genesys Cloud and AWS emulators, with no credentials.",
      "",
      "Validate, simulate (with a chart), deploy in a 10/50/100 rollout, watch a bad policy roll itself"
          + " back, do the same on the EventBridge rule targets of an embedded AWS emulator (judged by"
          + " CloudWatch; the targets are put back exactly), read delivery metrics, export telemetry to a loopback collector, then show the"
          + " history and verify the audit log. Writes state, audit log and chart to --dir.",
      "",
      "Progress on standard error, the summary on standard output. Exit 0 when every step did what it"
          + " should, 1 when one did not, 2 when --dir cannot be used."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "eventretry-demo",
      description = "folder for state, audit log and chart (default: ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "seed of every simulation (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws IOException, InterruptedException {
    StateOptions.checkFolder("eventretry demo: --dir", dir);
    try {
      return new Demo(dir, seed, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    } catch (EventRetryException e) {
      throw CliException.failed("eventretry demo: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
