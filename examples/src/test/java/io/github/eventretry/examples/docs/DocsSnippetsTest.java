package io.github.eventretry.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in README.md and docs/*.md must appear, line for line, in a source file the build
 * compiles, so the docs cannot show code that no longer compiles.
 */
class DocsSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static String normalize(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }

  @Test
  void everyJavaSnippetIsCompiledCode() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
    }
    StringBuilder sources = new StringBuilder();
    try (Stream<Path> s = Files.walk(ROOT)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/"))
          .filter(p -> !p.toString().contains("/target/"))
          .toList()) {
        sources.append(normalize(Files.readString(p))).append("\n\n");
      }
    }
    String compiled = sources.toString();
    int checked = 0;
    for (Path doc : docs) {
      Matcher m = JAVA_BLOCK.matcher(Files.readString(doc));
      while (m.find()) {
        String snippet = normalize(m.group(1));
        assertThat(compiled).as("snippet in %s:%n%s", ROOT.relativize(doc), snippet).contains(snippet);
        checked++;
      }
    }
    assertThat(checked).as("Java snippets found in the docs").isGreaterThanOrEqualTo(3);
  }
}
