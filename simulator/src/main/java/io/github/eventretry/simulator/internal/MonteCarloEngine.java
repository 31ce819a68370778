package io.github.eventretry.simulator.internal;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.DelaySchedule;
import io.github.eventretry.simulator.RetryStorm;
import io.github.eventretry.simulator.StormScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Open-loop Monte Carlo. Events are cut into fixed chunks of {@link #CHUNK} events; chunk {@code j}
 * draws from its own generator seeded from {@code (seed, j)}, and every counter is an integer summed
 * after the run, so the result for a seed is the same whatever the number of threads. Memory: two
 * {@code long} per second of horizon per thread; nothing per event. Chunks are numbered with an
 * {@code int}: {@code RetryStorm} rejects more than {@code RetryStorm.MAX_MONTE_CARLO_EVENTS} (10^14)
 * events, about 1.5 billion chunks, so that neither the chunk count nor the shared counter that hands
 * them out (which every thread increments once past the last chunk) overflows.
 */
public final class MonteCarloEngine {
  /** Events per chunk. Fixed: changing it changes the result of a seed. */
  public static final int CHUNK = 1 << 16;

  private MonteCarloEngine() {}

  /**
   * Runs the simulation.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @param seed the seed
   * @param threads 1 or more
   * @param progress told after each chunk the calling thread draws; the other threads stop at their
   *     next chunk once it says stop
   * @return the tally
   */
  public static Tally run(
      RetryPolicy policy, StormScenario scenario, long seed, int threads, Progress progress) {
    DelaySchedule schedule = DelaySchedule.of(policy);
    int buckets = Horizon.seconds(Horizon.millis(policy, scenario));
    long events = scenario.events();
    long chunksLong = (events + CHUNK - 1) / CHUNK;
    if (events > RetryStorm.MAX_MONTE_CARLO_EVENTS) {
      throw new IllegalArgumentException("Monte Carlo numbers its chunks of 65,536 events with an int:"
          + " at most " + RetryStorm.MAX_MONTE_CARLO_EVENTS + " events (rejected: " + events + ")");
    }
    int chunks = (int) chunksLong;
    AtomicInteger next = new AtomicInteger();
    int workers = (int) Math.max(1, Math.min(threads, chunks));
    Part[] parts = new Part[workers];
    List<Thread> started = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try {
      for (int w = 0; w < workers; w++) {
        Part p = new Part(buckets);
        parts[w] = p;
        if (w == workers - 1) {
          // The calling thread does its share and is the one that reports.
          int c;
          while ((c = next.getAndIncrement()) < chunks) {
            runChunk(schedule, scenario, seed, c, p);
            progress.report(Math.min(chunks, next.get()) / (double) chunks);
          }
        } else {
          Thread t = new Thread(() -> {
            try {
              int c;
              while (!progress.stopped() && (c = next.getAndIncrement()) < chunks) {
                runChunk(schedule, scenario, seed, c, p);
              }
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            }
          }, "eventretry-monte-carlo-" + w);
          t.setDaemon(true);
          t.start();
          started.add(t);
        }
      }
    } finally {
      // Whether the run finished or was stopped, no thread of it outlives the call.
      for (Thread t : started) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while simulating", e);
        }
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("simulation thread failed", failure.get());
    }
    Tally t = new Tally();
    long attempts = 0;
    long delivered = 0;
    long exhausted = 0;
    long[] a = new long[buckets];
    long[] d = new long[buckets];
    double last = -1;
    for (Part p : parts) {
      attempts += p.attempts;
      delivered += p.delivered;
      exhausted += p.exhausted;
      last = Math.max(last, p.lastDelivery);
      for (int i = 0; i < buckets; i++) {
        a[i] += p.attemptsPerSecond[i];
        d[i] += p.deliveriesPerSecond[i];
      }
    }
    t.attempts = attempts;
    t.delivered = delivered;
    t.exhausted = exhausted;
    t.attemptsPerSecond = toDoubles(a);
    t.deliveriesPerSecond = toDoubles(d);
    t.lastDeliveryMillis = last;
    return t;
  }

  private static double[] toDoubles(long[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** Seeds chunk {@code chunk}: a SplitMix64 finaliser over the seed and the chunk index. */
  static long chunkSeed(long seed, long chunk) {
    long z = seed + (chunk + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static void runChunk(
      DelaySchedule schedule, StormScenario scenario, long seed, int chunk, Part p) {
    SplittableRandom random = new SplittableRandom(chunkSeed(seed, chunk));
    long from = (long) chunk * CHUNK;
    long to = Math.min(scenario.events(), from + CHUNK);
    double outage = scenario.outageMillis();
    boolean arrivals = scenario.arrivalRatePerSecond().isPresent();
    double gap = arrivals ? 1000.0 / scenario.arrivalRatePerSecond().getAsDouble() : 0.0;
    int retries = schedule.retries();
    double initialPrevious = schedule.initialPreviousMillis();
    long[] attemptsPerSecond = p.attemptsPerSecond;
    int lastBucket = attemptsPerSecond.length - 1;
    long attempts = 0;
    long delivered = 0;
    long exhausted = 0;
    double lastDelivery = p.lastDelivery;
    for (long e = from; e < to; e++) {
      double t = arrivals ? e * gap : 0.0;
      double previous = initialPrevious;
      for (int k = 0; ; k++) {
        attempts++;
        int bucket = (int) Math.min(lastBucket, (long) (t / 1000.0));
        attemptsPerSecond[bucket]++;
        if (t >= outage) {
          delivered++;
          p.deliveriesPerSecond[bucket]++;
          if (t > lastDelivery) {
            lastDelivery = t;
          }
          break;
        }
        if (k == retries) {
          exhausted++;
          break;
        }
        previous = schedule.nextDelayMillis(k, previous, random);
        t += previous;
      }
    }
    p.attempts += attempts;
    p.delivered += delivered;
    p.exhausted += exhausted;
    p.lastDelivery = lastDelivery;
  }

  private static final class Part {
    final long[] attemptsPerSecond;
    final long[] deliveriesPerSecond;
    long attempts;
    long delivered;
    long exhausted;
    double lastDelivery = -1;

    Part(int buckets) {
      attemptsPerSecond = new long[buckets];
      deliveriesPerSecond = new long[buckets];
    }
  }
}
