package io.github.eventretry.genesys.testing;

import java.util.random.RandomGenerator;

/** Always draws the same double, to pin the jitter. */
public final class FixedRandom implements RandomGenerator {
  private final double u;

  public FixedRandom(double u) {
    this.u = u;
  }

  @Override
  public long nextLong() {
    return (long) (u * Long.MAX_VALUE);
  }

  @Override
  public double nextDouble() {
    return u;
  }
}
