package io.github.eventretry.core.spi;

import io.github.eventretry.core.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a {@link PolicyTarget} held for one integration at one moment, recorded so that it can be put
 * back exactly with {@link PolicyTarget#restore}. The first deploy to an integration records one as its
 * baseline before anything is applied.
 *
 * <p>The content is a JSON document as text, in a shape only its target understands: for Genesys Cloud
 * the whole {@code advanced} object of the integration's {@code config/current}, verbatim (even
 * {@code {}} or a block that is not a valid policy); for EventBridge each matched target's
 * {@code RetryPolicy} and {@code DeadLetterConfig}, absent ones included. The rollout engine stores it
 * and hands it back; it never interprets it.
 *
 * <p>Immutable and thread-safe. Two snapshots are equal when their target names and JSON texts are.
 */
public final class TargetSnapshot {
  private static final int MAX_TARGET_CHARS = 64;

  private final String target;
  private final String json;
  private final String digest;

  private TargetSnapshot(String target, String json, String digest) {
    this.target = target;
    this.json = json;
    this.digest = digest;
  }

  /**
   * Returns a snapshot.
   *
   * @param target the name of the kind of target that wrote it, such as {@code genesys} or
   *     {@code eventbridge}: 1 to 64 of {@code [a-z0-9-]}
   * @param json the recorded content, one JSON value as text (kept exactly as given)
   * @return the snapshot
   * @throws NullPointerException if either is null
   * @throws IllegalArgumentException if {@code target} is not such a name or {@code json} is not one
   *     well-formed JSON value
   */
  public static TargetSnapshot of(String target, String json) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(json, "json");
    if (target.isEmpty() || target.length() > MAX_TARGET_CHARS
        || !target.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      throw new IllegalArgumentException("target must be 1 to " + MAX_TARGET_CHARS
          + " of a-z, 0-9 and '-' (rejected: " + target.length() + " characters)");
    }
    String canonical;
    try {
      canonical = CanonicalJson.canonicalize(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("json must be one well-formed JSON value (rejected: "
          + json.length() + " characters that are not)", e);
    }
    return new TargetSnapshot(target, json, "sha256:" + sha256Hex(canonical));
  }

  /**
   * Returns the name of the kind of target that wrote this snapshot.
   *
   * @return such as {@code genesys}
   */
  public String target() {
    return target;
  }

  /**
   * Returns the recorded content, exactly as the target gave it.
   *
   * @return one JSON value as text
   */
  public String json() {
    return json;
  }

  /**
   * Returns a digest that names the content independently of its formatting.
   *
   * @return {@code sha256:} and the lowercase hex SHA-256 of the content's RFC 8785 canonical form
   */
  public String digest() {
    return digest;
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetSnapshot s && s.target.equals(target) && s.json.equals(json);
  }

  @Override
  public int hashCode() {
    return 31 * target.hashCode() + json.hashCode();
  }

  /**
   * Describes the snapshot without its content.
   *
   * @return such as {@code TargetSnapshot[target=genesys, digest=sha256:…, 2 characters]}
   */
  @Override
  public String toString() {
    return "TargetSnapshot[target=" + target + ", digest=" + digest + ", " + json.length()
        + " characters]";
  }
}
