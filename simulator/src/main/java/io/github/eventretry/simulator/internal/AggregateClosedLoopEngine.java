package io.github.eventretry.simulator.internal;

import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.DelaySchedule;
import io.github.eventretry.simulator.StormScenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The closed loop by aggregate: the same destination as {@link ClosedLoopEngine} (a token bucket of at
 * most {@code max(1, L)} tokens, {@code L} added at the start of each second; an attempt without a
 * token is throttled; throttled attempts and attempts during the outage fail and retry), but events are
 * counted, not kept. Memory and time depend on the storm's length and the policy, not on the number of
 * events.
 *
 * <p>Time is cut into cells of {@code h} ms ({@code h} divides a second or is whole seconds; 1 ms
 * unless the storm is too long for the cell, memory or work budget; cells of whole seconds only for
 * storms of weeks, where a cell admits its tokens plus {@code L} for each later second, at most
 * {@code max(1, floor(L))} in each). The state is, per cell and class, how many events make their next attempt in
 * that cell; a class is the retry the attempt is ({@code 0} = the first attempt), and for decorrelated
 * jitter also the bin of the previous delay (geometric bins, four per factor of 3, each standing for
 * its geometric middle). Cells are served in time order:
 *
 * <ol>
 *   <li>the attempts of the cell, across classes, take tokens in a uniformly random order (the admitted
 *       count is split over classes by a multivariate hypergeometric draw);
 *   <li>admitted attempts after the outage are delivered; the rest fail: exhausted at the last retry,
 *       otherwise their next delay is drawn in aggregate;
 *   <li>a delay uniform on {@code [lo, hi)} from a cell whose events sit uniformly inside it moves
 *       them {@code A + U{0..M-1} + Bernoulli(p)} cells on, with {@code M = max(1, round((hi - lo)/h))}
 *       and {@code A}, {@code p} chosen so the mean is exact. The uniform part is drawn one binary
 *       digit at a time (a fair binomial split per digit, with the blocks of {@code M}'s binary
 *       expansion leaving the pipeline as their digits are done), and every cell's failures share
 *       the same pipeline, so a delay costs about {@code log2(M)} splits per cell whatever the number
 *       of events. Without jitter the move is exact.
 * </ol>
 *
 * <p>Every draw comes from one {@link SplittableRandom} seeded with the caller's seed, in a fixed order:
 * the same seed gives the same result, and the engine uses only the calling thread.
 */
public final class AggregateClosedLoopEngine {
  /**
   * Cell widths tried, in ms, finest first: each divides a second or is whole seconds, so second
   * boundaries are cell boundaries.
   */
  static final int[] CELL_MILLIS = {1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100, 125, 200, 250, 500, 1000,
      2000, 5000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000};
  /**
   * The most work a run may take, in cell visits of a class or a pipeline stage (about 10^8 a few
   * seconds): a storm of weeks with delays of hours gets coarser cells rather than minutes of work.
   */
  static final long MAX_WORK = 200_000_000L;
  /** The most cells a storm is cut into (unless even 1 s cells give more). */
  static final long MAX_CELLS = 1L << 21;
  /** The most cells for decorrelated jitter, whose state has a bin of previous delay per retry. */
  static final long MAX_CELLS_DECORRELATED = 1L << 17;
  /** The most {@code long} counters of all rings together (32 MB). */
  static final long MAX_RING_LONGS = 1L << 22;
  /** Bins of previous delay per factor of 3, for decorrelated jitter. */
  static final int BINS_PER_FACTOR_3 = 6;
  /** Cells between two progress reports. */
  private static final int REPORT_EVERY = 1 << 12;
  /** Up to this many draws the admission split picks attempts one by one. */
  private static final long PICK_ONE_BY_ONE = 4096;

  private AggregateClosedLoopEngine() {}

  /**
   * Runs the simulation.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @param seed the seed
   * @param progress told the simulated time over the horizon every few thousand cells
   * @return the tally
   */
  public static Tally run(RetryPolicy policy, StormScenario scenario, long seed, Progress progress) {
    return run(policy, scenario, seed, progress, 1);
  }

  /** The same with cells of at least {@code leastCellMillis} ms, for the tests of coarse cells. */
  static Tally run(RetryPolicy policy, StormScenario scenario, long seed, Progress progress,
      int leastCellMillis) {
    Plan plan = Plan.of(policy, scenario, leastCellMillis);
    return new Run(plan, scenario, policy.destinationRateLimitRps(), new SplittableRandom(seed),
        progress).run();
  }

  /**
   * Returns the cell width the engine would use, for tests and the docs.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @return milliseconds per cell
   */
  static int cellMillis(RetryPolicy policy, StormScenario scenario) {
    return Plan.of(policy, scenario, 1).h;
  }

  /** A delay uniform on a range, in cells: {@code A + U{0..M-1} + Bernoulli(p)}. */
  static final class Kernel {
    final long shift;
    final long width;
    final double carry;

    Kernel(double loMillis, double hiMillis, int h) {
      double a = loMillis / h;
      double mu = Math.max(0.0, hiMillis - loMillis) / h;
      long m = Math.max(1L, Math.round(mu));
      double x = a + mu / 2.0 - (m - 1) / 2.0;
      long shift = (long) Math.floor(x);
      double carry = x - shift;
      if (shift < 0) {
        shift = 0;
        carry = 0.0;
      }
      this.shift = shift;
      this.width = m;
      this.carry = carry;
    }

    /** The farthest cell, counted from the source, the kernel reaches. */
    long reach() {
      return shift + width;
    }

    /** Ring longs its pipeline needs: stage l holds source offsets 0..2^l. */
    long ringLongs() {
      int top = 63 - Long.numberOfLeadingZeros(width);
      return (1L << (top + 2)) - 2;
    }
  }

  /** The cell width, the classes, the pipelines and where each class's failures go. */
  static final class Plan {
    final int h;
    final int retries;
    /** Class id to its retry (the attempt number, 0 = first attempt). */
    final int[] classRetry;
    /** Class id to the longest offset any pipeline writes into it (ring size). */
    final long[] classReach;
    final Kernel[] kernels;
    final int[] pipelineTarget;
    /** Every mode but decorrelated: class id to the pipeline its failures enter (-1: exhausted). */
    final int[] pipelineOf;
    final long horizonCells;
    // Decorrelated jitter only (bins == 0 otherwise): see decorrelated(...).
    final int bins;
    final int[][] nodesOf;
    final double[] keep;
    final int[][] binPipeline;

    private Plan(int h, int retries, int[] classRetry, long[] classReach, List<Kernel> kernels,
        int[] pipelineTarget, int[] pipelineOf, long horizonCells, int bins, int[][] nodesOf,
        double[] keep, int[][] binPipeline) {
      this.h = h;
      this.retries = retries;
      this.classRetry = classRetry;
      this.classReach = classReach;
      this.kernels = kernels.toArray(new Kernel[0]);
      this.pipelineTarget = pipelineTarget;
      this.pipelineOf = pipelineOf;
      this.horizonCells = horizonCells;
      this.bins = bins;
      this.nodesOf = nodesOf;
      this.keep = keep;
      this.binPipeline = binPipeline;
    }

    long ringLongs() {
      long sum = 0;
      for (long r : classReach) {
        sum += r == 0 ? 0 : Long.highestOneBit(r + 1) * 2;
      }
      for (Kernel k : kernels) {
        sum += k.ringLongs();
      }
      return sum;
    }

    static Plan of(RetryPolicy policy, StormScenario scenario, int leastCellMillis) {
      boolean decorrelated = policy.jitter() instanceof Jitter.Decorrelated;
      double horizon = scenario.arrivalSpanMillis() + policy.worstCaseRetryWindow().toMillis() + 1.0;
      long mostCells = decorrelated ? MAX_CELLS_DECORRELATED : MAX_CELLS;
      Plan plan = null;
      for (int h : CELL_MILLIS) {
        if (h < leastCellMillis) {
          continue;
        }
        long cells = (long) Math.ceil(horizon / h);
        if (cells > mostCells && h < CELL_MILLIS[CELL_MILLIS.length - 1]) {
          continue;
        }
        plan = decorrelated ? decorrelated(policy, h, cells) : independent(policy, h, cells);
        if (plan.ringLongs() <= MAX_RING_LONGS && cells * plan.workPerCell() <= MAX_WORK) {
          return plan;
        }
      }
      return plan; // the coarsest cells (an hour): only a storm of years would get here
    }

    /** Visits of a class or a pipeline stage per cell, at most. */
    long workPerCell() {
      long w = classRetry.length;
      for (Kernel k : kernels) {
        w += 64 - Long.numberOfLeadingZeros(k.width);
      }
      return w;
    }

    /** Every mode but decorrelated: the delay depends on the retry alone. */
    private static Plan independent(RetryPolicy policy, int h, long cells) {
      DelaySchedule schedule = DelaySchedule.of(policy);
      int retries = schedule.retries();
      int[] classRetry = new int[retries + 1];
      long[] reach = new long[retries + 1];
      List<Kernel> kernels = new ArrayList<>();
      int[] target = new int[retries];
      int[] pipelineOf = new int[retries + 1];
      for (int k = 0; k <= retries; k++) {
        classRetry[k] = k;
      }
      pipelineOf[retries] = -1;
      double previous = schedule.initialPreviousMillis(); // unread outside decorrelated jitter
      for (int k = 0; k < retries; k++) {
        Kernel kernel = new Kernel(schedule.lowMillis(k, previous), schedule.highMillis(k, previous), h);
        kernels.add(kernel);
        target[k] = k + 1;
        reach[k + 1] = kernel.reach();
        pipelineOf[k] = k;
      }
      return new Plan(h, retries, classRetry, reach, kernels, target, pipelineOf, cells, 0, null, null,
          null);
    }

    /**
     * Decorrelated jitter: the next delay is uniform on {@code [base, min(max, 3 * previous))}. The
     * previous delay is kept as a bin: {@code bins} geometric bins from {@code base} to {@code max},
     * {@link #BINS_PER_FACTOR_3} per factor of 3, so that three times a bin's lower edge is the lower
     * edge of the bin {@code BINS_PER_FACTOR_3} above. Class 0 is the first attempt (previous =
     * base, exactly); class {@code 1 + (k - 1) * bins + t} is retry {@code k} whose previous delay
     * lies in bin {@code t}.
     *
     * <p>A failure in bin {@code q} draws its next delay from {@code [base, e[q + 4])} or
     * {@code [base, e[q + 5])}, each with probability 1/2 (so the mean of {@code 3 * previous} over
     * a bin whose previous delays are spread evenly is kept). "Uniform on {@code [base, e[g])}"
     * (node {@code g}) is uniform on bin {@code g - 1} with probability {@code width(g - 1) /
     * (e[g] - base)}, else uniform on {@code [base, e[g - 1])}: a cell's failures of one retry are
     * summed per node and split down the nodes with one binomial each, and each bin has one pipeline
     * per retry.
     */
    private static Plan decorrelated(RetryPolicy policy, int h, long cells) {
      int retries = policy.maxRetries();
      double base = policy.baseDelayMillis();
      double max = policy.maxDelayMillis();
      double ratio = Math.pow(3.0, 1.0 / BINS_PER_FACTOR_3);
      int bins = max <= base ? 1
          : Math.max(1, (int) Math.ceil(Math.log(max / base) / Math.log(ratio) - 1e-9));
      double[] edges = new double[bins + 1];
      for (int t = 0; t < bins; t++) {
        edges[t] = base * Math.pow(ratio, t);
      }
      edges[bins] = max;
      int classes = 1 + retries * bins;
      int[] classRetry = new int[classes];
      long[] reach = new long[classes];
      int[][] nodesOf = new int[classes][];
      // The first attempt: previous = base, so the next delay is uniform on [base, min(max, 3 base)).
      nodesOf[0] = new int[] {node(3.0 * base, edges, bins)};
      for (int k = 1; k <= retries; k++) {
        for (int t = 0; t < bins; t++) {
          int c = 1 + (k - 1) * bins + t;
          classRetry[c] = k;
          if (k < retries) {
            nodesOf[c] = new int[] {Math.min(bins, t + BINS_PER_FACTOR_3),
                Math.min(bins, t + BINS_PER_FACTOR_3 + 1)};
          }
        }
      }
      double[] keep = new double[bins + 1];
      for (int g = 1; g <= bins; g++) {
        double span = edges[g] - base;
        keep[g] = g == 1 || span <= 0.0 ? 1.0 : (edges[g] - edges[g - 1]) / span;
      }
      List<Kernel> kernels = new ArrayList<>();
      int[] target = new int[retries * bins];
      int[][] binPipeline = new int[retries][bins];
      for (int k = 0; k < retries; k++) {
        for (int t = 0; t < bins; t++) {
          Kernel kernel = new Kernel(edges[t], edges[t + 1], h);
          int id = kernels.size();
          kernels.add(kernel);
          int into = 1 + k * bins + t;
          target[id] = into;
          reach[into] = Math.max(reach[into], kernel.reach());
          binPipeline[k][t] = id;
        }
      }
      return new Plan(h, retries, classRetry, reach, kernels, target, null, cells, bins, nodesOf,
          keep, binPipeline);
    }

    /** The node {@code g} whose range {@code [base, e[g])} ends at {@code high} (or at max). */
    private static int node(double high, double[] edges, int bins) {
      for (int g = 1; g < bins; g++) {
        if (high <= edges[g] * (1 + 1e-12)) {
          return g;
        }
      }
      return bins;
    }
  }

  /** One run: the rings, the bucket and the totals. */
  private static final class Run {
    private final Plan plan;
    private final StormScenario scenario;
    private final RandomGenerator random;
    private final Progress progress;
    private final double limit;
    private final double capacity;
    private final long outage;
    private final int h;
    private final long cellsPerSecond; // cells of at most a second
    private final int secondsPerCell; // cells of whole seconds; 1 otherwise
    private final long cap;
    // Cells of several seconds: what the cell may still admit, and what each of its seconds has.
    private double allowance;
    private final long[] admittedInSecond;

    // Per class: a ring of counts by cell (class 0, first attempts, has none: arrivals come in as
    // they happen), its mask, and how many events it holds in all.
    private final long[][] pending;
    private final long[] pendingMask;
    private final long[] pendingTotal;

    // Per pipeline: a ring per binary digit, and how many events are in it.
    private final long[][][] stages;
    private final long[] pipelineTotal;

    // Scratch for one cell.
    private final long[] count;
    private final long[] admitted;
    private final int[] active;
    // Decorrelated jitter: failures of this cell per retry and node, split down the nodes at its end.
    private final long[][] nodes;
    private boolean anyNode;

    private long waiting;
    private boolean reentry;
    private double tokens;
    private long second = -1;

    private long attempts;
    private long delivered;
    private long exhausted;
    private long throttled;
    private double lastDeliveryMillis = -1;
    private long[] attemptsPerSecond = new long[64];
    private long[] deliveriesPerSecond = new long[64];
    private long[] throttledPerSecond = new long[64];
    private int seconds;

    Run(Plan plan, StormScenario scenario, double limit, RandomGenerator random, Progress progress) {
      this.plan = plan;
      this.scenario = scenario;
      this.random = random;
      this.progress = progress;
      this.limit = limit;
      this.capacity = Math.max(1.0, limit);
      this.tokens = capacity;
      this.outage = scenario.outageMillis();
      this.h = plan.h;
      this.cellsPerSecond = plan.h <= 1000 ? 1000 / plan.h : 0;
      this.secondsPerCell = plan.h <= 1000 ? 1 : plan.h / 1000;
      this.cap = (long) Math.max(1.0, Math.floor(limit));
      this.admittedInSecond = new long[secondsPerCell];
      int classes = plan.classRetry.length;
      pending = new long[classes][];
      pendingMask = new long[classes];
      pendingTotal = new long[classes];
      for (int c = 0; c < classes; c++) {
        long reach = plan.classReach[c];
        if (reach > 0) {
          long size = Long.highestOneBit(reach + 1) * 2;
          pending[c] = new long[Math.toIntExact(size)];
          pendingMask[c] = size - 1;
        }
      }
      int pipelines = plan.kernels.length;
      stages = new long[pipelines][][];
      pipelineTotal = new long[pipelines];
      for (int i = 0; i < pipelines; i++) {
        Kernel k = plan.kernels[i];
        int top = 63 - Long.numberOfLeadingZeros(k.width);
        stages[i] = new long[top + 1][];
        for (int l = 0; l <= top; l++) {
          stages[i][l] = new long[Math.toIntExact(2L << l)];
        }
      }
      count = new long[classes];
      admitted = new long[classes];
      active = new int[classes];
      nodes = plan.bins == 0 ? null : new long[plan.retries][plan.bins + 1];
    }

    Tally run() {
      long events = scenario.events();
      boolean arrivals = scenario.arrivalRatePerSecond().isPresent();
      double perMilli = arrivals ? scenario.arrivalRatePerSecond().getAsDouble() / 1000.0 : 0.0;
      long arrived = 0;
      // Nothing is attempted after the horizon; the cell rounding of each delay adds at most 2 cells.
      long last = plan.horizonCells + 2L * plan.retries + 2;
      for (long cell = 0; arrived < events || waiting > 0; cell++) {
        if (cell > last) {
          throw new IllegalStateException("the aggregate closed loop ran past its horizon");
        }
        if ((cell & (REPORT_EVERY - 1)) == 0) {
          progress.report(cell / (double) plan.horizonCells);
        }
        long first;
        if (!arrivals) {
          first = cell == 0 ? events : 0;
        } else {
          long upTo = Math.min(events, (long) Math.ceil((cell + 1) * (double) h * perMilli));
          first = Math.max(0, upTo - arrived);
        }
        arrived += first;
        serve(cell, first);
      }
      Tally t = new Tally();
      t.attempts = attempts;
      t.delivered = delivered;
      t.exhausted = exhausted;
      t.throttled = throttled;
      t.attemptsPerSecond = doubles(attemptsPerSecond, seconds);
      t.deliveriesPerSecond = doubles(deliveriesPerSecond, seconds);
      t.throttledPerSecond = doubles(throttledPerSecond, seconds);
      t.lastDeliveryMillis = lastDeliveryMillis;
      return t;
    }

    private static double[] doubles(long[] v, int n) {
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = v[i];
      }
      return out;
    }

    /** Serves one cell: its attempts, then the pipelines' moves at this cell, again if they land here. */
    private void serve(long cell, long firstAttempts) {
      long s = cellsPerSecond > 0 ? cell / cellsPerSecond : cell * secondsPerCell;
      if (s > second) {
        tokens = second < 0 ? capacity : Math.min(capacity, tokens + limit * (s - second));
        second = s;
      }
      if (secondsPerCell > 1) {
        // A cell of S seconds, its attempts spread over them: the first second has the bucket's
        // tokens, each later one adds L, and no second admits more than max(1, floor(L)).
        allowance = Math.min(tokens + limit * (secondsPerCell - 1), (double) cap * secondsPerCell);
        Arrays.fill(admittedInSecond, 0);
      }
      long extra = firstAttempts;
      do {
        reentry = false;
        attempt(cell, s, extra);
        extra = 0;
        if (anyNode) {
          splitNodes(cell);
        }
        advancePipelines(cell);
      } while (reentry);
      if (secondsPerCell > 1) {
        tokens = Math.min(capacity, allowance);
        second = s + secondsPerCell - 1;
      }
    }

    private void attempt(long cell, long s, long firstAttempts) {
      int n = 0;
      long total = 0;
      if (firstAttempts > 0) {
        count[0] = firstAttempts;
        active[n++] = 0;
        total += firstAttempts;
      }
      for (int c = 1; c < count.length; c++) {
        if (pendingTotal[c] == 0) {
          continue;
        }
        int i = (int) (cell & pendingMask[c]);
        long x = pending[c][i];
        if (x == 0) {
          continue;
        }
        pending[c][i] = 0;
        pendingTotal[c] -= x;
        waiting -= x;
        count[c] = x;
        active[n++] = c;
        total += x;
      }
      if (total == 0) {
        return;
      }
      long admit;
      if (secondsPerCell > 1) {
        admit = allowance >= 1.0 ? (long) Math.min((double) total, Math.floor(allowance)) : 0;
        allowance -= admit;
      } else {
        admit = tokens >= 1.0 ? (long) Math.min((double) total, Math.floor(tokens)) : 0;
        tokens -= admit;
      }
      splitAdmitted(n, total, admit);
      double start = cell * (double) h;
      double end = start + h;
      double after = start >= outage ? 1.0 : end <= outage ? 0.0 : (end - outage) / h;
      long deliveredHere = 0;
      for (int j = 0; j < n; j++) {
        int c = active[j];
        long x = count[c];
        long ok = after == 1.0 ? admitted[c] : after == 0.0 ? 0 : Binomial.draw(random, admitted[c], after);
        deliveredHere += ok;
        long failed = x - ok;
        if (failed > 0) {
          fail(c, cell, failed);
        }
        count[c] = 0;
        admitted[c] = 0;
      }
      if (secondsPerCell > 1) {
        recordSeconds(s, total, admit, deliveredHere, start, end);
        return;
      }
      if (s >= seconds) {
        grow((int) s);
      }
      int si = (int) s;
      attempts += total;
      attemptsPerSecond[si] += total;
      throttled += total - admit;
      throttledPerSecond[si] += total - admit;
      if (deliveredHere > 0) {
        delivered += deliveredHere;
        deliveriesPerSecond[si] += deliveredHere;
        lastDeliveryMillis = Math.max(lastDeliveryMillis, (Math.max(start, outage) + end) / 2.0);
      }
    }

    /**
     * Cells of several seconds: the admitted attempts fill the cell's seconds in order up to
     * max(1, floor(L)) each, their deliveries with them; the throttled ones are spread evenly.
     */
    private void recordSeconds(long s0, long total, long admit, long deliveredHere, double start,
        double end) {
      long last = s0 + secondsPerCell - 1;
      if (last >= seconds) {
        grow(Math.toIntExact(Math.min(Integer.MAX_VALUE, last)));
      }
      long refused = total - admit;
      long each = refused / secondsPerCell;
      long extra = refused % secondsPerCell;
      long toAdmit = admit;
      long toDeliver = deliveredHere;
      for (int i = 0; i < secondsPerCell; i++) {
        int si = (int) (s0 + i);
        long a = Math.min(toAdmit, cap - admittedInSecond[i]);
        admittedInSecond[i] += a;
        toAdmit -= a;
        long d = Math.min(toDeliver, a);
        toDeliver -= d;
        long t = each + (i < extra ? 1 : 0);
        attemptsPerSecond[si] += a + t;
        throttledPerSecond[si] += t;
        deliveriesPerSecond[si] += d;
      }
      attempts += total;
      throttled += refused;
      if (deliveredHere > 0) {
        delivered += deliveredHere;
        lastDeliveryMillis = Math.max(lastDeliveryMillis, (Math.max(start, outage) + end) / 2.0);
      }
    }

    private void grow(int s) {
      if (s >= Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("storm too long to simulate (second " + s + ")");
      }
      if (s >= attemptsPerSecond.length) {
        int n = Math.max(s + 1, attemptsPerSecond.length * 2);
        attemptsPerSecond = Arrays.copyOf(attemptsPerSecond, n);
        deliveriesPerSecond = Arrays.copyOf(deliveriesPerSecond, n);
        throttledPerSecond = Arrays.copyOf(throttledPerSecond, n);
      }
      seconds = s + 1;
    }

    /**
     * Splits {@code admit} of {@code total} attempts over the active classes as a uniformly random
     * order would: a multivariate hypergeometric draw, exact up to {@link #PICK_ONE_BY_ONE} picks (of
     * the smaller side), by normal approximations of each class's share above.
     */
    private void splitAdmitted(int n, long total, long admit) {
      if (admit == 0) {
        return;
      }
      if (admit == total || n == 1) {
        for (int j = 0; j < n; j++) {
          admitted[active[j]] = admit == total ? count[active[j]] : admit;
        }
        return;
      }
      boolean pickAdmitted = admit <= total - admit;
      long picks = pickAdmitted ? admit : total - admit;
      long[] picked = admitted; // counts picked per class, turned into admitted at the end
      if (picks <= PICK_ONE_BY_ONE) {
        long left = total;
        for (long i = 0; i < picks; i++) {
          long u = random.nextLong(left);
          for (int j = 0; j < n; j++) {
            int c = active[j];
            long there = count[c] - picked[c];
            if (u < there) {
              picked[c]++;
              break;
            }
            u -= there;
          }
          left--;
        }
      } else {
        long left = total;
        long draws = picks;
        for (int j = 0; j < n && draws > 0; j++) {
          int c = active[j];
          long k = count[c];
          long x;
          if (j == n - 1) {
            x = draws;
          } else {
            double mean = draws * (double) k / left;
            double variance = mean * (1.0 - (double) k / left) * (left - draws) / Math.max(1.0, left - 1.0);
            x = Math.round(mean + Math.sqrt(Math.max(0.0, variance)) * random.nextGaussian());
            x = Math.max(Math.max(0, draws - (left - k)), Math.min(Math.min(k, draws), x));
          }
          picked[c] = x;
          draws -= x;
          left -= k;
        }
      }
      if (!pickAdmitted) {
        for (int j = 0; j < n; j++) {
          int c = active[j];
          admitted[c] = count[c] - picked[c];
        }
      }
    }

    /** Sends the failures of a class on to their next retry, or counts them exhausted. */
    private void fail(int c, long cell, long failed) {
      if (plan.bins == 0) {
        int via = plan.pipelineOf[c];
        if (via < 0) {
          exhausted += failed;
        } else {
          inject(via, cell, failed);
        }
        return;
      }
      int[] to = plan.nodesOf[c];
      if (to == null) {
        exhausted += failed;
        return;
      }
      long[] here = nodes[plan.classRetry[c]];
      if (to.length == 1 || to[0] == to[1]) {
        here[to[0]] += failed;
      } else {
        long up = Binomial.half(random, failed);
        here[to[0]] += failed - up;
        here[to[1]] += up;
      }
      anyNode = true;
    }

    /** Decorrelated jitter: splits each retry's node counts down into the bins' pipelines. */
    private void splitNodes(long cell) {
      anyNode = false;
      for (int k = 0; k < nodes.length; k++) {
        long[] here = nodes[k];
        long carried = 0;
        for (int g = plan.bins; g >= 1; g--) {
          long x = here[g] + carried;
          here[g] = 0;
          if (x == 0) {
            carried = 0;
            continue;
          }
          long into = Binomial.draw(random, x, plan.keep[g]);
          if (into > 0) {
            inject(plan.binPipeline[k][g - 1], cell, into);
          }
          carried = x - into;
        }
      }
    }

    private void inject(int pipeline, long cell, long x) {
      Kernel k = plan.kernels[pipeline];
      long[] stage0 = stages[pipeline][0];
      long carried = k.carry > 0.0 ? Binomial.draw(random, x, k.carry) : 0;
      stage0[(int) (cell & 1)] += x - carried;
      stage0[(int) ((cell + 1) & 1)] += carried;
      pipelineTotal[pipeline] += x;
      waiting += x;
    }

    /**
     * Moves every pipeline's events at this cell one binary digit on; a block of the delay's width
     * whose digits are all drawn leaves for its class's ring.
     */
    private void advancePipelines(long cell) {
      for (int i = 0; i < stages.length; i++) {
        if (pipelineTotal[i] == 0) {
          continue;
        }
        Kernel k = plan.kernels[i];
        long[][] st = stages[i];
        int top = st.length - 1;
        long width = k.width;
        int target = plan.pipelineTarget[i];
        for (int l = 0; l <= top; l++) {
          long[] ring = st[l];
          int at = (int) (cell & (ring.length - 1));
          long x = ring[at];
          if (x == 0) {
            continue;
          }
          ring[at] = 0;
          if ((width & (1L << l)) != 0) {
            long blockStart = width & ((1L << l) - 1);
            long e = l == top ? x : Binomial.draw(random, x, (double) (1L << l) / ((width >>> l) << l));
            if (e > 0) {
              arrive(target, cell + k.shift + blockStart, cell, e);
              pipelineTotal[i] -= e;
              x -= e;
            }
          }
          if (x > 0) {
            long[] next = st[l + 1];
            int mask = next.length - 1;
            long y = Binomial.half(random, x);
            next[(int) (cell & mask)] += x - y;
            next[(int) ((cell + (1L << l)) & mask)] += y;
          }
        }
      }
    }

    private void arrive(int c, long at, long cell, long x) {
      pending[c][(int) (at & pendingMask[c])] += x;
      pendingTotal[c] += x;
      if (at == cell) {
        reentry = true;
      }
    }
  }
}
