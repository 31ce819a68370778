package io.github.eventretry.examples.cli;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.PolicyValidationException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Violation;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Loads a policy file for a command, turning every problem into a {@link CliException}. */
public final class PolicyFiles {
  private PolicyFiles() {}

  /**
   * Reads and validates a policy file.
   *
   * @param file the file
   * @return the policy
   * @throws CliException exit 2, with one line per violation or one line naming the I/O problem
   */
  public static RetryPolicy load(Path file) {
    if (Files.isDirectory(file)) {
      throw CliException.usage("eventretry: " + file + " is a folder, not a policy file");
    }
    try {
      return PolicyJson.read(file);
    } catch (NoSuchFileException e) {
      throw CliException.usage("eventretry: no such file: " + file);
    } catch (AccessDeniedException e) {
      throw CliException.usage("eventretry: cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw CliException.usage("eventretry: cannot read " + file + ": " + e.getMessage());
    } catch (PolicyValidationException e) {
      List<String> lines = e.violations().stream().map(Violation::toString).toList();
      throw new CliException(ExitCodes.USAGE, lines);
    }
  }
}
