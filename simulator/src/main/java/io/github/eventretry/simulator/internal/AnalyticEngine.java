package io.github.eventretry.simulator.internal;

import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.DelaySchedule;
import io.github.eventretry.simulator.StormScenario;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected values of the open-loop storm by numerical convolution. The time of attempt {@code k} of
 * one event is a probability mass on a grid over the horizon (mass uniform within a cell; the finest
 * cell of {@link #cellMillis the ladder} from {@link #RESOLUTION_MILLIS} ms up for which at most
 * {@link #MAX_CELLS} cover the horizon);
 * the mass before the end of the outage fails and is convolved with the uniform delay of the next
 * retry; the rest is delivered. Events that all fail at t = 0 start as an exact point, not a cell.
 * Every count is that probability times {@code events}, so the cost depends on the grid and the number
 * of retries, never on the number of events.
 *
 * <p>Decorrelated jitter depends on the previous delay; its state is kept as {@link #PREVIOUS_BINS}
 * components binned geometrically by previous delay (between {@code base} and the largest delay the
 * retry can reach, {@code min(max, base * 3^(k+1))}), each with the mean previous delay of its bin, on
 * at most {@link #MAX_CELLS_DECORRELATED} cells.
 */
public final class AnalyticEngine {
  /** The finest cell, in milliseconds. */
  public static final double RESOLUTION_MILLIS = 0.25;
  /**
   * The most cells for every mode but decorrelated: 65,536 (it was 2^20, which cost 16 times as much
   * for no measurable gain in agreement with Monte Carlo).
   */
  public static final int MAX_CELLS = 1 << 16;
  /** The most cells for decorrelated jitter, whose cost is {@code PREVIOUS_BINS^2} times higher. */
  public static final int MAX_CELLS_DECORRELATED = 1 << 16;
  /** Bins of previous delay for decorrelated jitter. */
  public static final int PREVIOUS_BINS = 16;

  private AnalyticEngine() {}

  /**
   * Runs the computation.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @param progress told after each retry
   * @return the tally of expected values
   */
  public static Tally run(RetryPolicy policy, StormScenario scenario, Progress progress) {
    DelaySchedule schedule = DelaySchedule.of(policy);
    boolean decorrelated = policy.jitter() instanceof Jitter.Decorrelated;
    int most = decorrelated ? MAX_CELLS_DECORRELATED : MAX_CELLS;
    // Room for the up-to-one-cell spread each step adds, so no mass runs off the end of the grid.
    double wanted = Horizon.millis(policy, scenario) + 1000.0;
    double h = cellMillis(wanted, most);
    int n = (int) Math.ceil(wanted / h) + 16;
    double horizon = n * h;
    double events = scenario.events();
    double outage = scenario.outageMillis();
    int buckets = Horizon.seconds(horizon);
    double[] attemptsPerSecond = new double[buckets];
    double[] deliveriesPerSecond = new double[buckets];
    double[] deliveredGrid = new double[n];

    double[] first = new double[n];
    double span = scenario.arrivalSpanMillis();
    boolean point = span <= 0.0;
    if (point) {
      first[0] = 1.0;
    } else {
      for (int i = 0; i < n; i++) {
        double lo = i * h;
        double hi = Math.min(span, lo + h);
        if (hi <= lo) {
          break;
        }
        first[i] = (hi - lo) / span;
      }
    }
    List<Component> components = new ArrayList<>();
    components.add(new Component(schedule.initialPreviousMillis(), first));

    Tally tally = new Tally();
    // The sum of the components; without decorrelated jitter there is one, and it is its own sum.
    double[] all = decorrelated ? new double[n] : null;
    double[] success = new double[n];
    // Arrays whose mass has been used, zeroed again, for the next step's components: a run
    // allocates a fixed number of grids however many retries it has.
    ArrayDeque<double[]> spare = new ArrayDeque<>();
    int retries = schedule.retries();
    Convolver conv = new Convolver(n);
    for (int k = 0; k <= retries; k++) {
      progress.report(k / (retries + 1.0));
      boolean atZero = point && k == 0;
      int lowest = n;
      int highest = -1;
      for (Component c : components) {
        c.findSupport();
        lowest = Math.min(lowest, c.lowest);
        highest = Math.max(highest, c.highest);
      }
      if (highest < 0) {
        break; // every event already delivered
      }
      double[] here;
      if (components.size() == 1) {
        here = components.get(0).mass; // one component: its mass is every attempt
      } else {
        here = all;
        java.util.Arrays.fill(all, lowest, highest + 1, 0.0);
        for (Component c : components) {
          for (int i = c.lowest; i <= c.highest; i++) {
            all[i] += c.mass[i];
          }
        }
      }
      double attemptMass = 0.0;
      for (int i = lowest; i <= highest; i++) {
        attemptMass += here[i];
      }
      // Only cells that end after the outage deliver.
      int from = atZero ? 0 : Math.max(lowest, (int) Math.min(n, Math.floor(outage / h)));
      double deliveredMass = 0.0;
      for (int i = from; i <= highest; i++) {
        double v = here[i] * (1.0 - failFraction(i, h, outage, atZero));
        success[i] = v;
        deliveredMass += v;
        deliveredGrid[i] += v;
      }
      tally.attempts += attemptMass * events;
      tally.delivered += deliveredMass * events;
      if (atZero) {
        attemptsPerSecond[0] += here[0] * events;
        deliveriesPerSecond[0] += success[0] * events;
      } else {
        addToSeconds(here, lowest, highest, h, attemptsPerSecond, events);
        if (from <= highest) {
          addToSeconds(success, from, highest, h, deliveriesPerSecond, events);
        }
      }
      if (from <= highest) {
        java.util.Arrays.fill(success, from, highest + 1, 0.0);
      }
      double failed = 0.0;
      for (Component c : components) {
        double total = 0.0;
        if (atZero) {
          c.mass[0] *= failFraction(0, h, outage, true);
          total = c.mass[0];
        } else {
          // Cells that end by the outage fail whole, the one it ends in in part, later ones not at all.
          int whole = Math.min(c.highest + 1, (int) Math.min(n, Math.floor(outage / h)));
          for (int i = c.lowest; i < whole; i++) {
            total += c.mass[i];
          }
          for (int i = Math.max(whole, c.lowest); i <= c.highest; i++) {
            c.mass[i] *= failFraction(i, h, outage, false);
            total += c.mass[i];
          }
        }
        c.total = total;
        failed += total;
      }
      if (k == retries) {
        tally.exhausted = failed * events;
        break;
      }
      List<Component> next = new ArrayList<>();
      if (!decorrelated) {
        double[] out = take(spare, n);
        Component c = components.get(0);
        conv.prepare(c.mass, atZero);
        conv.addConvolved(out, schedule.lowMillis(k, 0) / h, schedule.highMillis(k, 0) / h, 1.0);
        next.add(new Component(0, out));
      } else {
        double[] edges = edges(policy, k);
        int bins = edges.length - 1;
        double[][] out = new double[bins][];
        double[] weightedPrevious = new double[bins];
        double[] weight = new double[bins];
        double base = policy.baseDelayMillis();
        for (Component c : components) {
          if (c.total <= 0.0) {
            continue;
          }
          conv.prepare(c.mass, atZero);
          double lo = base;
          double hi = schedule.highMillis(k, c.previous);
          for (int q = 0; q < bins; q++) {
            double x;
            double y;
            double w;
            if (hi - lo <= 1e-9) {
              boolean inBin = lo >= edges[q] && (lo < edges[q + 1] || q == bins - 1);
              if (!inBin) {
                continue;
              }
              x = lo;
              y = lo;
              w = 1.0;
            } else {
              x = Math.max(lo, edges[q]);
              y = Math.min(hi, edges[q + 1]);
              if (y <= x) {
                continue;
              }
              w = (y - x) / (hi - lo);
            }
            if (out[q] == null) {
              out[q] = take(spare, n);
            }
            conv.addConvolved(out[q], x / h, y / h, w);
            weightedPrevious[q] += w * c.total * (x + y) / 2.0;
            weight[q] += w * c.total;
          }
        }
        for (int q = 0; q < bins; q++) {
          if (out[q] != null && weight[q] > 0.0) {
            next.add(new Component(weightedPrevious[q] / weight[q], out[q]));
          } else if (out[q] != null) {
            java.util.Arrays.fill(out[q], 0.0);
            spare.push(out[q]);
          }
        }
      }
      for (Component c : components) {
        if (c.lowest <= c.highest) {
          java.util.Arrays.fill(c.mass, c.lowest, c.highest + 1, 0.0);
        }
        spare.push(c.mass);
      }
      components = next;
    }
    tally.attemptsPerSecond = attemptsPerSecond;
    tally.deliveriesPerSecond = deliveriesPerSecond;
    double tail = 0.0;
    for (int i = n - 1; i >= 0; i--) {
      tail += deliveredGrid[i] * events;
      if (tail >= 0.5) {
        tally.lastDeliveryMillis = Math.min(horizon, (i + 1) * h);
        break;
      }
    }
    return tally;
  }

  /**
   * The finest cell that covers {@code wanted} ms with at most {@code most - 16} cells. Up to 8 ms a
   * cell is a power-of-two number of milliseconds (whole-millisecond delays shift by whole cells);
   * above, a divisor of a second (10, 20, 25, ... 1000 ms) and then whole seconds; so every second
   * boundary is a cell boundary and a delay without jitter lands in the right second instead of
   * being smeared across two.
   */
  static double cellMillis(double wanted, int most) {
    for (double h : CELL_LADDER) {
      if (wanted / h <= most - 16) {
        return h;
      }
    }
    double h = 1000.0;
    while (wanted / h > most - 16) {
      h *= 2;
    }
    return h;
  }

  private static final double[] CELL_LADDER = {
      RESOLUTION_MILLIS, 0.5, 1, 2, 4, 8, 10, 20, 25, 40, 50, 100, 125, 200, 250, 500, 1000};

  /**
   * Bin edges for the delays drawn at retry {@code k} of a decorrelated policy: they lie in
   * [base, min(max, base * 3^(k+1))], which is core's {@link RetryPolicy#delayCeilingMillis(int)}.
   */
  private static double[] edges(RetryPolicy policy, int k) {
    double base = policy.baseDelayMillis();
    double max = policy.delayCeilingMillis(k);
    if (max <= base) {
      return new double[] {base, base};
    }
    double[] e = new double[PREVIOUS_BINS + 1];
    for (int q = 0; q <= PREVIOUS_BINS; q++) {
      e[q] = base * Math.pow(max / base, (double) q / PREVIOUS_BINS);
    }
    e[0] = base;
    e[PREVIOUS_BINS] = max;
    return e;
  }

  private static double failFraction(int cell, double h, double outage, boolean atZero) {
    if (atZero) {
      return outage > 0.0 ? 1.0 : 0.0; // a point at t = 0 fails while the destination is down
    }
    double lo = cell * h;
    if (lo + h <= outage) {
      return 1.0;
    }
    if (lo >= outage) {
      return 0.0;
    }
    return (outage - lo) / h;
  }

  private static double[] take(ArrayDeque<double[]> spare, int n) {
    double[] a = spare.poll();
    return a != null ? a : new double[n];
  }

  private static void addToSeconds(
      double[] mass, int from, int to, double h, double[] series, double events) {
    int last = series.length - 1;
    double perSecond = 1000.0 / h;
    if (perSecond == Math.rint(perSecond)) {
      // Every cell lies in one second (cells of 0.25 ms to 8 ms divide a second).
      int cells = (int) perSecond;
      int i = from;
      while (i <= to) {
        int second = i / cells;
        int end = Math.min(to, (second + 1) * cells - 1);
        double sum = 0.0;
        for (; i <= end; i++) {
          sum += mass[i];
        }
        series[Math.min(last, second)] += sum * events;
      }
      return;
    }
    for (int i = from; i <= to; i++) {
      double m = mass[i];
      if (m <= 0.0) {
        continue;
      }
      double s0 = i * h / 1000.0;
      double s1 = (i + 1) * h / 1000.0;
      double x = s0;
      while (x < s1) {
        long b = (long) x;
        double nx = Math.min(s1, b + 1.0);
        series[(int) Math.min(last, b)] += m * events * (nx - x) / (s1 - s0);
        if (nx <= x) {
          break;
        }
        x = nx;
      }
    }
  }

  private static final class Component {
    final double previous;
    final double[] mass;
    int lowest;
    int highest = -1;
    double total;

    Component(double previous, double[] mass) {
      this.previous = previous;
      this.mass = mass;
    }

    /** Finds the first and last cell with mass (an empty component gets lowest > highest). */
    void findSupport() {
      lowest = 0;
      while (lowest < mass.length && mass[lowest] == 0.0) {
        lowest++;
      }
      highest = mass.length - 1;
      while (highest >= lowest && mass[highest] == 0.0) {
        highest--;
      }
    }
  }

  /**
   * Convolves a cell mass (uniform within each cell) with a uniform delay in cell units, exactly, by
   * the second integral of the cumulative mass.
   */
  static final class Convolver {
    private final int n;
    private final double[] cumulative; // C[i] = mass of cells < i
    private final double[] integral; // GI[i] = integral of F from 0 to i
    private double[] m;
    private int lowest;
    private int highest;
    private boolean point;

    Convolver(int n) {
      this.n = n;
      this.cumulative = new double[n + 1];
      this.integral = new double[n + 1];
    }

    /** Prepares a source; {@code atZero}: its whole mass is cell 0's, as a point at t = 0. */
    void prepare(double[] mass, boolean atZero) {
      m = mass;
      point = atZero;
      lowest = 0;
      while (lowest < n && mass[lowest] == 0.0) {
        lowest++;
      }
      if (lowest == n) {
        lowest = -1;
        highest = -1;
        return;
      }
      highest = n - 1;
      while (mass[highest] == 0.0) {
        highest--;
      }
      // Only the support and what follows it is read: below it F and G are 0, above it they grow
      // linearly (see f and g).
      cumulative[lowest] = 0.0;
      integral[lowest] = 0.0;
      for (int i = lowest; i <= highest; i++) {
        cumulative[i + 1] = cumulative[i] + mass[i];
        integral[i + 1] = integral[i] + cumulative[i] + mass[i] / 2.0;
      }
    }

    private double f(double x) {
      if (x <= lowest) {
        return 0.0;
      }
      int end = highest + 1;
      if (x >= end) {
        return cumulative[end];
      }
      int i = (int) x;
      return cumulative[i] + m[i] * (x - i);
    }

    private double g(double x) {
      if (x <= lowest) {
        return 0.0;
      }
      int end = highest + 1;
      if (x >= end) {
        return integral[end] + cumulative[end] * (x - end);
      }
      int i = (int) x;
      double r = x - i;
      return integral[i] + cumulative[i] * r + m[i] * r * r / 2.0;
    }

    /** Adds {@code weight} times the mass shifted by a uniform delay in [a, b] cells to {@code out}. */
    void addConvolved(double[] out, double a, double b, double weight) {
      if (lowest < 0) {
        return;
      }
      int from = Math.max(0, lowest + (int) Math.floor(a));
      int to = Math.min(n - 1, highest + (int) Math.ceil(b) + 1);
      double width = b - a;
      if (point) {
        double mass = m[0];
        if (width < 1e-6) {
          out[Math.min(n - 1, (int) ((a + b) / 2.0))] += weight * mass;
          return;
        }
        for (int j = Math.max(0, (int) Math.floor(a)); j <= Math.min(n - 1, (int) Math.ceil(b)); j++) {
          double overlap = Math.min(b, j + 1.0) - Math.max(a, j);
          if (overlap > 0.0) {
            out[j] += weight * mass * overlap / width;
          }
        }
        return;
      }
      if (width < 1e-6) {
        // A shift: cell j gets F(j + 1 - s) - F(j - s), each F computed once.
        double s = (a + b) / 2.0;
        double previous = f(from - s);
        for (int j = from; j <= to; j++) {
          double next = f(j + 1 - s);
          double v = next - previous;
          previous = next;
          if (v > 0.0) {
            out[j] += weight * v;
          }
        }
        return;
      }
      // Cell j gets (G(j+1-a) - G(j-a) - G(j+1-b) + G(j-b)) / width; each G computed once.
      double scale = weight / width;
      double ga = g(from - a);
      double gb = g(from - b);
      for (int j = from; j <= to; j++) {
        double na = g(j + 1 - a);
        double nb = g(j + 1 - b);
        double v = (na - ga) - (nb - gb);
        ga = na;
        gb = nb;
        if (v > 0.0) {
          out[j] += scale * v;
        }
      }
    }
  }
}
