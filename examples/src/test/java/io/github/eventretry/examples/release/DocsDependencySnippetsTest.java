package io.github.eventretry.examples.release;

import static io.github.eventretry.examples.release.Poms.child;
import static io.github.eventretry.examples.release.Poms.children;
import static io.github.eventretry.examples.release.Poms.descendants;
import static io.github.eventretry.examples.release.Poms.path;
import static io.github.eventretry.examples.release.Poms.pom;
import static io.github.eventretry.examples.release.Poms.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Every Maven snippet in README.md and docs/*.md that adds an eventretry artifact imports the BOM at
 * the build's version and gives the artifacts themselves no version, so a user who copies two
 * snippets cannot end up with two versions.
 */
class DocsDependencySnippetsTest {
  private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);
  private static final String GROUP = "io.github.eventretry";

  @Test
  void everyDependencySnippetImportsTheBomAndLeavesVersionsToIt() throws IOException {
    String version = text(pom("pom.xml"), "version");
    Set<String> managed = children(
        path(pom("bom/pom.xml"), "dependencyManagement", "dependencies").orElseThrow(), "dependency")
        .stream().map(d -> text(d, "artifactId")).collect(Collectors.toSet());

    List<Path> docs = new ArrayList<>();
    docs.add(Poms.ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(Poms.ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    int snippets = 0;
    for (Path doc : docs) {
      Matcher m = XML_BLOCK.matcher(Files.readString(doc));
      while (m.find()) {
        if (!m.group(1).contains(GROUP)) {
          continue;
        }
        String where = Poms.ROOT.relativize(doc) + ", snippet at offset " + m.start();
        Element snippet = Poms.parse("<snippet>" + m.group(1) + "</snippet>", where);
        int imports = 0;
        for (Element d : descendants(snippet, "dependency")) {
          if (!text(d, "groupId").equals(GROUP)) {
            continue;
          }
          String artifact = text(d, "artifactId");
          if (artifact.equals("eventretry-bom")) {
            Element dependencies = (Element) d.getParentNode();
            assertThat(((Element) dependencies.getParentNode()).getTagName())
                .as("%s: the BOM is imported in <dependencyManagement>", where)
                .isEqualTo("dependencyManagement");
            assertThat(text(d, "version")).as("%s: the BOM's version", where).isEqualTo(version);
            assertThat(text(d, "type")).as("%s: the BOM's type", where).isEqualTo("pom");
            assertThat(text(d, "scope")).as("%s: the BOM's scope", where).isEqualTo("import");
            imports++;
          } else {
            assertThat(managed).as("%s: %s is managed by the BOM", where, artifact).contains(artifact);
            assertThat(child(d, "version")).as("%s: %s leaves its version to the BOM", where, artifact)
                .isEmpty();
          }
        }
        assertThat(imports).as("%s: BOM imports", where).isEqualTo(1);
        snippets++;
      }
    }
    assertThat(snippets).as("Maven snippets with eventretry artifacts").isGreaterThanOrEqualTo(5);
  }
}
