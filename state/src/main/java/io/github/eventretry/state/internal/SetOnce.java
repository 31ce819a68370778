package io.github.eventretry.state.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * One builder setting that may be set once: a second set is an {@link IllegalStateException} naming
 * the value already set (or, for a secret, only that it was set). The one copy of this rule for every
 * builder of the state module. Not thread-safe, like the builders that hold it.
 *
 * @param <T> the setting's type
 */
public final class SetOnce<T> {
  private final String name;
  private final boolean secret;
  private T value;

  private SetOnce(String name, boolean secret) {
    this.name = name;
    this.secret = secret;
  }

  /**
   * Returns an unset setting.
   *
   * @param name the setting's name, as the builder method spells it
   * @param <T> the type
   * @return the setting
   */
  public static <T> SetOnce<T> named(String name) {
    return new SetOnce<>(name, false);
  }

  /**
   * Returns an unset setting whose value is never printed (a key).
   *
   * @param name the setting's name
   * @param <T> the type
   * @return the setting
   */
  public static <T> SetOnce<T> secret(String name) {
    return new SetOnce<>(name, true);
  }

  /**
   * Sets the value.
   *
   * @param v the value
   * @throws NullPointerException if {@code v} is null, naming the setting
   * @throws IllegalStateException if it was already set
   */
  public void set(T v) {
    Objects.requireNonNull(v, name);
    if (value != null) {
      throw new IllegalStateException(name + " was already set" + (secret ? "" : " to " + value));
    }
    value = v;
  }

  /**
   * Returns the value, if set.
   *
   * @return the value or empty
   */
  public Optional<T> get() {
    return Optional.ofNullable(value);
  }

  /**
   * Returns the value, or a default when unset. The setting itself is not changed.
   *
   * @param fallback the default
   * @return the value or the default
   */
  public T orElse(T fallback) {
    return value != null ? value : fallback;
  }

  /**
   * Returns the value of a required setting.
   *
   * @return the value
   * @throws IllegalStateException if it was not set
   */
  public T required() {
    if (value == null) {
      throw new IllegalStateException(name + " is required");
    }
    return value;
  }

  /**
   * Returns whether the value was set.
   *
   * @return true if set
   */
  public boolean isSet() {
    return value != null;
  }
}
