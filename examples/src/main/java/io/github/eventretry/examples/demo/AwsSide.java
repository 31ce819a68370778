package io.github.eventretry.examples.demo;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.eventbridge.AwsConnection;
import io.github.eventretry.eventbridge.CloudWatchDeliveryMetrics;
import io.github.eventretry.eventbridge.EventBridgeTargets;
import io.github.eventretry.eventbridge.RuleTarget;
import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import io.github.eventretry.examples.cli.Deployments;
import io.github.eventretry.state.InMemoryStateStore;
import io.github.eventretry.state.audit.InMemoryAuditLog;
import io.github.eventretry.state.rollout.RolloutEngine;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.rollout.RolloutStage;
import io.github.eventretry.state.rollout.StopSignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo's AWS side, where retries really happen: the same two policies go to the targets of the
 * rule on the Genesys Cloud partner event bus, in an {@link AwsEmulator} started here, and CloudWatch's
 * {@code AWS/Events} metrics of that rule judge each stage. The emulator derives those metrics from
 * the simulator ({@link SimulatedDeliveries#eventBridge}) for the policy each target holds. The
 * aggressive policy goes first, so that its rollback is to the baseline: afterwards the targets are
 * compared with what they held before, member by member.
 *
 * <p>The emulator starts empty every run, so this part keeps its state and audit log in memory too,
 * on simulated time (a rule's metrics exist only for minutes the emulator's clock has reached). Not
 * thread-safe.
 */
final class AwsSide {
  /**
   * What happened.
   *
   * @param bad the aggressive policy's rollout
   * @param good the seed policy's rollout
   * @param restoredExactly whether, after the rollback, the targets held exactly the baseline
   * @param goodHeld whether, at the end, every target held what the seed policy sets
   * @param endpoint where the emulator listened
   */
  record Result(RolloutResult bad, RolloutResult good, boolean restoredExactly, boolean goodHeld,
      String endpoint) {
    boolean ok() {
      return bad.outcome() == RolloutResult.Outcome.ROLLED_BACK
          && good.outcome() == RolloutResult.Outcome.COMPLETED && restoredExactly && goodHeld;
    }
  }

  private AwsSide() {}

  /**
   * Runs it.
   *
   * @param deliveries the simulated destination
   * @param good the seed policy
   * @param bad the aggressive policy
   * @param integrationId the Genesys Cloud integration the partner bus belongs to
   * @param time the simulated time the bakes wait
   * @param start the instant simulated time starts from
   * @param progress where the rollout's steps are printed
   * @param detail where this part's own lines go
   * @return what happened
   * @throws IOException if the emulator cannot listen on a loopback port
   */
  static Result run(SimulatedDeliveries deliveries, RetryPolicy good, RetryPolicy bad,
      String integrationId, VirtualTime time, Instant start, PrintWriter progress,
      Consumer<String> detail) throws IOException {
    Clock clock = time.clock(start);
    try (AwsEmulator aws = AwsEmulator.builder().seedGenesysExample().clock(clock)
        .deliveryModel(deliveries.eventBridge(List.of(good, bad))).start()) {
      AwsConnection connection = AwsConnection.builder().endpoint(aws.endpoint()).region(aws.region())
          .credentials(AwsEmulator.DEFAULT_ACCESS_KEY_ID, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY)
          .build();
      try (EventBridgeTargets targets = EventBridgeTargets.builder().connection(connection)
              .genesysPartnerBus(AwsEmulator.GENESYS_ORG_ID, AwsEmulator.GENESYS_EVENT_SOURCE_SUFFIX)
              .rules(AwsEmulator.GENESYS_RULE)
              .build();
          CloudWatchDeliveryMetrics metrics = CloudWatchDeliveryMetrics.builder().connection(connection)
              .rulesOf(targets).build()) {
        detail.accept("AWS emulator " + aws.endpoint() + ": event bus " + targets.eventBusName());
        List<RuleTarget> before = targets.targets();
        detail.accept("rule " + AwsEmulator.GENESYS_RULE + " has " + before.size() + " targets, so a"
            + " stage is a share of them: 50% is 1 target, 100% both");
        before.forEach(t -> detail.accept("  before: " + t.id() + "  " + t.settings()));
        RolloutEngine engine = Deployments.engine(targets, metrics, new InMemoryStateStore(clock),
            new InMemoryAuditLog(clock), clock, time, progress, StopSignal.create());
        RolloutPlan plan = RolloutPlan.of(RolloutStage.of(50), RolloutStage.of(100))
            .withBakeTime(Duration.ofMinutes(5)).withSuccessThreshold(0.98).withMinimumSample(100);
        TargetSnapshot baseline = targets.read(integrationId);

        detail.accept("aggressive-policy.json first, judged by CloudWatch (AWS/Events, EventBusName +"
            + " RuleName):");
        RolloutResult first = engine.deploy(integrationId, bad, plan, "demo",
            "shorter retries on AWS, ignoring the simulator's findings");
        detail.accept(Deployments.describeOutcome(first));
        boolean restored = targets.read(integrationId).equals(baseline)
            && !targets.drift(baseline).hasDrift();
        targets.targets().forEach(t -> detail.accept("  after:  " + t.id() + "  " + t.settings()));
        detail.accept(restored ? "the targets hold exactly what they held before (the baseline v0):"
            + " RetryPolicy and DeadLetterConfig of both, absent ones included"
            : "the targets do NOT hold what they held before");

        detail.accept("then seed-policy.json:");
        RolloutResult second = engine.deploy(integrationId, good, plan, "demo", "the tutorial's policy");
        detail.accept(Deployments.describeOutcome(second));
        boolean held = !targets.drift(good).hasDrift();
        targets.targets().forEach(t -> detail.accept("  now:    " + t.id() + "  " + t.settings()));
        return new Result(first, second, restored, held, aws.endpoint().toString());
      }
    }
  }
}
