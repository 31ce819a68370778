package io.github.eventretry.examples.cli;

import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.CorruptStateException;
import io.github.eventretry.state.LockHeldException;
import io.github.eventretry.state.LockInfo;
import io.github.eventretry.state.StateException;
import io.github.eventretry.state.audit.AuditLogException;
import io.github.eventretry.state.rollout.RolloutEngine;
import io.github.eventretry.state.rollout.RolloutEvent;
import io.github.eventretry.state.rollout.RolloutException;
import io.github.eventretry.state.rollout.RolloutPlan;
import io.github.eventretry.state.rollout.RolloutResult;
import io.github.eventretry.state.rollout.RolloutStage;
import io.github.eventretry.state.rollout.StopSignal;
import io.github.eventretry.state.spi.AuditLog;
import io.github.eventretry.state.spi.StateStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wires a rollout engine the way a host application would, with progress lines for a person, and turns
 * what the state module reports into the command line's one-line messages and exit codes.
 */
public final class Deployments {
  private Deployments() {}

  /**
   * Builds an engine that prints each step on {@code progress} and counts down each bake.
   *
   * @param target where policies are applied
   * @param metrics where delivery metrics come from
   * @param store the state store
   * @param audit the audit log
   * @param clock the wall clock recorded in state and audit
   * @param sleeper how bakes are waited
   * @param progress where each rollout step is printed, one line each
   * @param stop the signal that stops a rollout at its next safe point
   * @return the engine
   */
  public static RolloutEngine engine(PolicyTarget target, DeliveryMetricsSource metrics,
      StateStore store, AuditLog audit, Clock clock, Sleeper sleeper, PrintWriter progress,
      StopSignal stop) {
    return engine(target, metrics, store, audit, clock, sleeper, progress, stop, null);
  }

  /**
   * Builds an engine as {@link #engine(PolicyTarget, DeliveryMetricsSource, StateStore, AuditLog,
   * Clock, Sleeper, PrintWriter, StopSignal)} does, with a bake countdown.
   *
   * @param bakes the countdown, or null for none (a simulation)
   */
  static RolloutEngine engine(PolicyTarget target, DeliveryMetricsSource metrics,
      StateStore store, AuditLog audit, Clock clock, Sleeper sleeper, PrintWriter progress,
      StopSignal stop, BakeProgress bakes) {
    return RolloutEngine.builder()
        .target(target)
        .metrics(metrics)
        .stateStore(store)
        .auditLog(audit)
        .clock(clock)
        .sleeper(sleeper)
        .owner("eventretry-cli")
        .stopSignal(stop)
        .listener(event -> {
          synchronized (progress) {
            if (bakes != null) {
              bakes.clearLine();
            }
            progress.println("  " + describe(event));
            progress.flush();
          }
          if (bakes != null) {
            bakes.onEvent(event);
          }
        })
        .build();
  }

  /**
   * Returns one line for a rollout event.
   *
   * @param e the event
   * @return such as {@code v3 10%: stage 1/3: v3 applied to 10% (configuration version 4); baking 5m}
   */
  public static String describe(RolloutEvent e) {
    String split = e.split().map(s -> " " + s).orElse("");
    String who = e.versionId().orElse(e.integrationId());
    return shown(who + split + ": " + e.message());
  }

  /**
   * Parses a plan option: {@code all-at-once}, {@code canary}, {@code linear} or percents such as
   * {@code 10,50,100}, with a bake time, threshold and minimum sample for every stage. A bake of zero
   * with a minimum sample above 0 can never pass its check and is refused here.
   *
   * @param text the option
   * @param bake the bake time of every stage
   * @param threshold the success-rate threshold, 0..1
   * @param minimumSample the fewest deliveries a check accepts
   * @return the plan
   * @throws CliException exit 2 when an option is malformed, out of range, or the plan can never pass
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
        if (!text.matches("\\d{1,3}(,\\d{1,3}){0,99}")) {
          throw CliException.usage("eventretry deploy: --plan must be all-at-once, canary, linear or"
              + " percents such as 10,50,100 (rejected: " + SafeText.quote(text) + ")");
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
    if (bake.compareTo(RolloutStage.MAX_BAKE_TIME) > 0) {
      throw CliException.usage("eventretry deploy: --bake must be at most "
          + RolloutStage.MAX_BAKE_TIME.toHours() + "h (rejected: " + describe(bake) + ")");
    }
    if (bake.isZero() && minimumSample > 0) {
      throw CliException.usage("eventretry deploy: --bake 0s with --min-sample " + minimumSample
          + " can never pass a check: no deliveries arrive in no time. Give --bake a duration such as"
          + " 30s, or pass --min-sample 0 to deploy unchecked");
    }
    return plan.withBakeTime(bake).withSuccessThreshold(threshold).withMinimumSample(minimumSample);
  }

  /**
   * Returns a duration as a person reads it (the command line's one form, {@link Durations#describe}).
   *
   * @param d the duration
   * @return such as {@code 5 minutes} or {@code 0 s}
   */
  public static String describe(Duration d) {
    return d.isZero() ? "0 s" : Durations.describe(d);
  }

  /**
   * Returns the exit code of a rollout.
   *
   * @param r the result
   * @param success the outcome that is success for the command
   * @return 0 for {@code success}, 1 otherwise
   */
  static int exitCode(RolloutResult r, RolloutResult.Outcome success) {
    return r.outcome() == success ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * Returns a rollout's result as one line.
   *
   * @param r the result
   * @return such as {@code completed: v3 deployed; success rate 0.9950 >= 0.9500 over 600 deliveries}
   */
  public static String describeOutcome(RolloutResult r) {
    return r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + shown(r.message());
  }

  /**
   * Returns the line a stopped rollout prints: where it stopped, and the commands that continue and
   * undo it.
   *
   * @param command the command's name
   * @param r the interrupted result
   * @return one line
   */
  static String interrupted(String command, RolloutResult r) {
    if (r.versionId().isEmpty()) {
      return "eventretry " + command + ": interrupted before anything was recorded; nothing changed";
    }
    return "eventretry " + command + ": interrupted: " + shown(r.message())
        + "; the lock is released. Continue with 'eventretry resume', or undo with 'eventretry rollback'";
  }

  /**
   * Turns a failure of the state module (or of a target it called) into the command line's message and
   * exit code: bad input is exit 2, a failure is exit 1, and each message says what to do next in
   * commands, never in Java names.
   *
   * @param command the command's name
   * @param e the failure
   * @return the exception to throw
   */
  static CliException failure(String command, EventRetryException e) {
    String prefix = "eventretry " + command + ": ";
    String first = firstLine(e);
    if (e instanceof LockHeldException l) {
      return CliException.failed(prefix + locked(l));
    }
    if (e instanceof RolloutException r) {
      return switch (r.reason()) {
        case NO_STATE, NO_SUCH_VERSION -> CliException.usage(prefix + first);
        case REFUSED_VERSION -> CliException.usage(prefix + first.replace("a rollback to it must be"
            + " forced, with a reason", "pass --force --reason TEXT to roll back to it anyway"));
        case UNFINISHED_ROLLOUT -> CliException.failed(prefix + first.replace("resume it or roll it"
            + " back first", "run 'eventretry resume' to finish it or 'eventretry rollback' to undo it"
            + " first"));
        case ROLLBACK_FAILED -> CliException.failed(prefix + first.replace("resuming retries it",
            "'eventretry resume' retries it"));
        default -> CliException.failed(prefix + first);
      };
    }
    if (e instanceof AuditLogException) {
      return CliException.failed(prefix + first + ". Every step is recorded in the state: once the log"
          + " can be written, 'eventretry resume' writes the missing record and continues");
    }
    if (e instanceof CorruptStateException || e instanceof StateException) {
      return CliException.failed(prefix + first);
    }
    return CliException.failed(prefix + first);
  }

  /** Says who holds an integration's lock and what to do about it. */
  static String locked(LockHeldException l) {
    String who = l.holder().map(LockInfo::describe).orElse("a deployer whose lock file cannot be read");
    return switch (l.holderStatus()) {
      case RUNNING -> "integration " + l.integrationId() + " is being deployed by " + who
          + ", which is still running; wait for it to finish";
      case GONE -> "integration " + l.integrationId() + " is locked by " + who + ", which is no longer"
          + " running (killed?). Run 'eventretry unlock', then 'eventretry resume' to finish its"
          + " rollout or 'eventretry rollback' to undo it";
      case UNKNOWN -> "integration " + l.integrationId() + " is locked by " + who
          + (l.holder().isPresent() ? ", on another host: this host cannot tell whether it still runs."
              + " Stop it there; if it is gone, remove the lock file by hand"
              : ". If no deployer is running, run 'eventretry unlock'");
    };
  }

  /**
   * A failure's first line in a person's words. The state module's messages are written that way, their
   * values escaped; another module's (a target's) go through the command line's one rule, which removes
   * Java names and library advice.
   */
  private static String firstLine(Exception e) {
    String line = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    boolean ownWords = e instanceof StateException && !(e instanceof RolloutException r
        && (r.reason() == RolloutException.Reason.PREFLIGHT_FAILED
            || r.reason() == RolloutException.Reason.ROLLBACK_FAILED)); // these quote the target
    String said = ownWords ? shown(line) : ErrorText.words(AwsWords.reword(line));
    return said.isBlank() ? "failed" : said;
  }

  /**
   * Returns a line a library wrote, safe for a terminal ({@link ErrorText#escapeOnce}), with AWS's
   * error codes in words ({@link AwsWords#reword}).
   *
   * @param line the line
   * @return the line, or its escaped form
   */
  static String shown(String line) {
    return ErrorText.escapeOnce(AwsWords.reword(line));
  }
}
