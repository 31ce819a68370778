package io.github.eventretry.core.text;

import java.util.Objects;

/**
 * Makes a value safe to echo to a terminal or a log line: control characters become visible escapes,
 * so a value with a newline or an ESC in it can neither forge a line of output nor drive the terminal.
 *
 * <p>For eventretry's own modules (exported to them only). Thread-safe: stateless.
 */
public final class SafeText {
  /** The longest value {@link #quote(CharSequence)} echoes before cutting it. */
  public static final int DEFAULT_MAX_CHARS = 80;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private SafeText() {}

  /**
   * Escapes every control character: {@code \n}, {@code \r}, {@code \t} and backslash as themselves,
   * every other C0, DEL, C1 and Unicode line or paragraph separator, bidi control and lone surrogate as
   * {@code \}{@code uXXXX}. Everything else is kept.
   *
   * @param value the value
   * @return the escaped text; {@code value} itself when nothing needed escaping
   * @throws NullPointerException if {@code value} is null
   */
  public static String escape(CharSequence value) {
    Objects.requireNonNull(value, "value");
    int n = value.length();
    int i = 0;
    while (i < n && !needsEscape(value, i)) {
      i++;
    }
    if (i == n) {
      return value.toString();
    }
    StringBuilder b = new StringBuilder(n + 16).append(value, 0, i);
    for (; i < n; i++) {
      char c = value.charAt(i);
      if (!needsEscape(value, i)) {
        b.append(c);
        continue;
      }
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\\' -> b.append("\\\\");
        default -> b.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
            .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
      }
    }
    return b.toString();
  }

  /**
   * Escapes a value as {@link #escape} does and cuts it to at most {@value #DEFAULT_MAX_CHARS}
   * characters of output, ending a cut value with {@code …}.
   *
   * @param value the value
   * @return the escaped, possibly cut text
   * @throws NullPointerException if {@code value} is null
   */
  public static String quote(CharSequence value) {
    return quote(value, DEFAULT_MAX_CHARS);
  }

  /**
   * Escapes a value as {@link #escape} does and cuts it to at most {@code maxChars} characters of
   * output, the last of them {@code …} when it was cut. An escape sequence is never cut in two.
   *
   * @param value the value
   * @param maxChars the most characters to return, 2 or more
   * @return the escaped, possibly cut text
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code maxChars} is below 2
   */
  public static String quote(CharSequence value, int maxChars) {
    Objects.requireNonNull(value, "value");
    if (maxChars < 2) {
      throw new IllegalArgumentException("maxChars must be 2 or more (rejected: " + maxChars + ")");
    }
    StringBuilder b = new StringBuilder(Math.min(value.length(), maxChars) + 8);
    int n = value.length();
    for (int i = 0; i < n; i++) {
      String piece;
      if (needsEscape(value, i)) {
        piece = escape(String.valueOf(value.charAt(i)));
      } else if (Character.isHighSurrogate(value.charAt(i))) {
        piece = value.subSequence(i, i + 2).toString(); // a whole pair: never cut in two
        i++;
      } else {
        piece = String.valueOf(value.charAt(i));
      }
      boolean last = i == n - 1;
      if (b.length() + piece.length() > (last ? maxChars : maxChars - 1)) {
        return b.append('…').toString();
      }
      b.append(piece);
    }
    return b.toString();
  }

  private static boolean needsEscape(CharSequence s, int i) {
    char c = s.charAt(i);
    if (c < 0x20 || c == 0x7f || c == '\\' || (c >= 0x80 && c <= 0x9f)) {
      return true;
    }
    if (c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f' || c == '\u061c') {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
