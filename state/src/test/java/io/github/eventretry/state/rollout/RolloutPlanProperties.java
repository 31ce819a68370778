package io.github.eventretry.state.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RolloutPlanProperties {

  @Property
  void linearPlansRiseStrictlyInEqualStepsToFullTraffic(@ForAll @IntRange(min = 1, max = 100) int steps) {
    List<Integer> splits = RolloutPlan.linear(steps).stages().stream().map(s -> s.split().percent()).toList();

    assertThat(splits).hasSize(steps);
    assertThat(splits.get(steps - 1)).isEqualTo(100);
    for (int i = 1; i < steps; i++) {
      assertThat(splits.get(i)).isGreaterThan(splits.get(i - 1));
      assertThat(splits.get(i) - splits.get(i - 1)).isBetween(100 / steps, 100 / steps + 1);
    }
  }
}
