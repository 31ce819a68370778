package io.github.eventretry.examples.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations commands take: a whole number with one of the units {@code ms}, {@code s},
 * {@code m}, {@code h}, {@code d} ({@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}), or
 * ISO-8601 such as {@code PT10M} or {@code P1DT2H}.
 */
public final class Durations {
  /** Every accepted form, for option descriptions and messages. */
  public static final String FORMS = "a whole number with a unit, ms, s, m, h or d (500ms, 90s, 10m,"
      + " 2h, 1d), or ISO-8601 such as PT10M";

  private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses a duration and checks it against a largest value.
   *
   * @param option the option name, for the message
   * @param text the text
   * @param max the largest value accepted
   * @return the duration, zero to {@code max}
   * @throws CliException exit 2 if the text is not a duration, is negative, or is above {@code max}
   */
  public static Duration parse(String option, String text, Duration max) {
    Duration d = parse(option, text);
    if (d.compareTo(max) > 0) {
      throw CliException.usage(option + " must be at most " + describe(max) + " (rejected: "
          + io.github.eventretry.core.text.SafeText.quote(text) + ")");
    }
    return d;
  }

  /**
   * Says a duration the way a person writes it.
   *
   * @param d the duration
   * @return such as {@code 30 days}, {@code 10 minutes} or {@code 1.5 s}
   */
  public static String describe(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() % 1000 != 0 || s == 0) {
      return d.toMillis() + " ms";
    }
    if (s % 86_400 == 0) {
      return s / 86_400 + (s == 86_400 ? " day" : " days");
    }
    if (s % 3600 == 0) {
      return s / 3600 + (s == 3600 ? " hour" : " hours");
    }
    if (s % 60 == 0) {
      return s / 60 + (s == 60 ? " minute" : " minutes");
    }
    return s + " s";
  }

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
      try {
        d = unit(n, m.group(2));
      } catch (ArithmeticException e) {
        d = null; // beyond any duration: refused below as not a duration
      }
    } else if (t.startsWith("p")) {
      try {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException | ArithmeticException e) {
        d = null;
      }
    }
    if (d == null || d.isNegative()) {
      throw CliException.usage(option + " must be a duration: " + FORMS
          + " (rejected: " + io.github.eventretry.core.text.SafeText.quote(text) + ")");
    }
    return d;
  }

  private static Duration unit(long n, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
