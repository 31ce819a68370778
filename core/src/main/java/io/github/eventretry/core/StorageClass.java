package io.github.eventretry.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * The storage availability class of the destination, carried from the tutorial's
 * {@code storage_availability_class}. eventretry passes it through to the Genesys payload; it does not
 * change delivery behaviour. Immutable and thread-safe.
 */
public enum StorageClass {
  /** {@code standard}. */
  STANDARD("standard"),
  /** {@code infrequent}. */
  INFREQUENT("infrequent"),
  /** {@code glacier}. */
  GLACIER("glacier");

  private final String jsonName;

  StorageClass(String jsonName) {
    this.jsonName = jsonName;
  }

  /**
   * Returns the name used in the JSON form.
   *
   * @return {@code standard}, {@code infrequent} or {@code glacier}
   */
  public String jsonName() {
    return jsonName;
  }

  /**
   * Finds the storage class with a JSON name.
   *
   * @param jsonName a name such as {@code standard}
   * @return the class, or empty when the name is not one of them (names are case-sensitive)
   */
  public static Optional<StorageClass> fromJsonName(String jsonName) {
    return Arrays.stream(values()).filter(s -> s.jsonName.equals(jsonName)).findFirst();
  }
}
