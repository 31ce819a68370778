package io.github.eventretry.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void plainTextIsKept() {
    String s = "deploy by alice: ok ✓ 😀";
    assertThat(SafeText.escape(s)).isSameAs(s);
  }

  @Test
  void controlCharactersBecomeVisible() {
    assertThat(SafeText.escape("a\nb\rc\td\\e")).isEqualTo("a\\nb\\rc\\td\\\\e");
    assertThat(SafeText.escape("x\u001b[31my")).isEqualTo("x\\u001b[31my");
    assertThat(SafeText.escape("\u0000\u007f\u0085\u2028\u202e")).isEqualTo(
        "\\u0000\\u007f\\u0085\\u2028\\u202e");
  }

  @Test
  void loneSurrogatesAreEscapedAndPairsKept() {
    assertThat(SafeText.escape("a\ud83d")).isEqualTo("a\\ud83d");
    assertThat(SafeText.escape("\ude00b")).isEqualTo("\\ude00b");
    assertThat(SafeText.escape("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
  }

  @Test
  void quoteCutsAtTheLimitWithoutSplittingAnEscapeOrAPair() {
    assertThat(SafeText.quote("x".repeat(80))).hasSize(80).doesNotContain("…");
    assertThat(SafeText.quote("x".repeat(81))).isEqualTo("x".repeat(79) + "…");
    assertThat(SafeText.quote("abc\ndef", 6)).isEqualTo("abc\\n…");
    assertThat(SafeText.quote("abcd\u001bz", 8)).isEqualTo("abcd…");
    assertThat(SafeText.quote("ab\ud83d\ude00cd", 4)).isEqualTo("ab…");
    assertThat(SafeText.quote("ab\ud83d\ude00", 4)).isEqualTo("ab\ud83d\ude00");
  }

  @Test
  void tooSmallALimitIsRefused() {
    assertThatThrownBy(() -> SafeText.quote("x", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejected: 1");
  }
}
