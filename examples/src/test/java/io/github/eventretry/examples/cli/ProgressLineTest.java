package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line of {@code simulate}, on a manual clock. */
class ProgressLineTest {
  private final StringWriter text = new StringWriter();
  private final PrintWriter err = new PrintWriter(text);
  private final AtomicLong now = new AtomicLong(1_000_000L);
  private final AtomicBoolean stop = new AtomicBoolean();

  private ProgressLine line(ProgressLine.Mode mode) {
    return new ProgressLine(err, mode, now::get, stop::get, "closed-loop");
  }

  private void advanceMillis(long ms) {
    now.addAndGet(ms * 1_000_000L);
  }

  @Test
  void aRunShorterThanTwoSecondsPrintsNothing() {
    try (ProgressLine p = line(ProgressLine.Mode.TERMINAL)) {
      for (int i = 0; i < 19; i++) {
        assertThat(p.proceed(i / 20.0)).isTrue();
        advanceMillis(100);
      }
    }
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void onATerminalOneLineIsRedrawnInPlaceAtMostFiveTimesASecondAndErasedAtTheEnd() {
    try (ProgressLine p = line(ProgressLine.Mode.TERMINAL)) {
      advanceMillis(2_000);
      p.proceed(0.25);
      advanceMillis(50);
      p.proceed(0.26); // too soon to redraw
      advanceMillis(200);
      p.proceed(0.5);
    }
    assertThat(text.toString()).isEqualTo(
        "\r\033[Keventretry simulate: closed-loop  25.0 % after 2 s"
            + "\r\033[Keventretry simulate: closed-loop  50.0 % after 2 s"
            + "\r\033[K");
    assertThat(text.toString()).doesNotContain("\n");
  }

  @Test
  void asLinesForALogOneASecond() {
    try (ProgressLine p = line(ProgressLine.Mode.LINES)) {
      advanceMillis(2_500);
      p.proceed(0.1);
      advanceMillis(500);
      p.proceed(0.2);
      advanceMillis(600);
      p.proceed(0.3);
    }
    assertThat(text.toString().lines()).containsExactly(
        "eventretry simulate: closed-loop  10.0 % after 3 s",
        "eventretry simulate: closed-loop  30.0 % after 4 s");
  }

  @Test
  void offPrintsNothingButStillStops() {
    try (ProgressLine p = line(ProgressLine.Mode.OFF)) {
      advanceMillis(10_000);
      assertThat(p.proceed(0.5)).isTrue();
      stop.set(true);
      assertThat(p.proceed(0.6)).isFalse();
    }
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void theStopSwitchStopsTheRunOnTheNextReport() {
    ProgressLine p = line(ProgressLine.Mode.TERMINAL);
    assertThat(p.proceed(0.1)).isTrue();
    stop.set(true);
    assertThat(p.proceed(0.2)).isFalse();
  }

  @Test
  void theEnvironmentCanTurnItOffOrOnAnywhere() {
    assertThat(ProgressLine.mode(Map.of("EVENTRETRY_PROGRESS", "never"))).isEqualTo(ProgressLine.Mode.OFF);
    // The tests' standard error is a pipe or a file, never a terminal.
    assertThat(ProgressLine.mode(Map.of())).isEqualTo(ProgressLine.Mode.OFF);
    assertThat(ProgressLine.mode(Map.of("EVENTRETRY_PROGRESS", "always")))
        .isEqualTo(ProgressLine.Mode.LINES);
  }
}
