package io.github.eventretry.examples.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations commands take: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, or ISO-8601 {@code PT10M}. */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @param option the option name, for the message
   * @param text the text
   * @return the duration, zero or more
   * @throws CliException exit 2 if the text is not a duration or is negative
   */
  public static Duration parse(String option, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    Duration d = null;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          d = Duration.ofMillis(n);
          break;
        case "s":
          d = Duration.ofSeconds(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        default:
          d = Duration.ofDays(n);
          break;
      }
    } else if (t.startsWith("pt") || t.startsWith("p")) {
      try {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        d = null;
      }
    }
    if (d == null || d.isNegative()) {
      throw CliException.usage(option + " must be a duration such as 90s, 10m, 2h, 500ms or PT10M"
          + " (rejected: " + text + ")");
    }
    return d;
  }
}
