package io.github.eventretry.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The binomial draws of the aggregate closed loop against the exact distribution: a chi-square test
 * of 200,000 draws over the bins of the probability mass function, for every branch (the bit count of
 * a fair coin, inversion of a small mean, BTRD), and the mean and variance for huge {@code n}.
 */
class BinomialTest {

  /** log(n choose k) + k log p + (n - k) log(1 - p), with log-factorials summed exactly. */
  private static double[] pmf(int n, double p) {
    double[] logFactorial = new double[n + 1];
    for (int i = 1; i <= n; i++) {
      logFactorial[i] = logFactorial[i - 1] + Math.log(i);
    }
    double[] f = new double[n + 1];
    for (int k = 0; k <= n; k++) {
      f[k] = Math.exp(logFactorial[n] - logFactorial[k] - logFactorial[n - k]
          + k * Math.log(p) + (n - k) * Math.log1p(-p));
    }
    return f;
  }

  @ParameterizedTest(name = "Binomial({0}, {1})")
  @CsvSource({
      "1, 0.5", "7, 0.5", "64, 0.5", "65, 0.5", "1000, 0.5", "5000, 0.5",
      "10, 0.3", "40, 0.2", "1000, 0.013", "100, 0.9",
      "100, 0.3", "1000, 0.02", "1000, 0.3", "20000, 0.25", "3000, 0.77", "30, 0.47"})
  void drawsFollowTheBinomialDistribution(int n, double p) {
    double[] f = pmf(n, p);
    int draws = 200_000;
    long[] seen = new long[n + 1];
    SplittableRandom random = new SplittableRandom(n * 31L + Double.doubleToLongBits(p));
    for (int i = 0; i < draws; i++) {
      long k = p == 0.5 ? Binomial.half(random, n) : Binomial.draw(random, n, p);
      assertThat(k).isBetween(0L, (long) n);
      seen[(int) k]++;
    }
    // Pool the tails so that every bin expects at least 20 draws.
    double chi = 0.0;
    int bins = 0;
    double expected = 0.0;
    long observed = 0;
    for (int k = 0; k <= n; k++) {
      expected += f[k] * draws;
      observed += seen[k];
      if (expected >= 20.0 || k == n) {
        chi += (observed - expected) * (observed - expected) / Math.max(expected, 1e-9);
        bins++;
        expected = 0.0;
        observed = 0;
      }
    }
    int dof = Math.max(1, bins - 1);
    // Far above the 99.99th percentile of chi-square with dof degrees of freedom (mean dof, sd
    // sqrt(2 dof)): a real bias fails by orders of magnitude, noise never does.
    assertThat(chi).as("chi-square over %d bins", bins).isLessThan(dof + 8.0 * Math.sqrt(2.0 * dof) + 20);
  }

  @ParameterizedTest(name = "Binomial({0}, {1})")
  @CsvSource({"1000000000000, 0.5", "1000000000000, 0.000001", "123456789, 0.3", "100000000, 0.99"})
  void hugeDrawsHaveTheRightMeanAndVariance(long n, double p) {
    SplittableRandom random = new SplittableRandom(5);
    int draws = 40_000;
    double sum = 0.0;
    double sumSq = 0.0;
    double mean = n * p;
    for (int i = 0; i < draws; i++) {
      long k = Binomial.draw(random, n, p);
      assertThat(k).isBetween(0L, n);
      double d = k - mean;
      sum += d;
      sumSq += d * d;
    }
    double variance = n * p * (1 - p);
    double sampleMean = sum / draws;
    double sampleVariance = sumSq / draws - sampleMean * sampleMean;
    assertThat(Math.abs(sampleMean)).isLessThan(6.0 * Math.sqrt(variance / draws));
    assertThat(sampleVariance / variance).isBetween(0.95, 1.05);
  }

  @Test
  void edgesAreExact() {
    SplittableRandom random = new SplittableRandom(1);
    assertThat(Binomial.draw(random, 0, 0.3)).isZero();
    assertThat(Binomial.draw(random, 10, 0.0)).isZero();
    assertThat(Binomial.draw(random, 10, 1.0)).isEqualTo(10);
    assertThat(Binomial.half(random, 0)).isZero();
    assertThat(Binomial.draw(random, Long.MAX_VALUE / 4, 1.0)).isEqualTo(Long.MAX_VALUE / 4);
  }
}
