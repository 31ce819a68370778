package io.github.eventretry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.PolicyJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The schema snippet of docs/policy.md, on the class path ({@code ModulePathConsumerIT} reads the schema
 * on the module path).
 */
class PolicyExampleTest {
  @Test
  void theSchemaInCoresJarIsTheOneInTheDocs() throws Exception {
    String schema = PolicyExample.schema();
    assertThat(schema).contains("\"$id\": \"" + PolicyJson.SCHEMA_ID + "\"");
    assertThat(schema).isEqualTo(Files.readString(
        Path.of("").toAbsolutePath().getParent().resolve("docs/schema/retry-policy-v1.schema.json")));
  }
}
