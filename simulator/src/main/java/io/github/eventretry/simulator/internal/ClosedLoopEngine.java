package io.github.eventretry.simulator.internal;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.DelaySchedule;
import io.github.eventretry.simulator.StormScenario;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Closed loop: attempts are served in time order against a destination guarded by a token bucket that
 * holds at most {@code max(1, L)} tokens and gains {@code L} tokens at the start of each second
 * ({@code L} = {@code destination_rate_limit_rps}). An attempt takes a token when one is there and is
 * refused (throttled) otherwise; a throttled attempt, or any attempt during the outage, fails and the
 * event retries by its policy. So no second admits more than {@code max(1, floor(L))} attempts.
 *
 * <p>Memory: one entry (time, retry, previous delay: 20 bytes) per event waiting for a retry, in a
 * binary heap whose arrays grow by doubling up to one slot per event. {@code RetryStorm} uses it up to
 * {@code RetryStorm.CLOSED_LOOP_PER_EVENT_MAX_EVENTS} events and {@link AggregateClosedLoopEngine}
 * above; the tests keep it as the reference the aggregate engine is checked against.
 */
public final class ClosedLoopEngine {
  private ClosedLoopEngine() {}

  /**
   * The most events this engine takes: every waiting event is an entry of an {@code int}-indexed heap,
   * about 40 bytes of heap each (2 GB at this bound).
   */
  public static final long MAX_EVENTS = 50_000_000L;

  /** Iterations between two progress reports. */
  private static final int REPORT_EVERY = 1 << 16;

  /**
   * Runs the simulation without progress.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @param seed the seed
   * @return the tally
   */
  public static Tally run(RetryPolicy policy, StormScenario scenario, long seed) {
    return run(policy, scenario, seed, Progress.none());
  }

  /**
   * Runs the simulation.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @param seed the seed
   * @param progress told the simulated time over the horizon from time to time
   * @return the tally
   * @throws IllegalArgumentException if the scenario has more than {@link #MAX_EVENTS} events
   */
  public static Tally run(RetryPolicy policy, StormScenario scenario, long seed, Progress progress) {
    if (scenario.events() > MAX_EVENTS) {
      throw new IllegalArgumentException("the per-event closed loop keeps every waiting event in"
          + " memory: at most " + MAX_EVENTS + " events (rejected: " + scenario.events() + ")");
    }
    double horizon = scenario.arrivalSpanMillis() + policy.worstCaseRetryWindow().toMillis() + 1.0;
    int untilReport = REPORT_EVERY;
    DelaySchedule schedule = DelaySchedule.of(policy);
    SplittableRandom random = new SplittableRandom(seed);
    double limit = policy.destinationRateLimitRps();
    double capacity = Math.max(1.0, limit);
    double outage = scenario.outageMillis();
    int retries = schedule.retries();
    long events = scenario.events();
    boolean arrivals = scenario.arrivalRatePerSecond().isPresent();
    double gap = arrivals ? 1000.0 / scenario.arrivalRatePerSecond().getAsDouble() : 0.0;

    Heap heap = new Heap((int) Math.min(events, 1 << 20), (int) events);
    Series attemptsPerSecond = new Series();
    Series deliveriesPerSecond = new Series();
    Series throttledPerSecond = new Series();
    Tally tally = new Tally();
    double tokens = capacity;
    long second = 0;
    long nextArrival = 0;
    while (nextArrival < events || heap.size > 0) {
      double t;
      int k;
      double previous;
      double arrivalTime = nextArrival < events ? nextArrival * gap : Double.POSITIVE_INFINITY;
      if (heap.size > 0 && heap.time[0] < arrivalTime) {
        t = heap.time[0];
        k = heap.retry[0];
        previous = heap.previous[0];
        heap.pop();
      } else {
        t = arrivalTime;
        k = 0;
        previous = schedule.initialPreviousMillis();
        nextArrival++;
      }
      if (--untilReport == 0) {
        untilReport = REPORT_EVERY;
        progress.report(t / horizon);
      }
      long s = (long) (t / 1000.0);
      if (s > second) {
        tokens = Math.min(capacity, tokens + limit * (s - second));
        second = s;
      }
      tally.attempts++;
      attemptsPerSecond.add(s);
      if (tokens >= 1.0) {
        tokens -= 1.0;
        if (t >= outage) {
          tally.delivered++;
          deliveriesPerSecond.add(s);
          tally.lastDeliveryMillis = Math.max(tally.lastDeliveryMillis, t);
          continue;
        }
      } else {
        tally.throttled++;
        throttledPerSecond.add(s);
      }
      if (k == retries) {
        tally.exhausted++;
        continue;
      }
      double d = schedule.nextDelayMillis(k, previous, random);
      heap.push(t + d, k + 1, d);
    }
    tally.attemptsPerSecond = attemptsPerSecond.toArray();
    tally.deliveriesPerSecond = deliveriesPerSecond.toArray();
    // As long as the attempts series, so that attempts minus throttled is defined every second.
    tally.throttledPerSecond = Arrays.copyOf(throttledPerSecond.toArray(), tally.attemptsPerSecond.length);
    return tally;
  }

  /** Counts per second, growing as time goes on. */
  private static final class Series {
    long[] v = new long[64];
    int length;

    void add(long second) {
      if (second >= Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("storm too long to simulate (second " + second + ")");
      }
      int s = (int) second;
      if (s >= v.length) {
        v = Arrays.copyOf(v, Math.max(s + 1, v.length * 2));
      }
      v[s]++;
      length = Math.max(length, s + 1);
    }

    double[] toArray() {
      double[] out = new double[length];
      for (int i = 0; i < length; i++) {
        out[i] = v[i];
      }
      return out;
    }
  }

  /** A binary min-heap on time over parallel primitive arrays; ties keep no particular order. */
  private static final class Heap {
    double[] time;
    int[] retry;
    double[] previous;
    int size;
    // Each event has at most one entry, so the arrays never need more than one slot per event.
    final int limit;

    Heap(int capacity, int limit) {
      this.limit = Math.max(16, limit);
      time = new double[Math.max(16, capacity)];
      retry = new int[time.length];
      previous = new double[time.length];
    }

    void push(double t, int k, double prev) {
      if (size == time.length) {
        int n = (int) Math.min(limit, time.length * 2L);
        time = Arrays.copyOf(time, n);
        retry = Arrays.copyOf(retry, n);
        previous = Arrays.copyOf(previous, n);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (time[parent] <= t) {
          break;
        }
        move(parent, i);
        i = parent;
      }
      time[i] = t;
      retry[i] = k;
      previous[i] = prev;
    }

    void pop() {
      size--;
      if (size == 0) {
        return;
      }
      double t = time[size];
      int k = retry[size];
      double prev = previous[size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && time[child + 1] < time[child]) {
          child++;
        }
        if (time[child] >= t) {
          break;
        }
        move(child, i);
        i = child;
      }
      time[i] = t;
      retry[i] = k;
      previous[i] = prev;
    }

    private void move(int from, int to) {
      time[to] = time[from];
      retry[to] = retry[from];
      previous[to] = previous[from];
    }
  }
}
