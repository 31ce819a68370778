package io.github.eventretry.genesys.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Removes secrets (the client secret, its Basic credentials, tokens, API keys) from text that came from
 * elsewhere, such as an error body that echoes a header, before it reaches an exception or a log line.
 *
 * <p>Thread-safe. Remembers at most the last few tokens.
 */
public final class Redactor {
  /** What a removed secret becomes. */
  public static final String MASK = "[redacted]";
  private static final int MAX_TOKENS = 4;

  private final List<String> fixed;
  private final CopyOnWriteArrayList<String> tokens = new CopyOnWriteArrayList<>();

  /**
   * Creates a redactor.
   *
   * @param secrets the secrets known from the start; blank ones are ignored
   */
  public Redactor(List<String> secrets) {
    this.fixed = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
  }

  /**
   * Adds a token to remove from now on.
   *
   * @param token the token
   */
  public void addToken(String token) {
    Objects.requireNonNull(token, "token");
    if (token.length() >= 4 && !tokens.contains(token)) {
      tokens.add(token);
      while (tokens.size() > MAX_TOKENS) {
        tokens.remove(0);
      }
    }
  }

  /**
   * Returns the text with every known secret replaced by {@link #MASK}.
   *
   * @param text the text, or null
   * @return the cleaned text, or null for null
   */
  public String clean(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : fixed) {
      out = out.replace(s, MASK);
    }
    for (String t : tokens) {
      out = out.replace(t, MASK);
    }
    return out;
  }
}
