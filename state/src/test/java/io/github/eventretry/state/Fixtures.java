package io.github.eventretry.state;

import io.github.eventretry.core.BackoffStrategy;
import io.github.eventretry.core.EventRetryException;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.StorageClass;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.DeliveryMetrics;
import io.github.eventretry.core.spi.DeliveryMetricsSource;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditLogException;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.audit.AuditVerification;
import io.github.eventretry.state.spi.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Test doubles shared by the state tests: one copy for every test package of the module. */
public final class Fixtures {
  /** The integration every test deploys to. */
  public static final String INTEGRATION = "3f1c2a9e-0b7d-4c55-9a1e-2d6f8b7c1a00";
  /** What the fake target holds before anything is applied: not a policy, to be kept verbatim. */
  public static final String BASELINE_JSON = "{ \"custom\" : [1, 2.50], \"note\":\"kept as is\" }";

  private Fixtures() {}

  /** A valid policy with the given retries. */
  public static RetryPolicy policy(int maxRetries) {
    return RetryPolicy.builder()
        .maxRetries(maxRetries)
        .backoffStrategy(BackoffStrategy.EXPONENTIAL)
        .baseDelay(Duration.ofMillis(500))
        .maxDelay(Duration.ofMinutes(1))
        .deadLetterQueueArn("arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq")
        .destinationRateLimitRps(150.0)
        .storageClass(StorageClass.STANDARD)
        .build();
  }

  /** A clock that only moves when told to. */
  public static final class ManualClock extends Clock {
    private Instant now;

    public ManualClock(Instant start) {
      now = start;
    }

    public ManualClock() {
      this(Instant.parse("2026-11-29T10:00:00Z"));
    }

    public synchronized void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    /** A sleeper that advances this clock instead of waiting. */
    public Sleeper sleeper() {
      return d -> {
        if (!d.isNegative()) {
          advance(d);
        }
      };
    }
  }

  /**
   * A target that records applies and restores, holds what was last applied or restored (as a
   * snapshot), and can be told to fail an apply, a restore or a read.
   */
  public static final class FakeTarget implements PolicyTarget {
    /** One apply. */
    public record Applied(RetryPolicy policy, TrafficSplit split) {}

    public final List<Applied> applied = new ArrayList<>();
    public final List<TargetSnapshot> restored = new ArrayList<>();
    public final Deque<RuntimeException> failures = new ArrayDeque<>();
    public final List<Integer> failOnCall = new ArrayList<>();
    public long configVersion = 7;
    public int calls;
    public int reads;
    /** When set, the call numbered {@code reportOnCall} reports this fingerprint instead. */
    public io.github.eventretry.core.PolicyFingerprint report;
    public int reportOnCall;
    /** When set, {@link #read} throws it. */
    public RuntimeException readFailure;
    /** When set, {@link #checkSplits} refuses with this message. */
    public String refuseSplits;
    /** What the target holds now: the baseline until something is applied. */
    public TargetSnapshot held = TargetSnapshot.of("fake", BASELINE_JSON);
    /** Runs first in each apply (a test's hook, e.g. to give a stop signal). */
    public Runnable onApply = () -> { };

    @Override
    public synchronized ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split) {
      calls++;
      onApply.run();
      if (failOnCall.contains(calls)) {
        RuntimeException e = failures.isEmpty()
            ? new EventRetryException("409 Conflict: configuration version is stale")
            : failures.poll();
        throw e;
      }
      applied.add(new Applied(policy, split));
      configVersion++;
      held = TargetSnapshot.of("fake", "{\"policy\":\"" + policy.fingerprint() + "\",\"split\":"
          + split.percent() + "}");
      return new ApplyResult(integrationId,
          calls == reportOnCall && report != null ? report : policy.fingerprint(), split, configVersion);
    }

    @Override
    public synchronized TargetSnapshot read(String integrationId) {
      reads++;
      if (readFailure != null) {
        throw readFailure;
      }
      return held;
    }

    @Override
    public synchronized RestoreResult restore(String integrationId, TargetSnapshot snapshot) {
      calls++;
      if (failOnCall.contains(calls)) {
        throw failures.isEmpty() ? new EventRetryException("503 Service Unavailable") : failures.poll();
      }
      restored.add(snapshot);
      held = snapshot;
      configVersion++;
      return new RestoreResult(integrationId, snapshot, configVersion);
    }

    @Override
    public void checkSplits(String integrationId, List<TrafficSplit> splits) {
      if (refuseSplits != null) {
        throw new IllegalArgumentException(refuseSplits);
      }
    }
  }

  /** Answers metrics from a script, one answer per fetch; the last repeats. */
  public static final class ScriptedMetrics implements DeliveryMetricsSource {
    final Deque<Supplier<DeliveryMetrics>> script = new ArrayDeque<>();
    public final List<Instant[]> windows = new ArrayList<>();
    private Supplier<DeliveryMetrics> last;

    public ScriptedMetrics then(long sample, double rate) {
      script.add(() -> new DeliveryMetrics(INTEGRATION, Instant.EPOCH, Instant.EPOCH.plusSeconds(1), sample,
          rate, 0, Duration.ofMillis(20)));
      return this;
    }

    public ScriptedMetrics thenUnavailable() {
      script.add(() -> {
        throw new EventRetryException("metrics endpoint returned 503");
      });
      return this;
    }

    @Override
    public synchronized DeliveryMetrics fetch(String integrationId, Instant from, Instant to) {
      windows.add(new Instant[] {from, to});
      Supplier<DeliveryMetrics> s = script.isEmpty() ? last : script.poll();
      last = s;
      DeliveryMetrics m = s.get();
      return new DeliveryMetrics(integrationId, from, to, m.sampleSize(), m.successRate(), m.retryCount(),
          m.meanDeliveryLatency());
    }
  }

  /** An audit log that passes everything to another, and fails appends while told to. */
  public static class FlakyAuditLog implements AuditLog {
    private final AuditLog log;
    public volatile int failNext;
    public final List<String> appended = new ArrayList<>();

    public FlakyAuditLog(AuditLog log) {
      this.log = log;
    }

    @Override
    public synchronized AuditRecord append(AuditEntry entry) {
      if (failNext > 0) {
        failNext--;
        throw new AuditLogException("cannot append to audit log: no space left on device");
      }
      appended.add(entry.action());
      return log.append(entry);
    }

    @Override
    public Optional<AuditRecord> head() {
      return log.head();
    }

    @Override
    public List<AuditRecord> records() {
      return log.records();
    }

    @Override
    public AuditVerification verify(Collection<AuditExpectation> expectations) {
      return log.verify(expectations);
    }

    @Override
    public String complianceStandard() {
      return log.complianceStandard();
    }
  }
}
