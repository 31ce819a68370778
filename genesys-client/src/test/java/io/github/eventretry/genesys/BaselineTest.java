package io.github.eventretry.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.genesys.testing.Trees;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.genesys.testing.Fixture;
import org.junit.jupiter.api.Test;

/** The baseline of a first deploy: read the {@code advanced} block verbatim, put it back exactly. */
class BaselineTest {
  @Test
  void readsTheAdvancedBlockVerbatimEvenWhenItIsNotAPolicy() {
    try (Fixture f = new Fixture()) {
      f.emulator.editConfiguration(Fixture.INTEGRATION, Trees.edit(
          c -> c.putObject("advanced").put("retry_policy", "not a policy").put("n", 1.50)));
      TargetSnapshot s = f.client.read(Fixture.INTEGRATION);
      assertThat(s.target()).isEqualTo("genesys");
      assertThat(s.json()).isEqualTo("{\"retry_policy\":\"not a policy\",\"n\":1.5}");
    }
  }

  @Test
  void restoreAfterApplyGivesBackExactlyTheBaselineAndKeepsEverythingElse() {
    try (Fixture f = new Fixture()) {
      f.emulator.editConfiguration(Fixture.INTEGRATION,
          Trees.edit(c -> c.putObject("advanced").put("owner", "team-a")));
      ObjectNode before = Trees.object(f.emulator.configuration(Fixture.INTEGRATION).json());
      TargetSnapshot baseline = f.client.read(Fixture.INTEGRATION);
      f.client.apply(Fixture.INTEGRATION, ApplyTest.SEED, TrafficSplit.ofPercent(10));
      assertThat(Trees.object(f.emulator.configuration(Fixture.INTEGRATION).json()).get("advanced"))
          .isNotEqualTo(before.get("advanced"));

      RestoreResult r = f.client.restore(Fixture.INTEGRATION, baseline);
      ObjectNode after = Trees.object(f.emulator.configuration(Fixture.INTEGRATION).json());
      before.remove("version");
      after.remove("version");
      assertThat(after).isEqualTo(before);
      assertThat(r.restored()).isEqualTo(baseline);
      assertThat(f.client.read(Fixture.INTEGRATION)).isEqualTo(baseline);

      long puts = f.emulator.requests().stream().filter(q -> q.method().equals("PUT")).count();
      f.client.restore(Fixture.INTEGRATION, baseline);
      assertThat(f.emulator.requests().stream().filter(q -> q.method().equals("PUT")).count())
          .as("restoring what is already there writes nothing").isEqualTo(puts);
    }
  }

  @Test
  void anAbsentAdvancedBlockIsRecordedAsNullAndRemovedAgain() {
    try (Fixture f = new Fixture()) {
      f.emulator.editConfiguration(Fixture.INTEGRATION, Trees.edit(c -> c.remove("advanced")));
      TargetSnapshot baseline = f.client.read(Fixture.INTEGRATION);
      assertThat(baseline.json()).isEqualTo("null");
      f.client.apply(Fixture.INTEGRATION, ApplyTest.SEED, TrafficSplit.FULL);
      f.client.restore(Fixture.INTEGRATION, baseline);
      assertThat(f.emulator.configuration(Fixture.INTEGRATION).member("advanced")).isEmpty();
    }
  }

  @Test
  void aSnapshotOfAnotherTargetIsRefused() {
    try (Fixture f = new Fixture()) {
      assertThatThrownBy(() -> f.client.restore(Fixture.INTEGRATION, TargetSnapshot.of("eventbridge", "{}")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'eventbridge'");
      assertThatThrownBy(() -> f.client.restore(Fixture.INTEGRATION, TargetSnapshot.of("genesys", "[1]")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a JSON array");
    }
  }
}
