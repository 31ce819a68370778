package io.github.eventretry.micrometer;

import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.state.rollout.RolloutEvent;
import io.github.eventretry.state.rollout.RolloutListener;
import io.github.eventretry.state.rollout.RolloutStep;
import io.github.eventretry.state.spi.StageCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RolloutListener} that records a {@code RolloutEngine}'s rollouts in a Micrometer
 * {@link MeterRegistry}. Every meter is tagged {@value #INTEGRATION_TAG} with the integration id:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>more tags</th><th>what it records</th></tr>
 *   <tr><td>{@value #STARTED}</td><td>counter</td><td></td><td>rollouts begun (step
 *       {@code deploy_started})</td></tr>
 *   <tr><td>{@value #ENDED}</td><td>counter</td><td>{@value #OUTCOME_TAG}: {@code completed},
 *       {@code rolled_back}, {@code aborted}, {@code interrupted}</td><td>rollouts and rollbacks ended,
 *       by how ({@link RolloutStep#outcome()}); a manual rollback ends {@code rolled_back} too, and a
 *       rollout interrupted then resumed ends twice ({@code interrupted}, then how it finished)</td></tr>
 *   <tr><td>{@value #STEPS}</td><td>counter</td><td>{@value #STEP_TAG}: the audit action, such as
 *       {@code stage_applied}, {@code apply_failed}, {@code rollback_failed}</td><td>every step
 *       recorded, one per {@link RolloutStep}</td></tr>
 *   <tr><td>{@value #TRAFFIC_SPLIT}</td><td>gauge, a fraction in [0, 1]</td><td></td><td>the traffic
 *       split of the integration's latest step that has one ({@link RolloutEvent#split()}, as
 *       {@link io.github.eventretry.core.TrafficSplit#fraction()}): during a rollout its current
 *       stage's, such as 0.1, 0.5, 1; 1 when a rollback restored an earlier version at 100 %. A failed
 *       rollback leaves it as it was. Registered at the integration's first such step.</td></tr>
 *   <tr><td>{@value #CHECKS}</td><td>counter</td><td>{@value #VERDICT_TAG}: {@code passed},
 *       {@code failed}, {@code unchecked}</td><td>stage checks, including those that read no metrics
 *       (unchecked stages; metrics that could not be read, verdict {@code failed})</td></tr>
 *   <tr><td>{@value #CHECK_SUCCESS_RATE}</td><td>gauge, a fraction in [0, 1]</td><td></td><td>the
 *       success rate the integration's latest check read ({@link DeliveryMetrics#successRate()}).
 *       Registered at the integration's first check that read metrics.</td></tr>
 *   <tr><td>{@value #CHECK_SAMPLE}</td><td>distribution summary, base unit {@code deliveries}</td>
 *       <td>{@value #VERDICT_TAG}</td><td>the sample size of each check that read metrics
 *       ({@link DeliveryMetrics#sampleSize()}): its count is the number of such checks, its total the
 *       deliveries they rested on</td></tr>
 * </table>
 *
 * <p>Names follow Micrometer's convention (dot-separated, lower case, a unit as the meter's base unit),
 * and each registry renders them in its own (Prometheus, for one, writes underscores and ends a
 * counter's name with {@code _total}). Ratios are fractions in [0, 1], as everywhere in eventretry. The
 * integration tag has one value per integration an engine rolls out to, a handful; version ids are
 * never tags, as they grow without bound.
 *
 * <p>Thread-safe: one instance may serve several engines and threads. The gauges keep the latest value
 * of each integration; a {@code RolloutEngine} runs one rollout per integration at a time, so the
 * steps of an integration arrive in order.
 *
 * <pre>{@code
 * RolloutEngine engine = RolloutEngine.builder()
 *     .target(target).metrics(metrics)
 *     .stateStore(store).auditLog(audit)
 *     .listener(RolloutMetrics.of(registry))
 *     .build();
 * }</pre>
 */
public final class RolloutMetrics implements RolloutListener {
  /** The counter of rollouts begun. */
  public static final String STARTED = "eventretry.rollout.started";
  /** The counter of rollouts and rollbacks ended, tagged by outcome. */
  public static final String ENDED = "eventretry.rollout.ended";
  /** The counter of steps, tagged by step. */
  public static final String STEPS = "eventretry.rollout.steps";
  /** The gauge of the current traffic split, a fraction. */
  public static final String TRAFFIC_SPLIT = "eventretry.rollout.traffic.split";
  /** The counter of stage checks, tagged by verdict. */
  public static final String CHECKS = "eventretry.rollout.checks";
  /** The gauge of the latest check's success rate, a fraction. */
  public static final String CHECK_SUCCESS_RATE = "eventretry.rollout.check.success.rate";
  /** The distribution summary of checks' sample sizes, tagged by verdict. */
  public static final String CHECK_SAMPLE = "eventretry.rollout.check.sample";

  /** The tag of every meter: the integration id. */
  public static final String INTEGRATION_TAG = "integration";
  /** The tag of {@value #ENDED}: how a rollout ended, lower case. */
  public static final String OUTCOME_TAG = "outcome";
  /** The tag of {@value #STEPS}: the step's audit action. */
  public static final String STEP_TAG = "step";
  /** The tag of {@value #CHECKS} and {@value #CHECK_SAMPLE}: the check's verdict, lower case. */
  public static final String VERDICT_TAG = "verdict";

  private final MeterRegistry registry;
  private final Map<String, LastValue> splits = new ConcurrentHashMap<>();
  private final Map<String, LastValue> successRates = new ConcurrentHashMap<>();

  private RolloutMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Returns a listener that records into a registry. Meters appear as rollouts happen.
   *
   * @param registry where to record, such as the application's Prometheus registry
   * @return the listener
   * @throws NullPointerException if the registry is null
   */
  public static RolloutMetrics of(MeterRegistry registry) {
    return new RolloutMetrics(Objects.requireNonNull(registry, "registry"));
  }

  /**
   * Records one step.
   *
   * @param event the step
   */
  @Override
  public void onEvent(RolloutEvent event) {
    String integration = event.integrationId();
    RolloutStep step = event.step();
    Counter.builder(STEPS).description("Rollout steps recorded, by step")
        .tag(INTEGRATION_TAG, integration).tag(STEP_TAG, step.auditAction())
        .register(registry).increment();
    if (step == RolloutStep.DEPLOY_STARTED) {
      Counter.builder(STARTED).description("Rollouts begun")
          .tag(INTEGRATION_TAG, integration).register(registry).increment();
    }
    step.outcome().ifPresent(outcome -> Counter.builder(ENDED)
        .description("Rollouts and rollbacks ended, by outcome")
        .tag(INTEGRATION_TAG, integration).tag(OUTCOME_TAG, outcome.name().toLowerCase(Locale.ROOT))
        .register(registry).increment());
    if (step != RolloutStep.ROLLBACK_FAILED) {
      // A failed rollback's split is the one it tried, not what the target holds.
      event.split().ifPresent(s -> set(splits, TRAFFIC_SPLIT, integration,
          "Traffic split of the integration's current stage, a fraction", s.fraction()));
    }
    event.check().ifPresent(c -> recordCheck(integration, c));
  }

  private void recordCheck(String integration, StageCheck check) {
    String verdict = check.verdict().name().toLowerCase(Locale.ROOT);
    Counter.builder(CHECKS).description("Stage checks, by verdict")
        .tag(INTEGRATION_TAG, integration).tag(VERDICT_TAG, verdict).register(registry).increment();
    check.metrics().ifPresent(m -> {
      DistributionSummary.builder(CHECK_SAMPLE).description("Deliveries each stage check rested on")
          .baseUnit("deliveries").tag(INTEGRATION_TAG, integration).tag(VERDICT_TAG, verdict)
          .register(registry).record(m.sampleSize());
      set(successRates, CHECK_SUCCESS_RATE, integration,
          "Success rate the integration's latest stage check read, a fraction", m.successRate());
    });
  }

  private void set(Map<String, LastValue> values, String name, String integration,
      String description, double value) {
    values.computeIfAbsent(integration, id -> {
      LastValue v = new LastValue(value);
      // The map holds the value strongly: a registry's gauge holds only a weak reference.
      Gauge.builder(name, v, LastValue::get).description(description).tag(INTEGRATION_TAG, id)
          .register(registry);
      return v;
    }).set(value);
  }

  /**
   * Returns {@code RolloutMetrics[}the registry's class{@code ]}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "RolloutMetrics[" + registry.getClass().getSimpleName() + "]";
  }

  /** The latest value of one gauge; written by rollout threads, read by the registry's. */
  private static final class LastValue {
    private volatile double value;

    LastValue(double first) {
      value = first;
    }

    void set(double v) {
      value = v;
    }

    double get() {
      return value;
    }
  }
}
