package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.eventbridge.AwsConnection;
import io.github.eventretry.eventbridge.AwsException;
import io.github.eventretry.eventbridge.CloudWatchDeliveryMetrics;
import io.github.eventretry.eventbridge.EventBridgeTargets;
import io.github.eventretry.eventbridge.RuleTarget;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.TutorialMetricsSource;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.rollout.RolloutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a deployment command acts on, wired for one {@link TargetKind}: the {@link PolicyTarget}, the
 * delivery metrics that judge each stage (CloudWatch's {@code AWS/Events} whenever EventBridge is a
 * target, else the tutorial's query), and the clients behind them. Close it to release the AWS clients.
 */
final class DeploymentTargets implements AutoCloseable {
  private final TargetKind kind;
  private final PolicyTarget target;
  private final DeliveryMetricsSource metrics;
  private final Optional<HttpGenesysClient> genesys;
  private final Optional<EventBridgeTargets> eventBridge;
  private final Optional<CloudWatchDeliveryMetrics> cloudWatch;
  private final Optional<String> endpoint;
  private final AwsConnection connection;

  private DeploymentTargets(TargetKind kind, PolicyTarget target, DeliveryMetricsSource metrics,
      Optional<HttpGenesysClient> genesys, Optional<EventBridgeTargets> eventBridge,
      Optional<CloudWatchDeliveryMetrics> cloudWatch, Optional<String> endpoint,
      AwsConnection connection) {
    this.kind = kind;
    this.target = target;
    this.metrics = metrics;
    this.genesys = genesys;
    this.eventBridge = eventBridge;
    this.cloudWatch = cloudWatch;
    this.endpoint = endpoint;
    this.connection = connection;
  }

  /**
   * Wires the targets of a kind.
   *
   * @param kind where the policy goes
   * @param command the command's name, for messages
   * @param g the Genesys Cloud options (used when Genesys Cloud is a target)
   * @param aws the AWS options (used when EventBridge is a target)
   * @param env the environment
   * @param state the integration's state, if any: its baseline names the EventBridge targets to act on
   *     when the options do not
   * @throws CliException exit 2 for bad options or a missing variable
   */
  static DeploymentTargets open(TargetKind kind, String command, GenesysOptions g, AwsOptions aws,
      Map<String, String> env, Optional<DeploymentState> state) {
    Optional<HttpGenesysClient> client = kind.genesys() ? Optional.of(g.client(env)) : Optional.empty();
    if (!kind.eventBridge()) {
      return new DeploymentTargets(kind, client.get(), TutorialMetricsSource.of(client.get()), client,
          Optional.empty(), Optional.empty(), Optional.empty(), AwsConnection.defaults());
    }
    AwsConnection connection = aws.connection(command);
    EventBridgeTargets targets = aws.targets(command, connection, recordedEventBridge(state));
    CloudWatchDeliveryMetrics cw;
    try {
      cw = CloudWatchDeliveryMetrics.builder().connection(connection).rulesOf(targets).build();
    } catch (AwsException e) {
      targets.close();
      throw AwsOptions.configuration(command, e);
    }
    PolicyTarget target = kind == TargetKind.BOTH
        ? new CombinedTarget(targets, "the EventBridge rule targets", client.get(), "Genesys Cloud")
        : targets;
    return new DeploymentTargets(kind, target, cw, client, Optional.of(targets), Optional.of(cw),
        aws.shownEndpoint(), connection);
  }

  /**
   * Wires the targets an integration's state records (Genesys Cloud for a state without a baseline),
   * for the commands that continue or undo deployments: rollback, resume, drift.
   *
   * @param command the command's name, for messages
   * @param state the integration's state, if any
   * @throws CliException exit 2 for bad options or a missing variable
   */
  static DeploymentTargets ofState(String command, GenesysOptions g, AwsOptions aws,
      Map<String, String> env, Optional<DeploymentState> state) {
    TargetKind kind = state.flatMap(TargetKind::recordedIn).orElse(TargetKind.GENESYS);
    return open(kind, command, g, aws, env, state);
  }

  /** The EventBridge part of a state's baseline, if it has one. */
  static Optional<TargetSnapshot> recordedEventBridge(Optional<DeploymentState> state) {
    Optional<TargetSnapshot> baseline = state.flatMap(DeploymentState::baseline)
        .flatMap(PolicyVersion::snapshot);
    if (baseline.isEmpty()) {
      return Optional.empty();
    }
    TargetSnapshot s = baseline.get();
    if (s.target().equals(EventBridgeTargets.TARGET_NAME)) {
      return Optional.of(s);
    }
    if (s.target().equals(CombinedTarget.TARGET_NAME)) {
      return Optional.of(CombinedTarget.parts(s).get(0));
    }
    return Optional.empty();
  }

  /** The Genesys Cloud part of a state's baseline, if it has one. */
  static Optional<TargetSnapshot> recordedGenesys(Optional<DeploymentState> state) {
    Optional<TargetSnapshot> baseline = state.flatMap(DeploymentState::baseline)
        .flatMap(PolicyVersion::snapshot);
    if (baseline.isEmpty()) {
      return Optional.empty();
    }
    TargetSnapshot s = baseline.get();
    if (s.target().equals(HttpGenesysClient.SNAPSHOT_TARGET)) {
      return Optional.of(s);
    }
    if (s.target().equals(CombinedTarget.TARGET_NAME)) {
      return Optional.of(CombinedTarget.parts(s).get(1));
    }
    return Optional.empty();
  }

  /**
   * Refuses, before anything is applied, EventBridge targets other than those the state's baseline
   * recorded: a rollback to the baseline could not put the others back.
   *
   * @throws CliException exit 2 naming both sets
   */
  void checkSameTargetsAs(String command, Optional<DeploymentState> state, String folder) {
    Optional<TargetSnapshot> recorded = recordedEventBridge(state);
    if (recorded.isEmpty() || eventBridge.isEmpty()) {
      return;
    }
    String recordedBus;
    Set<String> recordedRules = new TreeSet<>();
    try (EventBridgeTargets before = EventBridgeTargets.builder().connection(connection)
        .sameTargetsAs(recorded.get()).build()) {
      recordedBus = before.eventBusName();
      before.targets().forEach(t -> recordedRules.add(t.rule()));
    } catch (EventRetryException e) {
      throw failure(command, e);
    }
    Set<String> now = new TreeSet<>();
    String bus;
    try {
      bus = eventBridge.get().eventBusName();
      for (RuleTarget t : eventBridge.get().targets()) {
        now.add(t.rule());
      }
    } catch (EventRetryException e) {
      throw failure(command, e);
    }
    if (!bus.equals(recordedBus) || !now.equals(recordedRules)) {
      throw CliException.usage("eventretry " + command + ": the state of "
          + state.get().integrationId() + " in " + folder + " is of the targets of rules "
          + String.join(", ", recordedRules) + " on event bus " + SafeText.escape(recordedBus)
          + " (its baseline v0); these options choose rules " + String.join(", ", now) + " on "
          + SafeText.escape(bus) + ". Leave out --event-bus, --rule and --rule-prefix to deploy to the"
          + " state's targets, or keep the others in another --state folder");
    }
  }

  /** The kind wired. */
  TargetKind kind() {
    return kind;
  }

  /** Where policies are applied. */
  PolicyTarget target() {
    return target;
  }

  /** What judges each stage. */
  DeliveryMetricsSource metrics() {
    return metrics;
  }

  /** The Genesys Cloud client, when Genesys Cloud is a target. */
  Optional<HttpGenesysClient> genesys() {
    return genesys;
  }

  /** The EventBridge rule targets, when EventBridge is a target. */
  Optional<EventBridgeTargets> eventBridge() {
    return eventBridge;
  }

  /**
   * Turns a failure into the command line's message: {@link Deployments#failure}, with AWS's
   * credential errors said in words and the endpoint named when it cannot be reached.
   *
   * @param command the command's name
   * @param e the failure
   * @return the exception to throw
   */
  CliException failure(String command, EventRetryException e) {
    Optional<AwsException> aws = awsCause(e);
    if (aws.isPresent() && aws.get().errorCode().filter(AwsWords::isCredentialError).isPresent()) {
      String after = e instanceof RolloutException r
          && r.reason() == RolloutException.Reason.PREFLIGHT_FAILED ? "; nothing was deployed"
          : e instanceof RolloutException r2 && r2.reason() == RolloutException.Reason.ROLLBACK_FAILED
              ? "; the rollback is recorded: once the credentials work, 'eventretry resume' retries it"
              : "";
      return CliException.failed("eventretry " + command + ": " + AwsWords.credentials(aws.get()) + after);
    }
    CliException c = Deployments.failure(command, e);
    if (endpoint.isEmpty()) {
      return c;
    }
    List<String> lines = new ArrayList<>();
    for (String line : c.lines()) {
      lines.add(line.replace("could not connect to AWS", "could not connect to the AWS endpoint "
          + endpoint.get()).replace("the connection to AWS failed", "the connection to the AWS endpoint "
          + endpoint.get() + " failed"));
    }
    return new CliException(c.exitCode(), lines);
  }

  private static Optional<AwsException> awsCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AwsException a) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    cloudWatch.ifPresent(CloudWatchDeliveryMetrics::close);
    eventBridge.ifPresent(EventBridgeTargets::close);
  }
}
