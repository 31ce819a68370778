package io.github.eventretry.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
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
    List<String> p = paragraphs(lines);
    String text = p.isEmpty() ? "" : p.get(0);
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
    for (String p : paragraphs(lines)) {
      if (p.isEmpty()) {
        out.append(System.lineSeparator());
        continue;
      }
      int indent = p.length() - p.stripLeading().length();
      TextTable t = indent == 0
          ? TextTable.forColumns(help.colorScheme(), new Column(width, 0, Column.Overflow.WRAP))
          : TextTable.forColumns(help.colorScheme(),
              new Column(indent, 0, Column.Overflow.SPAN),
              new Column(width - indent, 0, Column.Overflow.WRAP));
      t.setAdjustLineBreaksForWideCJKCharacters(false);
      if (indent == 0) {
        t.addRowValues(p);
      } else {
        t.addRowValues("", p.stripLeading());
      }
      out.append(t);
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
    int first = longest + 4;
    TextTable t = TextTable.forColumns(help.colorScheme(),
        new Column(first, 2, Column.Overflow.SPAN),
        new Column(Math.max(20, width - first), 1, Column.Overflow.WRAP));
    t.setAdjustLineBreaksForWideCJKCharacters(false);
    for (Map.Entry<String, Help> e : subs.entrySet()) {
      UsageMessageSpec u = e.getValue().commandSpec().usageMessage();
      if (u.hidden()) {
        continue;
      }
      t.addRowValues(e.getKey(), summary(u.description()));
    }
    return t.toString();
  }
}
