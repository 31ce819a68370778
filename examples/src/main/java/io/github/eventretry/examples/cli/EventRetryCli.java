package io.github.eventretry.examples.cli;

import io.github.eventretry.core.text.SafeText;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code eventretry} command line: {@code java -jar examples/target/eventretry.jar <command>}.
 *
 * <p>Every command prints results on standard output and errors on standard error, one line each, and
 * exits 0 (success), 1 (the operation ran and failed) or 2 (bad input or usage); see {@link ExitCodes}.
 * Help text is written as paragraphs and wrapped at the terminal's width; the command list shows the
 * first sentence of each command's description.
 */
@Command(
    name = "eventretry",
    mixinStandardHelpOptions = true,
    version = "eventretry 0.1.0-SNAPSHOT",
    description = "Retry policies for Genesys Cloud's Amazon EventBridge integration: validate,"
        + " simulate, deploy, roll back and audit. Exit codes: 0 success, 1 the command ran and"
        + " failed, 2 bad input or usage, 130 or 143 stopped by Ctrl-C or a termination signal.",
    subcommands = {
      ValidateCommand.class,
      FingerprintCommand.class,
      PayloadCommand.class,
      ScheduleCommand.class,
      SimulateCommand.class,
      EmulatorCommand.class,
      AwsEmulatorCommand.class,
      DeployCommand.class,
      RollbackCommand.class,
      ResumeCommand.class,
      UnlockCommand.class,
      HistoryCommand.class,
      DiffCommand.class,
      DriftCommand.class,
      AuditCommand.class,
      StateCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EventRetryCli implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;

  private EventRetryCli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * Returns the environment the commands read ({@code GENESYS_*}, {@code DASHBOARD_*}, {@code USER}).
   *
   * @return an immutable map
   */
  Map<String, String> env() {
    return env;
  }

  /**
   * Returns who acts: the option's value, else {@code $USER}, else {@code eventretry-cli}.
   *
   * @param option the {@code --actor} value, or null
   * @return a non-blank name
   */
  String actor(String option) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String user = env.get("USER");
    return user == null || user.isBlank() ? "eventretry-cli" : user;
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line without exiting, for tests and embedding.
   *
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  /**
   * Runs the command line with a given environment, for tests and embedding.
   *
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @param env the environment variables the commands read
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    quietLibraryLogging();
    PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    CommandLine cli = new CommandLine(new EventRetryCli(env))
        .setOut(o)
        .setErr(e)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpAutoWidth(true)
        .setParameterExceptionHandler(usageErrors())
        .setExecutionExceptionHandler(failures());
    HelpText.install(cli, width(env));
    int code = cli.execute(args);
    o.flush();
    e.flush();
    return code;
  }

  /** The terminal width to wrap help at: {@code $COLUMNS} when set, else picocli's guess (80). */
  private static int width(Map<String, String> env) {
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
      return Math.max(40, Math.min(columns, 200));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  private static void quietLibraryLogging() {
    // Hibernate Validator announces its version at INFO; a command line prints only what it means.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    // A warning reads as the command's own words: no thread, no logger (a Java class name) before it.
    defaultProperty("org.slf4j.simpleLogger.showThreadName", "false");
    defaultProperty("org.slf4j.simpleLogger.showLogName", "false");
    defaultProperty("org.slf4j.simpleLogger.showShortLogName", "false");
    defaultProperty("org.slf4j.simpleLogger.warnLevelString", "eventretry: warning:");
    defaultProperty("org.slf4j.simpleLogger.errorLevelString", "eventretry: error:");
    System.setProperty("org.jboss.logging.provider", "slf4j");
  }

  private static void defaultProperty(String name, String value) {
    System.setProperty(name, System.getProperty(name, value));
  }

  private static IParameterExceptionHandler usageErrors() {
    return (ParameterException ex, String[] args) -> {
      CommandLine cmd = ex.getCommandLine();
      String name = cmd.getCommandSpec().qualifiedName(" ");
      String unknown = unknownCommand(ex, cmd);
      if (unknown != null) {
        cmd.getErr().println(name + ": unknown command '" + SafeText.quote(unknown) + "'");
        cmd.getErr().println("commands: " + String.join(", ", commands(cmd)) + " (see '" + name
            + " --help')");
        return ExitCodes.USAGE;
      }
      String first = ex.getMessage() == null ? "" : ex.getMessage().lines().findFirst().orElse("");
      String said = ErrorText.words(first);
      cmd.getErr().println(name + ": " + (said.isBlank() ? "bad usage" : said)
          + " (see '" + name + " --help')");
      return ExitCodes.USAGE;
    };
  }

  /** The word a user typed as a command that is none, or null. */
  private static String unknownCommand(ParameterException ex, CommandLine cmd) {
    if (cmd.getSubcommands().isEmpty()) {
      return null;
    }
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      return u.getUnmatched().get(0);
    }
    String m = ex.getMessage() == null ? "" : ex.getMessage();
    if (m.startsWith("Unknown subcommand '") && m.indexOf('\'', 20) > 0) {
      return m.substring(20, m.lastIndexOf('\''));
    }
    return null;
  }

  private static List<String> commands(CommandLine cmd) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, CommandLine> c : cmd.getSubcommands().entrySet()) {
      if (!c.getValue().getCommandSpec().usageMessage().hidden()) {
        names.add(c.getKey());
      }
    }
    return names;
  }

  private static IExecutionExceptionHandler failures() {
    return (Exception ex, CommandLine cmd, ParseResult parsed) -> {
      if (ex instanceof CliException c) {
        // The one guard for every command: an echoed value can never drive the terminal.
        c.lines().forEach(line -> cmd.getErr().println(ErrorText.escapeOnce(line)));
        return c.exitCode();
      }
      if (ex instanceof ParameterException p) {
        return usageErrors().handleParseException(p, new String[0]);
      }
      String name = cmd.getCommandSpec().qualifiedName(" ");
      cmd.getErr().println(name + ": " + ErrorText.describe(ex));
      if (((EventRetryCli) cmd.getCommandSpec().root().userObject()).env.containsKey("EVENTRETRY_DEBUG")) {
        ex.printStackTrace(cmd.getErr());
      }
      return ExitCodes.FAILED;
    };
  }

}
