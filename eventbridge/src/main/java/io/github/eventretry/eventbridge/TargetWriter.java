package io.github.eventretry.eventbridge;

import io.github.eventretry.core.Backoff;
import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.text.SafeText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Reads a rule's targets (every page) and writes {@link Slot}s onto them with {@code PutTargets}: at most
 * 10 entries a call, every other member of each target kept as read, every entry of the answer checked
 * (HTTP 200 can be a partial failure). Entries refused with {@code ConcurrentModificationException} are
 * read again and retried after a full-jitter back-off (core's {@link Backoff}); anything else fails at once, after reporting what
 * was written. Thread-safe when its caller serialises writes to one rule (the random draws are
 * synchronised).
 */
final class TargetWriter {
  /** EventBridge's limit of entries a {@code PutTargets}. */
  static final int MAX_ENTRIES = 10;
  static final String CONFLICT = "ConcurrentModificationException";
  /** Full jitter over {@code min(2 s, 100 ms * 2^n)}: core's one back-off formula. */
  static final Backoff BACKOFF = Backoff.of(BackoffStrategy.EXPONENTIAL, Jitter.full(), 100, 2_000);

  private final EventBridgeClient client;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final int maxConflictRetries;

  TargetWriter(EventBridgeClient client, Sleeper sleeper, RandomGenerator random, int maxConflictRetries) {
    this.client = client;
    this.sleeper = sleeper;
    this.random = random;
    this.maxConflictRetries = maxConflictRetries;
  }

  /** Reads every target of a rule, page by page, in the order EventBridge lists them. */
  Map<String, Target> read(String bus, String rule) {
    Map<String, Target> out = new LinkedHashMap<>();
    String token = null;
    do {
      ListTargetsByRuleResponse r;
      String next = token;
      try {
        r = client.listTargetsByRule(b -> b.eventBusName(bus).rule(rule).limit(100).nextToken(next));
      } catch (SdkException e) {
        throw Clients.failure(e, "ListTargetsByRule", "reading the targets of rule " + SafeText.escape(rule)
            + " on event bus " + SafeText.escape(bus)).rule(rule).build(e);
      }
      for (Target t : r.targets()) {
        out.put(t.id(), t);
      }
      token = r.nextToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  /**
   * Writes slots onto targets of one rule.
   *
   * @param bus the event bus
   * @param rule the rule
   * @param current the rule's targets as read now
   * @param desired target id to the slot it must hold, in order
   * @param written told each target id as soon as EventBridge accepted it
   * @throws AwsException if an entry or a call failed; {@code written} has heard of every write that
   *     happened before
   */
  void write(String bus, String rule, Map<String, Target> current, Map<String, Slot> desired,
      Consumer<String> written) {
    Map<String, Slot> pending = new LinkedHashMap<>(desired);
    Map<String, Target> now = current;
    int conflicts = 0;
    while (!pending.isEmpty()) {
      List<String> ids = new ArrayList<>(pending.keySet()).subList(0, Math.min(MAX_ENTRIES, pending.size()));
      ids = List.copyOf(ids);
      List<Target> entries = new ArrayList<>();
      for (String id : ids) {
        Target t = now.get(id);
        if (t == null) {
          throw AwsException.builder("ListTargetsByRule", "target " + SafeText.escape(id) + " of rule "
              + SafeText.escape(rule) + " no longer exists on event bus " + SafeText.escape(bus)
              + "; nothing was written to it").rule(rule).targetId(id).build();
        }
        entries.add(pending.get(id).applyTo(t));
      }
      PutTargetsResponse r;
      try {
        r = client.putTargets(b -> b.eventBusName(bus).rule(rule).targets(entries));
      } catch (AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (CONFLICT.equals(code) && conflicts < maxConflictRetries) {
          conflicts++;
          backOff(conflicts, rule);
          now = read(bus, rule);
          continue;
        }
        throw Clients.failure(e, "PutTargets", "writing " + describe(ids) + " of rule "
            + SafeText.escape(rule)).rule(rule).targetId(ids.get(0)).build(e);
      } catch (SdkException e) {
        throw Clients.failure(e, "PutTargets", "writing " + describe(ids) + " of rule "
            + SafeText.escape(rule)).rule(rule).targetId(ids.get(0)).build(e);
      }
      Set<String> failed = new HashSet<>();
      List<PutTargetsResultEntry> refused = new ArrayList<>();
      boolean conflicted = false;
      for (PutTargetsResultEntry f : r.failedEntries()) {
        failed.add(f.targetId());
        if (CONFLICT.equals(f.errorCode())) {
          conflicted = true;
        } else {
          refused.add(f);
        }
      }
      int reported = r.failedEntryCount() == null ? failed.size() : r.failedEntryCount();
      if (reported > 0 && failed.isEmpty()) {
        throw AwsException.builder("PutTargets", "EventBridge reported " + reported + " failed "
            + (reported == 1 ? "entry" : "entries") + " writing " + describe(ids) + " of rule "
            + SafeText.escape(rule) + " without naming them").rule(rule).targetId(ids.get(0)).build();
      }
      for (String id : ids) {
        if (!failed.contains(id)) {
          pending.remove(id);
          written.accept(id);
        }
      }
      if (!refused.isEmpty()) {
        PutTargetsResultEntry f = refused.get(0);
        throw AwsException.builder("PutTargets", "EventBridge refused target "
            + SafeText.quote(String.valueOf(f.targetId())) + " of rule " + SafeText.escape(rule) + ": "
            + f.errorCode() + (f.errorMessage() == null ? "" : ": " + SafeText.quote(f.errorMessage(), 300)))
            .errorCode(f.errorCode()).rule(rule).targetId(f.targetId()).build();
      }
      if (conflicted) {
        if (conflicts >= maxConflictRetries) {
          String id = pending.keySet().iterator().next();
          throw AwsException.builder("PutTargets", "EventBridge kept answering " + CONFLICT
              + " for target " + SafeText.escape(id) + " of rule " + SafeText.escape(rule) + " after "
              + (conflicts + 1) + " attempts: another writer is changing the rule")
              .errorCode(CONFLICT).rule(rule).targetId(id).build();
        }
        conflicts++;
        backOff(conflicts, rule);
        now = read(bus, rule);
      }
    }
  }

  private static String describe(List<String> ids) {
    return (ids.size() == 1 ? "target " : "targets ")
        + String.join(", ", ids.stream().map(SafeText::escape).toList());
  }

  /** Waits before conflict retry {@code retry} (1 for the first): {@link #BACKOFF}'s delay of retry - 1. */
  private void backOff(int retry, String rule) {
    double u;
    synchronized (random) {
      u = random.nextDouble();
    }
    double millis = BACKOFF.delayMillis(retry - 1, BACKOFF.initialPreviousMillis(), u);
    try {
      sleeper.sleep(Duration.ofNanos(Math.round(millis * 1_000_000)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AwsException.builder("PutTargets", "interrupted while waiting to write the targets of rule "
          + SafeText.escape(rule) + " again").rule(rule).build(e);
    }
  }
}
