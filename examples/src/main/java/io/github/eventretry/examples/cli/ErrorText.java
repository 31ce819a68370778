package io.github.eventretry.examples.cli;

import io.github.eventretry.core.text.SafeText;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;

/**
 * Says what went wrong in a person's words: never a Java class, exception or method name, never a
 * library's advice, never a raw control character. Stateless.
 */
public final class ErrorText {
  /** A qualified Java name, or a simple one that ends the way exceptions and errors do. */
  private static final Pattern JAVA_NAME = Pattern.compile(
      "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*\\b|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b");
  /** Library advice, such as Jackson's "(enable `JsonReadFeature...` to allow)". */
  private static final Pattern ADVICE = Pattern.compile(
      "\\s*[(;]?\\s*(?:enable|disable|set|see)\\s+`[^`]*`[^)]*\\)?|`[^`]*`", Pattern.CASE_INSENSITIVE);

  private ErrorText() {}

  /**
   * Describes a failure in one line.
   *
   * @param e the failure
   * @return what went wrong, such as {@code no such file: policy.json} or {@code cannot connect}
   */
  public static String describe(Throwable e) {
    Throwable t = e;
    while ((t instanceof UncheckedIOException || t.getClass() == RuntimeException.class)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof NoSuchFileException f) {
      return "no such file: " + SafeText.quote(String.valueOf(f.getFile()));
    }
    if (t instanceof AccessDeniedException f) {
      return "permission denied: " + SafeText.quote(String.valueOf(f.getFile()));
    }
    if (t instanceof FileAlreadyExistsException f) {
      return "already exists: " + SafeText.quote(String.valueOf(f.getFile()));
    }
    if (t instanceof NotDirectoryException f) {
      return "not a folder: " + SafeText.quote(String.valueOf(f.getFile()));
    }
    if (t instanceof FileSystemException f) {
      String reason = f.getReason() == null ? "cannot be used" : words(f.getReason());
      return SafeText.quote(String.valueOf(f.getFile())) + ": " + reason;
    }
    if (t instanceof ConnectException) {
      return "cannot connect (nothing answers at that address, or the connection was refused)";
    }
    if (t instanceof HttpTimeoutException) {
      return "timed out waiting for an answer";
    }
    if (t instanceof UnknownHostException) {
      return "unknown host " + SafeText.quote(String.valueOf(t.getMessage()));
    }
    if (t instanceof InterruptedException) {
      return "interrupted";
    }
    if (t instanceof OutOfMemoryError) {
      return "ran out of memory; give Java more (java -Xmx4g -jar ...) or simulate fewer events";
    }
    if (t instanceof StackOverflowError) {
      return "the input is nested too deeply";
    }
    String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
    String said = words(message);
    return said.isBlank() ? "failed unexpectedly (set EVENTRETRY_DEBUG=1 to see where)" : said;
  }

  /**
   * Removes Java names and library advice from a message and escapes what is left.
   *
   * @param message a message
   * @return the message in words, escaped and at most 300 characters
   */
  public static String words(String message) {
    String s = ADVICE.matcher(message).replaceAll("")
        .replaceAll("is not an? (?:long|int|short|byte|Long|Integer)\\b", "is not a whole number")
        .replaceAll("is not an? (?:double|float|Double|Float)\\b", "is not a number");
    s = JAVA_NAME.matcher(s).replaceAll("").replaceAll("^[\\s:;,.]+", "").replaceAll("\\s{2,}", " ");
    return SafeText.quote(s.trim(), 300);
  }
}
