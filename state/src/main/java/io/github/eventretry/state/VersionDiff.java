package io.github.eventretry.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventretry.core.json.PolicyTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The field-by-field differences between two versions: the policy's fields by their JSON path (such as
 * {@code policy.jitter.factor}), then {@code fingerprint}, {@code traffic_split}, {@code status},
 * {@code actor}, {@code configuration_version}, {@code reason} and {@code created_at}. Immutable and
 * thread-safe.
 *
 * @param fromId the first version
 * @param toId the second version
 * @param changes the fields that differ, policy fields first (sorted by path), copied
 */
public record VersionDiff(String fromId, String toId, List<FieldChange> changes) {

  /**
   * One field that differs. Immutable and thread-safe.
   *
   * @param field the field, such as {@code policy.max_retries}
   * @param from its value in the first version, or empty if absent there
   * @param to its value in the second version, or empty if absent there
   */
  public record FieldChange(String field, Optional<String> from, Optional<String> to) {
    /**
     * Checks the values.
     *
     * @throws NullPointerException if any reference is null
     */
    public FieldChange {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if any reference is null
   */
  public VersionDiff {
    Objects.requireNonNull(fromId, "fromId");
    Objects.requireNonNull(toId, "toId");
    changes = List.copyOf(changes);
  }

  /**
   * Compares two versions.
   *
   * @param a the first
   * @param b the second
   * @return the differences
   */
  public static VersionDiff of(PolicyVersion a, PolicyVersion b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Map<String, String> fa = new TreeMap<>();
    Map<String, String> fb = new TreeMap<>();
    flatten("policy", PolicyTrees.toJsonNode(a.policy()), fa);
    flatten("policy", PolicyTrees.toJsonNode(b.policy()), fb);
    List<FieldChange> out = new ArrayList<>();
    java.util.Set<String> keys = new java.util.TreeSet<>(fa.keySet());
    keys.addAll(fb.keySet());
    for (String k : keys) {
      add(out, k, Optional.ofNullable(fa.get(k)), Optional.ofNullable(fb.get(k)));
    }
    add(out, "fingerprint", Optional.of(a.fingerprint().value()), Optional.of(b.fingerprint().value()));
    add(out, "traffic_split", Optional.of(a.split().toString()), Optional.of(b.split().toString()));
    add(out, "status", Optional.of(a.status().jsonName()), Optional.of(b.status().jsonName()));
    add(out, "actor", Optional.of(a.actor()), Optional.of(b.actor()));
    add(out, "configuration_version", text(a), text(b));
    add(out, "reason", Optional.of(a.reason()), Optional.of(b.reason()));
    add(out, "created_at", Optional.of(a.createdAt().toString()), Optional.of(b.createdAt().toString()));
    return new VersionDiff(a.id(), b.id(), out);
  }

  private static Optional<String> text(PolicyVersion v) {
    return v.configurationVersion().isPresent()
        ? Optional.of(Long.toString(v.configurationVersion().getAsLong()))
        : Optional.empty();
  }

  private static void add(List<FieldChange> out, String field, Optional<String> x, Optional<String> y) {
    if (!x.equals(y)) {
      out.add(new FieldChange(field, x, y));
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        flatten(prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else {
      out.put(prefix, node.isTextual() ? node.textValue() : node.toString());
    }
  }

  /**
   * Returns whether the two versions differ in no field.
   *
   * @return true if there are no changes
   */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * Returns only the changes of policy fields.
   *
   * @return the changes whose field starts with {@code policy.}
   */
  public List<FieldChange> policyChanges() {
    return changes.stream().filter(c -> c.field().startsWith("policy.")).toList();
  }
}
