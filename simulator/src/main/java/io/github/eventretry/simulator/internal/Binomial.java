package io.github.eventretry.simulator.internal;

import java.util.random.RandomGenerator;

/**
 * Binomial draws for the aggregate closed loop: how many of {@code n} events, each independently with
 * probability {@code p}, take one way. Exact in distribution (up to the generator's doubles): a fair
 * coin for up to 64 events is one {@code nextLong()}'s bit count; a small mean is inverted from the
 * probabilities; a large one is Hörmann's BTRD (transformed rejection with decomposition, "The
 * generation of binomial random variates", J. Statist. Comput. Simul. 46, 1993), whose cost does not
 * grow with {@code n}. Pure: every draw comes from the generator passed in.
 */
public final class Binomial {
  /** Below this mean (of the smaller side) the draw inverts the probabilities one by one. */
  private static final double INVERSION_BELOW = 14.0;

  // log(k!) - ((k + 1/2) log(k + 1) - (k + 1) + log(2 pi) / 2): Stirling's remainder, exact for small k.
  private static final double[] STIRLING = new double[10];

  static {
    double logFactorial = 0.0;
    for (int k = 0; k < STIRLING.length; k++) {
      if (k > 0) {
        logFactorial += Math.log(k);
      }
      STIRLING[k] = logFactorial - ((k + 0.5) * Math.log(k + 1.0) - (k + 1.0)
          + 0.5 * Math.log(2.0 * Math.PI));
    }
  }

  private Binomial() {}

  /**
   * Draws Binomial(n, p).
   *
   * @param random the generator
   * @param n trials, 0 or more
   * @param p probability of each, in [0, 1]
   * @return the number of successes, 0 to {@code n}
   */
  public static long draw(RandomGenerator random, long n, double p) {
    if (n <= 0 || p <= 0.0) {
      return 0;
    }
    if (p >= 1.0) {
      return n;
    }
    if (p == 0.5 && n <= 64) {
      return Long.bitCount(random.nextLong() >>> (64 - n));
    }
    if (p > 0.5) {
      return n - drawAtMostHalf(random, n, 1.0 - p);
    }
    return drawAtMostHalf(random, n, p);
  }

  /**
   * Draws a fair split: how many of {@code n} go the second way.
   *
   * @param random the generator
   * @param n 0 or more
   * @return 0 to {@code n}
   */
  public static long half(RandomGenerator random, long n) {
    if (n <= 64) {
      return n <= 0 ? 0 : Long.bitCount(random.nextLong() >>> (64 - n));
    }
    if (n <= 1024) {
      long k = 0;
      long left = n;
      while (left >= 64) {
        k += Long.bitCount(random.nextLong());
        left -= 64;
      }
      return left == 0 ? k : k + Long.bitCount(random.nextLong() >>> (64 - left));
    }
    return drawAtMostHalf(random, n, 0.5);
  }

  private static long drawAtMostHalf(RandomGenerator random, long n, double p) {
    if (n * p < INVERSION_BELOW) {
      return inversion(random, n, p);
    }
    return btrd(random, n, p);
  }

  /** Sequential search from 0; expected n*p + 1 steps, n*p below {@link #INVERSION_BELOW}. */
  private static long inversion(RandomGenerator random, long n, double p) {
    double q = 1.0 - p;
    double s = p / q;
    double a = (n + 1) * s;
    double r = Math.exp(n * Math.log1p(-p)); // q^n without underflow for large n and small p
    double u = random.nextDouble();
    long x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) {
        // Rounding left u above the total mass; start again rather than return a biased tail.
        x = 0;
        r = Math.exp(n * Math.log1p(-p));
        u = random.nextDouble();
        continue;
      }
      r *= a / x - s;
    }
    return x;
  }

  private static double stirling(double k) {
    if (k < STIRLING.length) {
      return STIRLING[(int) k];
    }
    double k1 = k + 1.0;
    double k1sq = k1 * k1;
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / k1sq) / k1sq) / k1;
  }

  /** BTRD for p at most 1/2 and n * p at least {@link #INVERSION_BELOW}. */
  private static long btrd(RandomGenerator random, long n, double p) {
    double nd = n;
    double m = Math.floor((nd + 1) * p);
    double r = p / (1.0 - p);
    double nr = (nd + 1) * r;
    double npq = nd * p * (1.0 - p);
    double sqrtNpq = Math.sqrt(npq);
    double b = 1.15 + 2.53 * sqrtNpq;
    double a = -0.0873 + 0.0248 * b + 0.01 * p;
    double c = nd * p + 0.5;
    double alpha = (2.83 + 5.1 / b) * sqrtNpq;
    double vr = 0.92 - 4.2 / b;
    double urvr = 0.86 * vr;
    while (true) {
      double v = random.nextDouble();
      double u;
      if (v <= urvr) {
        u = v / vr - 0.43;
        return (long) Math.floor((2.0 * a / (0.5 - Math.abs(u)) + b) * u + c);
      }
      if (v >= vr) {
        u = random.nextDouble() - 0.5;
      } else {
        u = v / vr - 0.93;
        u = Math.signum(u) * 0.5 - u;
        v = random.nextDouble() * vr;
      }
      double us = 0.5 - Math.abs(u);
      double k = Math.floor((2.0 * a / us + b) * u + c);
      if (k < 0 || k > nd) {
        continue;
      }
      v = v * alpha / (a / (us * us) + b);
      double km = Math.abs(k - m);
      if (km <= 15) {
        // f(k) / f(m) by the recurrence f(i) / f(i - 1) = (n + 1 - i) / i * p / (1 - p).
        double f = 1.0;
        if (m < k) {
          for (double i = m + 1; i <= k; i++) {
            f *= nr / i - r;
          }
        } else if (m > k) {
          for (double i = k + 1; i <= m; i++) {
            v *= nr / i - r;
          }
        }
        if (v <= f) {
          return (long) k;
        }
        continue;
      }
      // Squeeze on log f(k) / f(m), then the exact comparison through Stirling's formula.
      v = Math.log(v);
      double rho = km / npq * (((km / 3.0 + 0.625) * km + 1.0 / 6.0) / npq + 0.5);
      double t = -km * km / (2.0 * npq);
      if (v < t - rho) {
        return (long) k;
      }
      if (v > t + rho) {
        continue;
      }
      double nm = nd - m + 1;
      double h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + stirling(m) + stirling(nd - m);
      double nk = nd - k + 1;
      if (v <= h + (nd + 1) * Math.log(nm / nk) + (k + 0.5) * Math.log(nk * r / (k + 1))
          - stirling(k) - stirling(nd - k)) {
        return (long) k;
      }
    }
  }
}
