package io.github.eventretry.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import io.github.eventretry.eventbridge.emulator.AwsFault;
import io.github.eventretry.eventbridge.testing.Aws;
import io.github.eventretry.eventbridge.testing.Policies;
import io.github.eventretry.eventbridge.testing.RecordingSleeper;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** {@link EventBridgeTargets} against the emulator, through the real AWS SDK. */
class EventBridgeTargetsTest {
  private static final String BUS = Aws.genesysBus();
  private static final String RULE = AwsEmulator.GENESYS_RULE;
  private static final String INTEGRATION = "integration-1";

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private AwsEmulator emulator;
  private EventBridgeClient eb;
  private EventBridgeTargets targets;

  private EventBridgeTargets start(AwsEmulator.Builder e, EventBridgeTargets.Builder t) throws Exception {
    emulator = e.start();
    eb = Aws.eventBridge(emulator);
    targets = t.connection(Aws.connection(emulator)).sleeper(sleeper).random(new SplittableRandom(7)).build();
    return targets;
  }

  private EventBridgeTargets seeded() throws Exception {
    return start(AwsEmulator.builder().seedGenesysExample(),
        EventBridgeTargets.builder().eventBus(BUS).rules(RULE));
  }

  @AfterEach
  void stop() {
    if (targets != null) {
      targets.close();
    }
    if (eb != null) {
      eb.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private List<Target> live(String rule) {
    return eb.listTargetsByRule(b -> b.rule(rule).eventBusName(BUS)).targets();
  }

  private Target live(String rule, String id) {
    return live(rule).stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  private void addRule(String rule, String... ids) {
    eb.putRule(b -> b.name(rule).eventBusName(BUS).eventPattern("{\"source\":[{\"prefix\":\"aws.partner\"}]}"));
    eb.putTargets(b -> b.rule(rule).eventBusName(BUS).targets(java.util.Arrays.stream(ids)
        .map(id -> Target.builder().id(id).arn("arn:aws:sqs:us-east-1:123456789012:" + id).build()).toList()));
  }

  @Test
  void readRecordsEachTargetsRetryPolicyAndDeadLetterConfigAbsentIncluded() throws Exception {
    TargetSnapshot s = seeded().read(INTEGRATION);
    assertThat(s.target()).isEqualTo("eventbridge");
    String apiArn = live(RULE, "api-destination").arn();
    assertThat(s.json()).isEqualTo("{\"eventBus\":\"" + BUS + "\",\"targets\":["
        + "{\"rule\":\"genesys-events\",\"id\":\"api-destination\",\"arn\":\"" + apiArn + "\","
        + "\"RetryPolicy\":null,\"DeadLetterConfig\":null},"
        + "{\"rule\":\"genesys-events\",\"id\":\"sqs-queue\",\"arn\":\"arn:aws:sqs:us-east-1:123456789012:"
        + "genesys-events\",\"RetryPolicy\":{\"MaximumRetryAttempts\":185,\"MaximumEventAgeInSeconds\":86400},"
        + "\"DeadLetterConfig\":null}]}");
    assertThat(seeded2Read()).isEqualTo(s);
  }

  private TargetSnapshot seeded2Read() {
    return targets.read(INTEGRATION);
  }

  @Test
  void applyChangesOnlyRetryPolicyAndDeadLetterConfigAndKeepsEveryOtherField() throws Exception {
    Target before = seeded().read(INTEGRATION) != null ? live(RULE, "api-destination") : null;
    ApplyResult r = targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    assertThat(r.fingerprint()).isEqualTo(Policies.seed().fingerprint());
    assertThat(r.split()).isEqualTo(TrafficSplit.FULL);
    Target after = live(RULE, "api-destination");
    assertThat(after.retryPolicy().maximumRetryAttempts()).isEqualTo(5);
    assertThat(after.retryPolicy().maximumEventAgeInSeconds()).isEqualTo(60);
    assertThat(after.deadLetterConfig().arn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq");
    assertThat(after.toBuilder().retryPolicy((software.amazon.awssdk.services.eventbridge.model.RetryPolicy) null)
        .deadLetterConfig((software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig) null).build())
        .as("RoleArn, HttpParameters and the rest are written back as read").isEqualTo(before);
    assertThat(emulator.requests("PutTargets")).hasSize(1);
    assertThat(emulator.requests("PutTargets").get(0).bodyText()).contains("\"RoleArn\"")
        .contains("\"X-Source\":\"genesys\"");
  }

  @Test
  void restorePutsBackExactlyWhatWasRead() throws Exception {
    TargetSnapshot baseline = seeded().read(INTEGRATION);
    targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    assertThat(targets.read(INTEGRATION)).isNotEqualTo(baseline);
    RestoreResult r = targets.restore(INTEGRATION, baseline);
    assertThat(r.restored()).isEqualTo(baseline);
    assertThat(targets.read(INTEGRATION).digest()).isEqualTo(baseline.digest());
    assertThat(live(RULE, "api-destination").retryPolicy()).as("absent again, not AWS's default values")
        .isNull();
    int puts = emulator.requests("PutTargets").size();
    targets.restore(INTEGRATION, baseline);
    assertThat(emulator.requests("PutTargets")).as("restoring twice writes nothing the second time")
        .hasSize(puts);
  }

  @Test
  void applyingTheSamePolicyTwiceWritesNothingTheSecondTime() throws Exception {
    seeded().apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    TargetSnapshot once = targets.read(INTEGRATION);
    targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    assertThat(emulator.requests("PutTargets")).hasSize(1);
    assertThat(targets.read(INTEGRATION)).isEqualTo(once);
  }

  @Test
  void concurrentModificationEntriesAreReadAgainAndRetriedWithBackOff() throws Exception {
    seeded();
    emulator.enqueue(AwsFault.concurrentModification("sqs-queue"));
    emulator.enqueue(AwsFault.concurrentModification("sqs-queue"));
    targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    assertThat(live(RULE, "sqs-queue").retryPolicy().maximumRetryAttempts()).isEqualTo(5);
    assertThat(live(RULE, "api-destination").retryPolicy().maximumRetryAttempts()).isEqualTo(5);
    assertThat(emulator.requests("PutTargets")).hasSize(3);
    assertThat(emulator.requests("PutTargets").get(1).bodyText()).as("only the refused entry again")
        .contains("sqs-queue").doesNotContain("api-destination");
    assertThat(sleeper.sleeps()).hasSize(2);
    assertThat(sleeper.sleeps().get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(sleeper.sleeps().get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
  }

  @Test
  void aWholeCallConcurrentModificationIsRetriedToo() throws Exception {
    seeded();
    emulator.enqueue("PutTargets", AwsFault.error(400, "ConcurrentModificationException", "busy"));
    targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    assertThat(emulator.requests("PutTargets")).hasSize(2);
    assertThat(sleeper.sleeps()).hasSize(1);
  }

  @Test
  void conflictsThatDoNotStopFailNamingRuleTargetAndCode() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample(),
        EventBridgeTargets.builder().eventBus(BUS).rules(RULE).maxConflictRetries(2));
    TargetSnapshot baseline = targets.read(INTEGRATION);
    IntStream.range(0, 3).forEach(i -> emulator.enqueue(AwsFault.concurrentModification("sqs-queue")));
    assertThatThrownBy(() -> targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("EventBridge kept answering ConcurrentModificationException for target"
            + " sqs-queue of rule genesys-events after 3 attempts")
        .hasMessageContaining("put back")
        .satisfies(e -> {
          AwsException a = (AwsException) e;
          assertThat(a.errorCode()).hasValue("ConcurrentModificationException");
          assertThat(a.rule()).hasValue(RULE);
          assertThat(a.targetId()).hasValue("sqs-queue");
        });
    assertThat(targets.read(INTEGRATION)).as("api-destination was changed, then put back").isEqualTo(baseline);
  }

  @Test
  void anyOtherFailurePutsBackTheTargetsAlreadyChanged() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample(),
        EventBridgeTargets.builder().eventBus(BUS).rulePrefix("genesys-"));
    addRule("genesys-tail", "tail-queue");
    TargetSnapshot baseline = targets.read(INTEGRATION);
    emulator.enqueue(AwsFault.failEntry("tail-queue", "InternalException", "Internal failure."));
    assertThatThrownBy(() -> targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL))
        .isInstanceOf(AwsException.class)
        .hasMessage("EventBridge refused target tail-queue of rule genesys-tail: InternalException:"
            + " Internal failure.; the 2 changes made before it were put back")
        .satisfies(e -> {
          AwsException a = (AwsException) e;
          assertThat(a.errorCode()).hasValue("InternalException");
          assertThat(a.rule()).hasValue("genesys-tail");
          assertThat(a.targetId()).hasValue("tail-queue");
          assertThat(a.operation()).isEqualTo("PutTargets");
        });
    assertThat(targets.read(INTEGRATION)).isEqualTo(baseline);
    assertThat(targets.appliedRules()).isEmpty();
  }

  @Test
  void throttlingAfterTheSdksRetriesFailsWithAwsCodeAndNothingChanged() throws Exception {
    TargetSnapshot baseline = seeded().read(INTEGRATION);
    emulator.enqueue("PutTargets", AwsFault.throttle());
    assertThatThrownBy(() -> targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL))
        .isInstanceOf(AwsException.class)
        .hasMessage("writing targets sqs-queue, api-destination of rule genesys-events: AWS answered"
            + " ThrottlingException (HTTP 400): Rate exceeded; nothing had been changed")
        .satisfies(e -> assertThat(((AwsException) e).statusCode()).hasValue(400));
    assertThat(targets.read(INTEGRATION)).isEqualTo(baseline);
  }

  @Test
  void aWrongSecretFailsWithAwsSignatureErrorAndNeverShowsTheSecret() throws Exception {
    emulator = AwsEmulator.builder().seedGenesysExample().start();
    try (EventBridgeTargets wrong = EventBridgeTargets.builder().eventBus(BUS)
        .connection(AwsConnection.builder().endpoint(emulator.endpoint()).region("us-east-1")
            .credentials(AwsEmulator.DEFAULT_ACCESS_KEY_ID, "s3cr3t-value").maxAttempts(1).build())
        .build()) {
      assertThatThrownBy(() -> wrong.read(INTEGRATION))
          .isInstanceOf(AwsException.class)
          .hasMessageStartingWith("listing the rules of event bus " + BUS + ": AWS answered"
              + " InvalidSignatureException (HTTP 400): The request signature we calculated")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
    }
  }

  @Test
  void aMissingRuleIsNamed() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample(), EventBridgeTargets.builder().eventBus(BUS).rules("absent"));
    assertThatThrownBy(() -> targets.read(INTEGRATION))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("reading the targets of rule absent on event bus " + BUS)
        .hasMessageContaining("ResourceNotFoundException")
        .satisfies(e -> assertThat(((AwsException) e).rule()).hasValue("absent"));
  }

  @Test
  void checkSplitsRefusesStagesThatSelectNothingOrNothingNew() throws Exception {
    seeded();
    assertThatThrownBy(() -> targets.checkSplits(INTEGRATION, splits(10, 50, 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stage 1 (10%) selects no target: there are 2 targets: a stage selects 1 target from"
            + " 50% and 2 targets at 100%");
    assertThatThrownBy(() -> targets.checkSplits(INTEGRATION, splits(50, 75)))
        .hasMessage("stage 2 (75%) selects the same 1 target as stage 1 (50%): there are 2 targets: a"
            + " stage selects 1 target from 50% and 2 targets at 100%");
    targets.checkSplits(INTEGRATION, splits(50, 100));
    eb.removeTargets(b -> b.rule(RULE).eventBusName(BUS).ids("sqs-queue"));
    assertThatThrownBy(() -> targets.checkSplits(INTEGRATION, splits(50, 100)))
        .hasMessage("stage 1 (50%) selects no target: there is 1 target, so a policy can only go to it all at"
            + " once (100%)");
    targets.checkSplits(INTEGRATION, splits(100));
    assertThat(emulator.requests("PutTargets")).isEmpty();
  }

  private static List<TrafficSplit> splits(int... percents) {
    return java.util.Arrays.stream(percents).mapToObj(TrafficSplit::ofPercent).toList();
  }

  @Test
  void eachStagesTargetsContainThePreviousStagesAndOnlyThoseGetThePolicy() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample(),
        EventBridgeTargets.builder().eventBus(BUS).rulePrefix("genesys-"));
    addRule("genesys-more", "q1", "q2", "q3");
    List<RuleTarget> all = targets.targets();
    assertThat(all).hasSize(5);
    List<RuleTarget> previous = List.of();
    for (int p : new int[] {20, 40, 60, 80, 100}) {
      List<RuleTarget> now = targets.selected(TrafficSplit.ofPercent(p));
      assertThat(now).hasSize(p / 20);
      assertThat(now.subList(0, previous.size())).isEqualTo(previous);
      previous = now;
    }
    targets.checkSplits(INTEGRATION, splits(20, 40, 60, 80, 100));
    targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.ofPercent(40));
    List<RuleTarget> after = targets.targets();
    long withPolicy = after.stream().filter(t -> t.settings().maximumRetryAttempts().orElse(-1) == 5).count();
    assertThat(withPolicy).isEqualTo(2);
    assertThat(after.subList(0, 2)).allMatch(t -> t.settings().maximumRetryAttempts().orElse(-1) == 5);
    java.util.Set<String> expectedRules = new java.util.TreeSet<>();
    all.subList(0, 2).forEach(t -> expectedRules.add(t.rule()));
    assertThat(targets.appliedRules()).isEqualTo(expectedRules);
  }

  @Test
  void driftNamesEachSettingThatDiffersFromThePolicy() throws Exception {
    seeded().apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    assertThat(targets.drift(Policies.seed()).hasDrift()).isFalse();
    assertThat(targets.drift(Policies.seed()).describe()).isEqualTo("no drift: 2 targets hold the policy");
    Target t = live(RULE, "sqs-queue");
    eb.putTargets(b -> b.rule(RULE).eventBusName(BUS).targets(t.toBuilder()
        .retryPolicy(r -> r.maximumRetryAttempts(185).maximumEventAgeInSeconds(60))
        .deadLetterConfig((software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig) null).build()));
    Drift d = targets.drift(Policies.seed());
    assertThat(d.hasDrift()).isTrue();
    assertThat(d.drifted()).singleElement().satisfies(x -> assertThat(x.target().id()).isEqualTo("sqs-queue"));
    assertThat(d.describe()).isEqualTo("rule genesys-events, target sqs-queue: RetryPolicy.MaximumRetryAttempts:"
        + " expected 5, found 185\nrule genesys-events, target sqs-queue: DeadLetterConfig.Arn: expected"
        + " arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq, found (not set)");
  }

  @Test
  void driftFromASnapshotNamesWhatNoLongerMatchesTheBaseline() throws Exception {
    TargetSnapshot baseline = seeded().read(INTEGRATION);
    assertThat(targets.drift(baseline).hasDrift()).isFalse();
    assertThat(targets.drift(baseline).describe()).isEqualTo("no drift: 2 targets hold the policy");
    targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.ofPercent(50));
    Drift d = targets.drift(baseline);
    assertThat(d.drifted()).hasSize(1);
    assertThat(d.describe()).contains(": RetryPolicy.MaximumRetryAttempts: expected ")
        .contains("DeadLetterConfig.Arn: expected (not set), found arn:aws:sqs:us-east-1:123456789012:"
            + "eventbridge-dlq");
    targets.restore(INTEGRATION, baseline);
    assertThat(targets.drift(baseline).hasDrift()).isFalse();
    eb.removeTargets(b -> b.rule(RULE).eventBusName(BUS).ids("sqs-queue"));
    assertThat(targets.drift(baseline).describe())
        .isEqualTo("rule genesys-events, target sqs-queue: target: expected present, found (removed)");
  }

  @Test
  void sameTargetsAsActsOnTheBusAndRulesASnapshotRecorded() throws Exception {
    TargetSnapshot baseline = start(AwsEmulator.builder().seedGenesysExample(),
        EventBridgeTargets.builder()).read(INTEGRATION);
    addRule("later-rule", "later-queue");
    try (EventBridgeTargets again = EventBridgeTargets.builder().connection(Aws.connection(emulator))
        .sameTargetsAs(baseline).build()) {
      assertThat(again.targets()).extracting(RuleTarget::rule).containsOnly(RULE);
      assertThat(again.eventBusName()).isEqualTo(BUS);
    }
    assertThatThrownBy(() -> EventBridgeTargets.builder().rules("x").sameTargetsAs(baseline))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> EventBridgeTargets.builder().sameTargetsAs(TargetSnapshot.of("genesys", "{}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("genesys target");
  }

  @Test
  void apiDestinationRateLimitsAreSetRecordedAndRestoredWhenAskedFor() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample(),
        EventBridgeTargets.builder().eventBus(BUS).rules(RULE).manageApiDestinationRateLimits());
    TargetSnapshot baseline = targets.read(INTEGRATION);
    assertThat(baseline.json()).endsWith(",\"apiDestinations\":[{\"name\":\"genesys-webhook\","
        + "\"InvocationRateLimitPerSecond\":300}]}");
    targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    assertThat(eb.describeApiDestination(b -> b.name("genesys-webhook")).invocationRateLimitPerSecond())
        .isEqualTo(150);
    assertThat(targets.drift(Policies.seed()).hasDrift()).isFalse();
    targets.restore(INTEGRATION, baseline);
    assertThat(eb.describeApiDestination(b -> b.name("genesys-webhook")).invocationRateLimitPerSecond())
        .isEqualTo(300);
    assertThat(targets.read(INTEGRATION)).isEqualTo(baseline);
  }

  @Test
  void rateLimitsAreLeftAloneByDefault() throws Exception {
    seeded().apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    assertThat(eb.describeApiDestination(b -> b.name("genesys-webhook")).invocationRateLimitPerSecond())
        .isEqualTo(300);
    assertThat(emulator.requests("UpdateApiDestination")).isEmpty();
  }

  @Test
  void readsEveryPageOfBusesRulesAndTargets() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample().pageSize(1), EventBridgeTargets.builder());
    addRule("genesys-more", "q1");
    eb.createEventBus(b -> b.name("aaa-other"));
    TargetSnapshot s = targets.read(INTEGRATION);
    assertThat(s.json()).contains("\"id\":\"q1\"").contains("\"id\":\"sqs-queue\"")
        .contains("\"id\":\"api-destination\"");
    assertThat(emulator.requests("ListTargetsByRule")).as("2 pages of genesys-events, 1 of genesys-more")
        .hasSize(3);
    assertThat(emulator.requests("ListRules")).hasSize(2);
    assertThat(targets.eventBusName()).isEqualTo(BUS);
  }

  @Test
  void findsTheGenesysPartnerBusOnlyWhenThereIsExactlyOne() throws Exception {
    start(AwsEmulator.builder(), EventBridgeTargets.builder());
    assertThatThrownBy(() -> targets.read(INTEGRATION))
        .isInstanceOf(AwsException.class)
        .hasMessage("there is no Genesys Cloud partner event bus (aws.partner/genesys.com/cloud/<org>/<suffix>)"
            + " in this account and region: name the event bus");
  }

  @Test
  void restoreRefusesAnotherTargetsSnapshotAnotherBusAndARemovedTarget() throws Exception {
    TargetSnapshot baseline = seeded().read(INTEGRATION);
    assertThatThrownBy(() -> targets.restore(INTEGRATION, TargetSnapshot.of("genesys", "{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recorded by the genesys target");
    assertThatThrownBy(() -> targets.restore(INTEGRATION, TargetSnapshot.of("eventbridge", "[1]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the snapshot is not in EventBridge's shape: it has no eventBus and targets");
    assertThatThrownBy(() -> targets.restore(INTEGRATION,
        TargetSnapshot.of("eventbridge", "{\"eventBus\":\"other\",\"targets\":[]}")))
        .hasMessage("the snapshot is of event bus other, but this target manages " + BUS);
    targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    eb.removeTargets(b -> b.rule(RULE).eventBusName(BUS).ids("sqs-queue"));
    int puts = emulator.requests("PutTargets").size();
    assertThatThrownBy(() -> targets.restore(INTEGRATION, baseline))
        .isInstanceOf(AwsException.class)
        .hasMessage("cannot restore: target sqs-queue of rule genesys-events was removed since the snapshot"
            + " was taken; nothing was changed");
    assertThat(emulator.requests("PutTargets")).hasSize(puts);
  }

  @Test
  void applyWithNoTargetsSaysSo() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample(), EventBridgeTargets.builder().eventBus(BUS).rulePrefix("zz"));
    assertThatThrownBy(() -> targets.apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL))
        .isInstanceOf(AwsException.class)
        .hasMessage("there is nothing to apply the policy to: the rules named zz… of event bus " + BUS
            + " have no targets");
  }

  @Test
  void aPolicyWithoutQueueRemovesTheDeadLetterConfig() throws Exception {
    seeded().apply(INTEGRATION, Policies.seed(), TrafficSplit.FULL);
    RetryPolicy noQueue = Policies.aggressive();
    targets.apply(INTEGRATION, noQueue, TrafficSplit.FULL);
    assertThat(live(RULE, "sqs-queue").deadLetterConfig()).isNull();
    assertThat(live(RULE, "sqs-queue").retryPolicy().maximumRetryAttempts()).isEqualTo(2);
  }
}
