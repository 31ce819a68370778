package io.github.eventretry.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.Violation;

/**
 * The {@code "$schema"} member a policy file may carry so that editors find the policy's JSON Schema.
 * It is not a field of the policy: the reader checks it and leaves it out, so the policy, its
 * fingerprint and the writer never see it. Stateless and thread-safe.
 */
public final class SchemaMember {
  /** The member's name. */
  public static final String NAME = "$schema";

  /** The member's JSON path in reports. */
  public static final String PATH = PolicyTreeReader.childPath("$", NAME);

  /**
   * The addresses eventretry's own schemas live under; one there must be {@link PolicyJson#SCHEMA_ID},
   * so that a typo or a file written for another version of the form is caught.
   */
  public static final String NAMESPACE_PATTERN = "^https?://eventretry\\.github\\.io/schema/";

  private static final java.util.regex.Pattern NAMESPACE =
      java.util.regex.Pattern.compile(NAMESPACE_PATTERN);

  private SchemaMember() {}

  /**
   * Returns the violation of a {@code "$schema"} value, or null when it is allowed: any string, except
   * an address under eventretry's schema namespace other than {@link PolicyJson#SCHEMA_ID}.
   *
   * @param value the member's value
   * @return the violation, or null
   */
  public static Violation check(JsonNode value) {
    if (!value.isTextual()) {
      return new Violation(PATH, "must be a string: the address of the policy's JSON Schema, such as \""
          + PolicyJson.SCHEMA_ID + "\"", PolicyRules.render(value));
    }
    String text = value.textValue();
    if (NAMESPACE.matcher(text).find() && !text.equals(PolicyJson.SCHEMA_ID)) {
      return new Violation(PATH, "names a schema this version of eventretry does not read; its policy"
          + " files name \"" + PolicyJson.SCHEMA_ID + "\"", PolicyRules.render(value));
    }
    return null;
  }
}
