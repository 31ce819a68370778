package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.spi.TargetSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CombinedTarget}: one snapshot, one apply, one restore over two targets. */
class CombinedTargetTest {
  private static final RetryPolicy POLICY = PolicyJson.read(PolicyCommandsIT.SEED);

  /** Holds a text; applying writes the policy's fingerprint; refuses while {@code refusing}. */
  private static class Holder implements PolicyTarget {
    private final String name;
    String held;
    int refusing;
    int restores;

    Holder(String name, String held) {
      this.name = name;
      this.held = held;
    }

    private void maybeRefuse() {
      if (refusing > 0) {
        refusing--;
        throw new EventRetryException(name + " is down");
      }
    }

    @Override
    public TargetSnapshot read(String integrationId) {
      return TargetSnapshot.of(name, "{\"held\":\"" + held + "\"}");
    }

    @Override
    public ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split) {
      maybeRefuse();
      held = policy.fingerprint().value() + "@" + split;
      return new ApplyResult(integrationId, policy.fingerprint(), split, 7);
    }

    @Override
    public RestoreResult restore(String integrationId, TargetSnapshot snapshot) {
      assertThat(snapshot.target()).isEqualTo(name);
      maybeRefuse();
      restores++;
      held = snapshot.json().substring(9, snapshot.json().length() - 2);
      return new RestoreResult(integrationId, read(integrationId), 8);
    }
  }

  private final Holder aws = new Holder("eventbridge", "aws-before");
  private final Holder genesys = new Holder("genesys", "genesys-before");
  private final CombinedTarget both = new CombinedTarget(aws, "the EventBridge rule targets", genesys,
      "Genesys Cloud");

  @Test
  void aSnapshotHoldsBothTextsExactlyAndRestoresBoth() {
    TargetSnapshot baseline = both.read("i");
    assertThat(baseline.target()).isEqualTo(CombinedTarget.TARGET_NAME);
    assertThat(CombinedTarget.parts(baseline)).containsExactly(aws.read("i"), genesys.read("i"));

    ApplyResult applied = both.apply("i", POLICY, TrafficSplit.ofPercent(50));
    assertThat(applied.configurationVersion()).as("Genesys Cloud's").isEqualTo(7);
    assertThat(aws.held).isEqualTo(genesys.held).endsWith("@50%");

    RestoreResult restored = both.restore("i", baseline);
    assertThat(restored.restored()).isEqualTo(baseline);
    assertThat(aws.held).isEqualTo("aws-before");
    assertThat(genesys.held).isEqualTo("genesys-before");
  }

  @Test
  void whenTheSecondRefusesAnApplyTheFirstIsPutBack() {
    genesys.refusing = 1;
    assertThatThrownBy(() -> both.apply("i", POLICY, TrafficSplit.FULL))
        .isInstanceOf(EventRetryException.class)
        .hasMessage("applying the policy to Genesys Cloud failed: genesys is down; the EventBridge rule"
            + " targets were put back to what they held before");
    assertThat(aws.held).isEqualTo("aws-before");
  }

  @Test
  void whenTheSecondRefusesARestoreTheFirstIsPutBackToWhatItHeldBefore() {
    TargetSnapshot baseline = both.read("i");
    both.apply("i", POLICY, TrafficSplit.FULL);
    String applied = aws.held;
    genesys.refusing = 1;
    assertThatThrownBy(() -> both.restore("i", baseline)).isInstanceOf(EventRetryException.class)
        .hasMessageStartingWith("restoring Genesys Cloud failed: genesys is down;");
    assertThat(aws.held).as("both hold the same version").isEqualTo(applied);
  }

  @Test
  void whenPuttingTheFirstBackFailsTooTheMessageSaysSo() {
    genesys.refusing = 1;
    aws.refusing = 0;
    Holder flaky = new Holder("eventbridge", "aws-before") {
      @Override
      public RestoreResult restore(String integrationId, TargetSnapshot snapshot) {
        throw new EventRetryException("AWS is down too");
      }
    };
    CombinedTarget c = new CombinedTarget(flaky, "the EventBridge rule targets", genesys, "Genesys Cloud");
    assertThatThrownBy(() -> c.apply("i", POLICY, TrafficSplit.FULL))
        .hasMessage("applying the policy to Genesys Cloud failed: genesys is down; putting the"
            + " EventBridge rule targets back failed too (AWS is down too), so the EventBridge rule"
            + " targets may hold the new values");
  }

  @Test
  void aSnapshotOfAnotherTargetIsRefused() {
    assertThatThrownBy(() -> both.restore("i", TargetSnapshot.of("genesys", "{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the snapshot was recorded by the genesys target, not by eventbridge-and-genesys");
    assertThat(List.of(aws.restores, genesys.restores)).containsExactly(0, 0);
  }
}
