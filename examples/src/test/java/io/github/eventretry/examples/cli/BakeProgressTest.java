package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.state.rollout.RolloutEvent;
import io.github.eventretry.state.rollout.RolloutStep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a bake shows while it runs, driven tick by tick on a clock that moves when told. */
class BakeProgressTest {
  static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

  /** A clock that moves only when told to. */
  static final class Hands extends Clock {
    Instant now = T;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static RolloutEvent applied(Instant endsAt) {
    return RolloutEvent.builder(RolloutStep.STAGE_APPLIED, "i-1", T).versionId("v2").stage(0, 3)
        .split(TrafficSplit.ofPercent(10)).bakeEndsAt(endsAt).message("applied").build();
  }

  @Test
  void withoutATerminalALineSaysWhenTheBakeEndsThenEachTickPrintsTheTimeLeft() {
    StringWriter text = new StringWriter();
    Hands clock = new Hands();
    try (BakeProgress p = new BakeProgress(new PrintWriter(text), clock, false)) {
      p.onEvent(applied(T.plus(Duration.ofMinutes(2))));
      clock.now = T.plusSeconds(30);
      p.tick();
      clock.now = T.plusSeconds(119).plusMillis(500);
      p.tick();
    }
    assertThat(text.toString().lines()).containsExactly(
        "  v2 10% stage 1/3: baking until 2026-11-29T10:02:00Z (2 minutes from now)",
        "  v2 10% stage 1/3: baking, 90 s left",
        "  v2 10% stage 1/3: baking, 1 s left");
    assertThat(BakeProgress.LINE_EVERY).isLessThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void onATerminalTheCountdownIsRewrittenInPlaceAndClearedByTheNextStep() {
    StringWriter text = new StringWriter();
    Hands clock = new Hands();
    try (BakeProgress p = new BakeProgress(new PrintWriter(text), clock, true)) {
      p.onEvent(applied(T.plusSeconds(10)));
      clock.now = T.plusSeconds(1);
      p.tick();
      clock.now = T.plusSeconds(2);
      p.tick();
      p.onEvent(RolloutEvent.builder(RolloutStep.STAGE_PASSED, "i-1", T).versionId("v2").build());
      clock.now = T.plusSeconds(3);
      p.tick();
    }
    assertThat(text.toString()).isEqualTo(
        "  v2 10% stage 1/3: baking until 2026-11-29T10:00:10Z (10 s from now)" + System.lineSeparator()
            + "\r  v2 10% stage 1/3: baking, 9 s left   \r  v2 10% stage 1/3: baking, 8 s left   "
            + "\r\033[K");
  }

  @Test
  void aBakeThatAlreadyEndedShowsNothing() {
    StringWriter text = new StringWriter();
    try (BakeProgress p = new BakeProgress(new PrintWriter(text), new Hands(), false)) {
      p.onEvent(applied(T.minusSeconds(1)));
      p.tick();
    }
    assertThat(text.toString()).isEmpty();
  }
}
