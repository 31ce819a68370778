package io.github.eventretry.examples.cli;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.PolicyValidationException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Violation;
import io.github.eventretry.core.text.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a policy file for a command, turning every problem into a {@link CliException}. */
public final class PolicyFiles {
  private PolicyFiles() {}

  /**
   * Reads and validates a policy file. Only a regular file is opened: a folder, a FIFO or a device is
   * refused at once (reading a FIFO would wait for a writer that may never come).
   *
   * @param file the file
   * @return the policy
   * @throws CliException exit 2: one line naming the file and the problem, or, for several
   *     violations, a line naming the file and then one line per violation
   */
  public static RetryPolicy load(Path file) {
    checkReadable(file);
    try {
      return PolicyJson.read(file);
    } catch (IOException e) {
      throw CliException.usage("eventretry: cannot read " + shown(file) + ": "
          + ErrorText.describe(e));
    } catch (PolicyValidationException e) {
      List<Violation> violations = e.violations();
      String what = "eventretry: " + shown(file) + " is not a valid policy";
      if (violations.size() == 1) {
        throw CliException.usage(what + ": " + violations.get(0));
      }
      List<String> lines = new ArrayList<>(violations.size() + 1);
      lines.add(what + " (" + violations.size() + " problems):");
      violations.forEach(v -> lines.add(v.toString()));
      throw new CliException(ExitCodes.USAGE, lines);
    }
  }

  /**
   * Checks that a path names a regular file that can be read, without opening it.
   *
   * @param file the path
   * @throws CliException exit 2 naming what the path is instead
   */
  public static void checkReadable(Path file) {
    if (!Files.exists(file)) {
      throw CliException.usage("eventretry: no such file: " + shown(file));
    }
    if (Files.isDirectory(file)) {
      throw CliException.usage("eventretry: " + shown(file) + " is a folder, not a policy file");
    }
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("eventretry: " + shown(file) + " is not a regular file (a pipe, a"
          + " device or a socket); give the path of a policy file");
    }
    if (!Files.isReadable(file)) {
      throw CliException.usage("eventretry: cannot read " + shown(file) + ": permission denied");
    }
  }

  /**
   * Checks, before any work is done, that a file can be written: its folder exists and is writable, and
   * the path is not a folder or a special file.
   *
   * @param option the option that named it, for the message
   * @param file the path
   * @throws CliException exit 2 saying why it cannot be written
   */
  public static void checkWritable(String option, Path file) {
    Path abs = file.toAbsolutePath();
    Path folder = abs.getParent();
    if (Files.isDirectory(abs)) {
      throw CliException.usage(option + " " + shown(file) + " is a folder; name a file in it");
    }
    if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(abs)) {
      throw CliException.usage(option + " " + shown(file) + " is not a regular file");
    }
    if (folder == null || !Files.isDirectory(folder)) {
      throw CliException.usage(option + " " + shown(file) + ": the folder "
          + (folder == null ? "" : shown(folder) + " ") + "does not exist");
    }
    if (!Files.isWritable(folder) || (Files.exists(abs) && !Files.isWritable(abs))) {
      throw CliException.usage(option + " " + shown(file) + " cannot be written: permission denied");
    }
  }

  /**
   * Returns a path as it may be echoed: escaped and cut.
   *
   * @param p the path
   * @return the text
   */
  static String shown(Path p) {
    return SafeText.quote(p.toString());
  }
}
