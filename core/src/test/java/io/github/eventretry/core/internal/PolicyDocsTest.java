package io.github.eventretry.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/policy.md}'s table of fields is generated from {@link PolicyField}: this test renders the
 * table and checks that the document holds exactly that between its markers. To update the document
 * after changing the table, run the test with {@code -Deventretry.writeDocs=true}.
 */
class PolicyDocsTest {
  static final String BEGIN = "<!-- generated from PolicyField: begin -->";
  static final String END = "<!-- generated from PolicyField: end -->";

  static String table() {
    StringBuilder sb = new StringBuilder();
    sb.append("| field | type | required | allowed | default | what it is |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (PolicyField f : PolicyField.values()) {
      String name = f.parent().map(p -> p.jsonName() + ".").orElse("") + f.jsonName();
      String required = f.required() ? (f.parent().isPresent() ? "yes, in `jitter`" : "yes") : "no";
      String type = f.kind().jsonType() + (f.nullable() ? " or null" : "");
      sb.append("| `").append(name).append("` | ").append(type).append(" | ").append(required)
          .append(" | ").append(f.allowedText()).append(" | ").append(f.defaultText()).append(" | ")
          .append(f.meaning()).append(" |\n");
    }
    return sb.toString();
  }

  @Test
  void theFieldTableOfTheDocsIsTheCodesTable() throws IOException {
    Path doc = Path.of("").toAbsolutePath().getParent().resolve("docs/policy.md");
    String text = Files.readString(doc);
    int from = text.indexOf(BEGIN);
    int to = text.indexOf(END);
    String expected = BEGIN + "\n" + table() + END;
    if (Boolean.getBoolean("eventretry.writeDocs") && from >= 0 && to > from) {
      text = text.substring(0, from) + expected + text.substring(to + END.length());
      Files.writeString(doc, text);
    }
    assertThat(from).as("docs/policy.md has the markers").isNotNegative();
    assertThat(text.substring(from, text.indexOf(END) + END.length())).isEqualTo(expected);
  }
}
