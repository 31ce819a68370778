package io.github.eventretry.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetSnapshotTest {
  @Test
  void keepsTheTextAsGivenAndDigestsItsCanonicalForm() {
    TargetSnapshot a = TargetSnapshot.of("genesys", "{ \"b\": 1, \"a\": [true] }");
    TargetSnapshot b = TargetSnapshot.of("genesys", "{\"a\":[true],\"b\":1.0}");
    assertThat(a.json()).isEqualTo("{ \"b\": 1, \"a\": [true] }");
    assertThat(a.digest()).startsWith("sha256:").hasSize(71).isEqualTo(b.digest());
    assertThat(a).isNotEqualTo(b);
    assertThat(a).isEqualTo(TargetSnapshot.of("genesys", "{ \"b\": 1, \"a\": [true] }"));
    assertThat(a.toString()).doesNotContain("\"a\"");
  }

  @Test
  void refusesABadTargetNameOrText() {
    assertThatThrownBy(() -> TargetSnapshot.of("Gen esys", "{}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target must be");
    assertThatThrownBy(() -> TargetSnapshot.of("genesys", "{\"a\":"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("well-formed JSON");
    assertThatThrownBy(() -> TargetSnapshot.of("genesys", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
