package io.github.eventretry.genesys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.genesys.testing.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RequestLimiterTest {
  @Test
  void threeHundredAndFirstRequestWaitsForTheFirstToLeaveTheWindow() throws Exception {
    ManualTime time = new ManualTime();
    RequestLimiter l = new RequestLimiter(300, time, time);
    for (int i = 0; i < 300; i++) {
      l.acquire();
      time.advance(Duration.ofMillis(10));
    }
    assertThat(time.sleeps()).isEmpty();
    l.acquire();
    // The first started at t=0, it is now t=3 s: wait 57 s.
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(57));
  }

  @Property
  void neverMoreThanTheLimitInAnySixtySeconds(
      @ForAll @IntRange(min = 1, max = 20) int limit,
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 5_000) Integer> gapsMs)
      throws Exception {
    ManualTime time = new ManualTime();
    RequestLimiter l = new RequestLimiter(limit, time, time);
    List<Long> starts = new ArrayList<>();
    for (int gap : gapsMs) {
      time.advance(Duration.ofMillis(gap));
      l.acquire();
      starts.add(time.millis());
    }
    for (int i = limit; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - limit)).isGreaterThanOrEqualTo(60_000);
    }
  }
}
