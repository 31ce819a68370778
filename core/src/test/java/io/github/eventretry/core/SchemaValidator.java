package io.github.eventretry.core;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.github.eventretry.core.internal.PolicyTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The policy's JSON Schema as a third-party validator (networknt json-schema-validator) judges
 * documents with it: the schema as core's jar carries it, read once as draft 2020-12 and once as draft 7
 * (the same text with the draft-07 {@code $schema}), and each error turned into the JSON path
 * eventretry's own reports use. Thread-safe: networknt's schemas are.
 */
final class SchemaValidator {
  static final String DRAFT_7 = "http://json-schema.org/draft-07/schema#";

  /** The schema as the jar holds it. */
  static final String TEXT = resource();

  private static final Schema DRAFT_2020_12 = SchemaRegistry
      .withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(TEXT, InputFormat.JSON);
  private static final Schema AS_DRAFT_7 = SchemaRegistry
      .withDefaultDialect(SpecificationVersion.DRAFT_7)
      .getSchema(TEXT.replace(PolicySchema.DRAFT, DRAFT_7), InputFormat.JSON);

  private SchemaValidator() {}

  private static String resource() {
    try (InputStream in = PolicyJson.class.getModule().getResourceAsStream(PolicyJson.SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + PolicyJson.SCHEMA_RESOURCE + " in core's classes");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the paths the schema (read as draft 2020-12) finds fault with.
   *
   * @param json a document
   * @return paths such as {@code $.max_retries}, {@code $["$schema"]}; empty when valid
   */
  static Set<String> paths(String json) {
    return paths(DRAFT_2020_12.validate(json, InputFormat.JSON));
  }

  /**
   * Returns the paths the same schema read as draft 7 finds fault with.
   *
   * @param json a document
   * @return the paths
   */
  static Set<String> pathsAsDraft7(String json) {
    return paths(AS_DRAFT_7.validate(json, InputFormat.JSON));
  }

  /**
   * Returns the errors of the schema itself against the draft 2020-12 meta-schema (bundled with
   * networknt: no network).
   *
   * @return the errors' messages; empty when the schema is valid
   */
  static List<String> metaSchemaErrors() {
    Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(SchemaLocation.of(PolicySchema.DRAFT));
    return meta.validate(TEXT, InputFormat.JSON).stream().map(com.networknt.schema.Error::toString)
        .toList();
  }

  private static Set<String> paths(List<com.networknt.schema.Error> errors) {
    Set<String> out = new TreeSet<>();
    for (com.networknt.schema.Error e : errors) {
      String path = path(e.getInstanceLocation());
      // "required" and "additionalProperties" are errors of the object; the member is their subject.
      if (e.getProperty() != null
          && ("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword()))) {
        path = PolicyTreeReader.childPath(path, e.getProperty());
      }
      out.add(path);
    }
    return out;
  }

  private static String path(NodePath location) {
    String path = "$";
    for (int i = 0; i < location.getNameCount(); i++) {
      path = PolicyTreeReader.childPath(path, String.valueOf(location.getElement(i)));
    }
    return path;
  }
}
