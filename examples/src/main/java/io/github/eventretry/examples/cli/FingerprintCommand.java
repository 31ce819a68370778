package io.github.eventretry.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eventretry fingerprint FILE}. */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the policy's fingerprint alone.",
      "",
      "The fingerprint is sha256: and 64 hex digits of SHA-256 over the policy's RFC 8785 canonical"
          + " JSON: the same on every machine, run and field order. Exit 0, or 2 when the file is not"
          + " a valid policy."
    })
public final class FingerprintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the policy JSON file")
  Path file;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(PolicyFiles.load(file).fingerprint());
    return ExitCodes.OK;
  }
}
