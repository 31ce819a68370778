package io.github.eventretry.examples.cli;

import io.github.eventretry.core.RetryPolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code eventretry validate FILE}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a retry-policy file against every rule.",
      "",
      "A valid file prints 'valid <fingerprint>' on standard output and exits 0. An invalid one prints"
          + " every violation at once on standard error, one line each, and exits 2:",
      "  <json path>: <message> (rejected: <value>)"
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the policy JSON file")
  Path file;

  @Override
  public Integer call() {
    RetryPolicy policy = PolicyFiles.load(file);
    spec.commandLine().getOut().println("valid " + policy.fingerprint());
    return ExitCodes.OK;
  }
}
