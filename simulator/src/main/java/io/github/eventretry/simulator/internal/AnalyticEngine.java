package io.github.eventretry.simulator.internal;

import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.simulator.DelaySchedule;
import io.github.eventretry.simulator.StormScenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected values of the open-loop storm by numerical convolution. The time of attempt {@code k} of
 * one event is a probability mass on a grid of {@link #CELLS} cells over the horizon (mass uniform
 * within a cell); the mass before the end of the outage fails and is convolved with the uniform delay
 * of the next retry; the rest is delivered. Every count is that probability times {@code events}, so
 * the cost depends on the grid and the number of retries, never on the number of events.
 *
 * <p>Decorrelated jitter depends on the previous delay; its state is kept as {@link #PREVIOUS_BINS}
 * components binned geometrically by previous delay, each with the mean previous delay of its bin, on
 * a grid of {@link #CELLS_DECORRELATED} cells.
 */
public final class AnalyticEngine {
  /** Grid cells for every mode but decorrelated. */
  public static final int CELLS = 1 << 16;
  /** Grid cells for decorrelated jitter. */
  public static final int CELLS_DECORRELATED = 1 << 14;
  /** Bins of previous delay for decorrelated jitter. */
  public static final int PREVIOUS_BINS = 16;

  private AnalyticEngine() {}

  /**
   * Runs the computation.
   *
   * @param policy the policy
   * @param scenario the scenario
   * @return the tally of expected values
   */
  public static Tally run(RetryPolicy policy, StormScenario scenario) {
    DelaySchedule schedule = DelaySchedule.of(policy);
    boolean decorrelated = policy.jitter() instanceof Jitter.Decorrelated;
    int n = decorrelated ? CELLS_DECORRELATED : CELLS;
    // Room for the up-to-one-cell spread each step adds, so no mass runs off the end of the grid.
    double horizon = Horizon.millis(policy, scenario) * (1.0 + 16.0 / n) + 1000.0;
    double h = horizon / n;
    double events = scenario.events();
    double outage = scenario.outageMillis();
    int buckets = Horizon.seconds(horizon);
    double[] attemptsPerSecond = new double[buckets];
    double[] deliveriesPerSecond = new double[buckets];
    double[] deliveredGrid = new double[n];

    double[] first = new double[n];
    double span = scenario.arrivalSpanMillis();
    if (span <= 0.0) {
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
    double[] all = new double[n];
    double[] success = new double[n];
    int retries = schedule.retries();
    Convolver conv = new Convolver(n);
    double[] edges = decorrelated ? edges(policy) : null;
    for (int k = 0; k <= retries; k++) {
      java.util.Arrays.fill(all, 0.0);
      for (Component c : components) {
        for (int i = 0; i < n; i++) {
          all[i] += c.mass[i];
        }
      }
      double attemptMass = 0.0;
      double deliveredMass = 0.0;
      for (int i = 0; i < n; i++) {
        attemptMass += all[i];
        success[i] = all[i] * (1.0 - failFraction(i, h, outage));
        deliveredMass += success[i];
        deliveredGrid[i] += success[i];
      }
      tally.attempts += attemptMass * events;
      tally.delivered += deliveredMass * events;
      addToSeconds(all, h, attemptsPerSecond, events);
      addToSeconds(success, h, deliveriesPerSecond, events);
      for (Component c : components) {
        for (int i = 0; i < n; i++) {
          c.mass[i] *= failFraction(i, h, outage);
        }
      }
      if (k == retries) {
        double failed = 0.0;
        for (Component c : components) {
          for (double m : c.mass) {
            failed += m;
          }
        }
        tally.exhausted = failed * events;
        break;
      }
      List<Component> next = new ArrayList<>();
      if (!decorrelated) {
        double[] out = new double[n];
        conv.prepare(components.get(0).mass);
        conv.addConvolved(out, schedule.lowMillis(k, 0) / h, schedule.highMillis(k, 0) / h, 1.0);
        next.add(new Component(0, out));
      } else {
        int bins = edges.length - 1;
        double[][] out = new double[bins][];
        double[] weightedPrevious = new double[bins];
        double[] weight = new double[bins];
        double base = policy.baseDelayMillis();
        for (Component c : components) {
          double total = 0.0;
          for (double m : c.mass) {
            total += m;
          }
          if (total <= 0.0) {
            continue;
          }
          conv.prepare(c.mass);
          double lo = base;
          double hi = schedule.highMillis(k, c.previous);
          for (int q = 0; q < bins; q++) {
            double x;
            double y;
            double w;
            if (hi - lo <= 1e-9) {
              boolean here = lo >= edges[q] && (lo < edges[q + 1] || q == bins - 1);
              if (!here) {
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
              out[q] = new double[n];
            }
            conv.addConvolved(out[q], x / h, y / h, w);
            weightedPrevious[q] += w * total * (x + y) / 2.0;
            weight[q] += w * total;
          }
        }
        for (int q = 0; q < bins; q++) {
          if (out[q] != null && weight[q] > 0.0) {
            next.add(new Component(weightedPrevious[q] / weight[q], out[q]));
          }
        }
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

  private static double[] edges(RetryPolicy policy) {
    double base = policy.baseDelayMillis();
    double max = policy.maxDelayMillis();
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

  private static double failFraction(int cell, double h, double outage) {
    double lo = cell * h;
    if (lo + h <= outage) {
      return 1.0;
    }
    if (lo >= outage) {
      return 0.0;
    }
    return (outage - lo) / h;
  }

  private static void addToSeconds(double[] mass, double h, double[] series, double events) {
    int last = series.length - 1;
    for (int i = 0; i < mass.length; i++) {
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

    Component(double previous, double[] mass) {
      this.previous = previous;
      this.mass = mass;
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

    Convolver(int n) {
      this.n = n;
      this.cumulative = new double[n + 1];
      this.integral = new double[n + 1];
    }

    void prepare(double[] mass) {
      m = mass;
      lowest = -1;
      highest = -1;
      for (int i = 0; i < n; i++) {
        cumulative[i + 1] = cumulative[i] + mass[i];
        integral[i + 1] = integral[i] + cumulative[i] + mass[i] / 2.0;
        if (mass[i] != 0.0) {
          if (lowest < 0) {
            lowest = i;
          }
          highest = i;
        }
      }
    }

    private double f(double x) {
      if (x <= 0.0) {
        return 0.0;
      }
      if (x >= n) {
        return cumulative[n];
      }
      int i = (int) x;
      return cumulative[i] + m[i] * (x - i);
    }

    private double g(double x) {
      if (x <= 0.0) {
        return 0.0;
      }
      if (x >= n) {
        return integral[n] + cumulative[n] * (x - n);
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
      if (width < 1e-6) {
        double s = (a + b) / 2.0;
        for (int j = from; j <= to; j++) {
          double v = f(j + 1 - s) - f(j - s);
          if (v > 0.0) {
            out[j] += weight * v;
          }
        }
        return;
      }
      for (int j = from; j <= to; j++) {
        double v = (g(j + 1 - a) - g(j + 1 - b) - g(j - a) + g(j - b)) / width;
        if (v > 0.0) {
          out[j] += weight * v;
        }
      }
    }
  }
}
