package io.github.eventretry.examples.release;

import static io.github.eventretry.examples.release.Poms.child;
import static io.github.eventretry.examples.release.Poms.children;
import static io.github.eventretry.examples.release.Poms.path;
import static io.github.eventretry.examples.release.Poms.pom;
import static io.github.eventretry.examples.release.Poms.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What goes to Maven Central: the BOM lists exactly the published library artifacts, and, having no
 * parent, repeats the parent's metadata and release plugins without drifting from them.
 */
class ReleasePomsTest {
  private static final String GROUP = "io.github.eventretry";

  /** A module of the root pom's reactor. */
  private record Module(String folder, String artifactId, String packaging, boolean published) {}

  private static List<Module> modules() throws IOException {
    List<Module> out = new ArrayList<>();
    for (Element m : children(path(pom("pom.xml"), "modules").orElseThrow(), "module")) {
      String folder = m.getTextContent().strip();
      Element pom = pom(folder + "/pom.xml");
      String packaging = text(pom, "packaging");
      boolean skip = path(pom, "properties", "maven.deploy.skip")
          .map(e -> e.getTextContent().strip().equals("true")).orElse(false);
      out.add(new Module(folder, text(pom, "artifactId"), packaging.isEmpty() ? "jar" : packaging, !skip));
    }
    return out;
  }

  private static List<Element> bomEntries() throws IOException {
    return children(path(pom("bom/pom.xml"), "dependencyManagement", "dependencies").orElseThrow(),
        "dependency");
  }

  @Test
  void theBomManagesEveryPublishedLibraryAndNothingElse() throws IOException {
    Set<String> managed = new LinkedHashSet<>();
    for (Element d : bomEntries()) {
      assertThat(text(d, "groupId")).as("groupId of a BOM entry").isEqualTo(GROUP);
      assertThat(text(d, "version")).as("version of %s", text(d, "artifactId"))
          .isEqualTo("${project.version}");
      assertThat(child(d, "scope")).as("scope of %s", text(d, "artifactId")).isEmpty();
      assertThat(child(d, "type")).as("type of %s", text(d, "artifactId")).isEmpty();
      managed.add(text(d, "artifactId"));
    }
    List<Module> modules = modules();
    Set<String> published = new LinkedHashSet<>();
    for (Module m : modules) {
      if (m.published() && m.packaging().equals("jar")) {
        published.add(m.artifactId());
      }
    }
    assertThat(published).as("published jar modules")
        .contains("eventretry-core", "eventretry-simulator", "eventretry-genesys-client",
            "eventretry-state", "eventretry-eventbridge");
    assertThat(managed).as("the BOM's artifacts").containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void examplesIsBuiltButNotPublished() throws IOException {
    Module examples = modules().stream().filter(m -> m.folder().equals("examples")).findFirst()
        .orElseThrow();
    assertThat(examples.published()).isFalse();
    assertThat(bomEntries()).extracting(d -> text(d, "artifactId"))
        .doesNotContain(examples.artifactId());
  }

  @Test
  void theBomHasNoParentAndTheReactorsCoordinates() throws IOException {
    Element parent = pom("pom.xml");
    Element bom = pom("bom/pom.xml");
    // A parent's dependencyManagement would be imported with the BOM, pinning the user's Jackson, JUnit...
    assertThat(child(bom, "parent")).isEmpty();
    assertThat(text(bom, "groupId")).isEqualTo(text(parent, "groupId"));
    assertThat(text(bom, "version")).isEqualTo(text(parent, "version"));
    assertThat(text(bom, "artifactId")).isEqualTo("eventretry-bom");
    assertThat(text(bom, "packaging")).isEqualTo("pom");
    assertThat(modules()).extracting(Module::folder).contains("bom");
  }

  @Test
  void theBomRepeatsTheParentsMetadataExactly() throws IOException {
    Element parent = pom("pom.xml");
    Element bom = pom("bom/pom.xml");
    for (String name : List.of("url", "licenses", "developers", "scm", "issueManagement")) {
      Element p = child(parent, name).orElseThrow(() -> new AssertionError("parent has no " + name));
      Element b = child(bom, name).orElseThrow(() -> new AssertionError("bom has no " + name));
      assertThat(Poms.canonical(b)).as("bom's <%s>", name).isEqualTo(Poms.canonical(p));
    }
  }

  @Test
  void theBomSignsAndStagesWithTheParentsPluginVersions() throws IOException {
    Element parent = pom("pom.xml");
    Element bom = pom("bom/pom.xml");
    for (String property : List.of("gpg-plugin.version", "central-publishing-plugin.version")) {
      String p = path(parent, "properties", property).orElseThrow().getTextContent().strip();
      String b = path(bom, "properties", property).orElseThrow().getTextContent().strip();
      assertThat(b).as("bom's %s", property).isEqualTo(p);
    }
    assertThat(releasePlugins(bom))
        .contains("maven-gpg-plugin", "central-publishing-maven-plugin");
    assertThat(releasePlugins(parent))
        .contains("maven-gpg-plugin", "central-publishing-maven-plugin");
  }

  private static List<String> releasePlugins(Element pom) {
    Element release = children(path(pom, "profiles").orElseThrow(), "profile").stream()
        .filter(p -> text(p, "id").equals("release")).findFirst().orElseThrow();
    return children(path(release, "build", "plugins").orElseThrow(), "plugin").stream()
        .map(p -> text(p, "artifactId")).toList();
  }

  @Test
  void everyPublishedModuleNamesAndDescribesItself() throws IOException {
    // Central requires name, description, url, licenses, developers and scm in every pom; the last
    // four come from the parent, the first two each module says for itself.
    for (Module m : modules()) {
      if (m.published()) {
        Element pom = pom(m.folder() + "/pom.xml");
        assertThat(text(pom, "name")).as("name in %s/pom.xml", m.folder()).isNotEmpty();
        assertThat(text(pom, "description")).as("description in %s/pom.xml", m.folder()).isNotEmpty();
      }
    }
  }
}
