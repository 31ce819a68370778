package io.github.eventretry.examples.cli;

import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.state.RolloutEngine;
import io.github.eventretry.state.RolloutEvent;
import io.github.eventretry.state.RolloutPlan;
import io.github.eventretry.state.RolloutResult;
import io.github.eventretry.state.RolloutStage;
import io.github.eventretry.state.spi.AuditLog;
import io.github.eventretry.state.spi.StateStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Wires a rollout engine the way a host application would, with progress lines for a person. */
public final class Deployments {
  private Deployments() {}

  /**
   * Builds an engine.
   *
   * @param target where policies are applied
   * @param metrics where delivery metrics come from
   * @param store the state store
   * @param audit the audit log
   * @param clock the clock
   * @param sleeper the sleeper
   * @param progress where each rollout event is printed, one line each
   * @return the engine
   */
  public static RolloutEngine engine(PolicyTarget target, DeliveryMetricsSource metrics,
      StateStore store, AuditLog audit, Clock clock, Sleeper sleeper, PrintWriter progress) {
    return RolloutEngine.builder()
        .target(target)
        .metrics(metrics)
        .stateStore(store)
        .auditLog(audit)
        .clock(clock)
        .sleeper(sleeper)
        .owner("eventretry-cli")
        .listener(event -> {
          progress.println("  " + describe(event));
          progress.flush();
        })
        .build();
  }

  /**
   * Returns one line for a rollout event.
   *
   * @param e the event
   * @return such as {@code v3 10%: passed (success 0.998 over 600 deliveries)}
   */
  public static String describe(RolloutEvent e) {
    String split = e.split().map(s -> " " + s).orElse("");
    return e.versionId() + split + ": " + e.message();
  }

  /**
   * Parses a plan option: {@code all-at-once}, {@code canary}, {@code linear} or percents such as
   * {@code 10,50,100}, with a bake time, threshold and minimum sample for every stage.
   *
   * @param text the option
   * @param bake the bake time of every stage
   * @param threshold the success-rate threshold, 0..1
   * @param minimumSample the fewest deliveries a check accepts
   * @return the plan
   * @throws CliException exit 2 when the option is malformed
   */
  public static RolloutPlan plan(String text, Duration bake, double threshold, long minimumSample) {
    RolloutPlan plan;
    switch (text) {
      case "all-at-once":
        plan = RolloutPlan.allAtOnce();
        break;
      case "canary":
        plan = RolloutPlan.canary();
        break;
      case "linear":
        plan = RolloutPlan.linear(4);
        break;
      default:
        if (!text.matches("\\d{1,3}(,\\d{1,3})*")) {
          throw CliException.usage("eventretry deploy: --plan must be all-at-once, canary, linear or"
              + " percents such as 10,50,100 (rejected: " + text + ")");
        }
        List<RolloutStage> stages = new ArrayList<>();
        for (String p : text.split(",")) {
          try {
            stages.add(RolloutStage.of(Integer.parseInt(p)));
          } catch (IllegalArgumentException e) {
            throw CliException.usage("eventretry deploy: --plan: " + e.getMessage());
          }
        }
        try {
          plan = RolloutPlan.of(stages.toArray(RolloutStage[]::new));
        } catch (IllegalArgumentException e) {
          throw CliException.usage("eventretry deploy: --plan: " + e.getMessage());
        }
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw CliException.usage("eventretry deploy: --threshold must be between 0 and 1 (rejected: "
          + threshold + ")");
    }
    if (minimumSample < 0) {
      throw CliException.usage("eventretry deploy: --min-sample must be 0 or more (rejected: "
          + minimumSample + ")");
    }
    return plan.withBakeTime(bake).withSuccessThreshold(threshold).withMinimumSample(minimumSample);
  }

  /**
   * Returns the result line and exit code of a rollout.
   *
   * @param r the result
   * @return 0 when it completed (or, for a rollback, rolled back), 1 otherwise
   */
  static int exitCode(RolloutResult r, RolloutResult.Outcome success) {
    return r.outcome() == success ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * Returns a rollout's result as one line.
   *
   * @param r the result
   * @return such as {@code completed: v3 is active at 100%}
   */
  public static String describeOutcome(RolloutResult r) {
    return r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + r.message();
  }
}
