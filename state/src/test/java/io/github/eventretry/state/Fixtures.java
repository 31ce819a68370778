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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** Test doubles shared by the state tests. */
final class Fixtures {
  static final String INTEGRATION = "3f1c2a9e-0b7d-4c55-9a1e-2d6f8b7c1a00";

  private Fixtures() {}

  static RetryPolicy policy(int maxRetries) {
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
  static final class ManualClock extends Clock {
    private Instant now;

    ManualClock(Instant start) {
      now = start;
    }

    ManualClock() {
      this(Instant.parse("2026-11-29T10:00:00Z"));
    }

    synchronized void advance(Duration d) {
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
    Sleeper sleeper() {
      return d -> {
        if (!d.isNegative()) {
          advance(d);
        }
      };
    }
  }

  /** Records applies; can be told to fail an apply. */
  static final class FakeTarget implements PolicyTarget {
    record Applied(RetryPolicy policy, TrafficSplit split) {}

    final List<Applied> applied = new ArrayList<>();
    final Deque<RuntimeException> failures = new ArrayDeque<>();
    final List<Integer> failOnCall = new ArrayList<>();
    long configVersion = 7;
    int calls;
    /** When set, the call numbered {@code reportOnCall} reports this fingerprint instead. */
    io.github.eventretry.core.PolicyFingerprint report;
    int reportOnCall;

    @Override
    public synchronized ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split) {
      calls++;
      if (failOnCall.contains(calls)) {
        RuntimeException e = failures.isEmpty()
            ? new EventRetryException("409 Conflict: configuration version is stale")
            : failures.poll();
        throw e;
      }
      applied.add(new Applied(policy, split));
      configVersion++;
      return new ApplyResult(integrationId,
          calls == reportOnCall && report != null ? report : policy.fingerprint(), split, configVersion);
    }

    /** What the target holds now: the baseline until something is applied, then the last policy. */
    io.github.eventretry.core.spi.TargetSnapshot held =
        io.github.eventretry.core.spi.TargetSnapshot.of("fake", "{}");
    final List<io.github.eventretry.core.spi.TargetSnapshot> restored = new ArrayList<>();

    @Override
    public synchronized io.github.eventretry.core.spi.TargetSnapshot read(String integrationId) {
      return held;
    }

    @Override
    public synchronized io.github.eventretry.core.spi.RestoreResult restore(String integrationId,
        io.github.eventretry.core.spi.TargetSnapshot snapshot) {
      restored.add(snapshot);
      held = snapshot;
      configVersion++;
      return new io.github.eventretry.core.spi.RestoreResult(integrationId, snapshot, configVersion);
    }
  }

  /** Answers metrics from a script, one answer per fetch; the last repeats. */
  static final class ScriptedMetrics implements DeliveryMetricsSource {
    final Deque<Supplier<DeliveryMetrics>> script = new ArrayDeque<>();
    final List<Instant[]> windows = new ArrayList<>();
    private Supplier<DeliveryMetrics> last;

    ScriptedMetrics then(long sample, double rate) {
      script.add(() -> new DeliveryMetrics(INTEGRATION, Instant.EPOCH, Instant.EPOCH.plusSeconds(1), sample,
          rate, 0, Duration.ofMillis(20)));
      return this;
    }

    ScriptedMetrics thenUnavailable() {
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
}
