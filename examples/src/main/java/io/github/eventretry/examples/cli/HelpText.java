package io.github.eventretry.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How every command's help reads: a description is paragraphs, not lines, wrapped at the terminal's
 * width (the lines of a description array are joined; a line that starts with spaces, such as a row
 * of a list, starts a new line), and the command list shows each command's first sentence, whole.
 */
final class HelpText {
  private HelpText() {}

  /**
   * Installs the renderers on a command and all its subcommands.
   *
   * @param cli the root command
   * @param width the width to wrap at, or -1 for picocli's own (the terminal's, else 80)
   */
  static void install(CommandLine cli, int width) {
    if (width > 0) {
      cli.setUsageHelpAutoWidth(false);
      cli.setUsageHelpWidth(width);
    }
    apply(cli);
  }

  private static void apply(CommandLine c) {
    c.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpText::description);
    c.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpText::commandList);
    for (CommandLine sub : c.getSubcommands().values()) {
      apply(sub);
    }
  }

  /**
   * Joins a description's lines into paragraphs: a line that starts with whitespace, or follows an
   * empty line, starts a new one.
   *
   * @param lines the description as declared
   * @return the paragraphs
   */
  static List<String> paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    StringBuilder current = null;
    for (String line : lines) {
      if (line.isBlank()) {
        if (current != null) {
          out.add(current.toString());
        }
        out.add("");
        current = null;
      } else if (current == null || Character.isWhitespace(line.charAt(0))) {
        if (current != null) {
          out.add(current.toString());
        }
        current = new StringBuilder(line.stripTrailing());
      } else {
        current.append(' ').append(line.strip());
      }
    }
    if (current != null) {
      out.add(current.toString());
    }
    return out;
  }

  /**
   * Returns the first sentence of a description: up to the first full stop that ends a sentence.
   *
   * @param lines the description as declared
   * @return the sentence, whole
   */
  static String summary(String[] lines) {
    String text = paragraphs(lines).stream().filter(p -> !p.isBlank()).findFirst().orElse("").strip();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length()
          || (text.charAt(i + 1) == ' ' && i + 2 < text.length()
              && Character.isUpperCase(text.charAt(i + 2))))) {
        return text.substring(0, i + 1);
      }
    }
    return text;
  }

  private static String description(Help help) {
    String[] lines = help.commandSpec().usageMessage().description();
    if (lines.length == 0) {
      return "";
    }
    int width = help.commandSpec().usageMessage().width();
    StringBuilder out = new StringBuilder();
    for (String p : paragraphs(formatted(lines))) {
      if (p.isEmpty()) {
        out.append(System.lineSeparator());
        continue;
      }
      int indent = p.length() - p.stripLeading().length();
      out.append(wrap(p.stripLeading(), width, indent, indent == 0 ? 0 : indent + 2));
    }
    return out.toString();
  }

  private static String commandList(Help help) {
    Map<String, Help> subs = help.subcommands();
    if (subs.isEmpty()) {
      return "";
    }
    int longest = 0;
    for (String name : subs.keySet()) {
      longest = Math.max(longest, name.length());
    }
    int width = help.commandSpec().usageMessage().width();
    int column = longest + 4;
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Help> e : subs.entrySet()) {
      UsageMessageSpec u = e.getValue().commandSpec().usageMessage();
      if (u.hidden()) {
        continue;
      }
      String name = "  " + e.getKey();
      String text = wrap(summary(formatted(u.description())), width, column, column + 2);
      out.append(name).append(text.substring(name.length()));
    }
    return out.toString();
  }

  /** Applies picocli's {@code %n} and {@code %%} the way its own description section does. */
  private static String[] formatted(String[] lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String f;
      try {
        f = String.format(java.util.Locale.ROOT, line);
      } catch (java.util.IllegalFormatException e) {
        f = line;
      }
      out.addAll(List.of(f.split("\\R", -1)));
    }
    return out.toArray(new String[0]);
  }

  /**
   * Wraps text at word boundaries.
   *
   * @param text the text, without leading spaces
   * @param width the line width
   * @param first the indent of the first line
   * @param rest the indent of the other lines
   * @return the lines, each ending with a line separator
   */
  static String wrap(String text, int width, int first, int rest) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(" ".repeat(first));
    boolean empty = true;
    for (String word : text.split(" +")) {
      if (!empty && line.length() + 1 + word.length() > width) {
        out.append(line).append(System.lineSeparator());
        line = new StringBuilder(" ".repeat(rest));
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    return out.append(line).append(System.lineSeparator()).toString();
  }
}
