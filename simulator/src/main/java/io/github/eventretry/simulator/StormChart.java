package io.github.eventretry.simulator;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.text.SafeText;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws a {@link StormResult} as an SVG chart: attempts per second over time, the destination's rate
 * limit as a dashed line, the outage shaded, both axes labelled, every label inside the picture. The
 * time axis spans the seconds that have attempts. The vertical axis is logarithmic when the peak is
 * more than 20 times the rate limit (it says so in its label); seconds without attempts are gaps there.
 * The title names the policy when the caller gives it. A pure function: the caller writes the string
 * where it wants.
 *
 * <p>Thread-safe: no state.
 */
public final class StormChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 460;
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final int MAX_POINTS = 1600;

  private StormChart() {}

  /**
   * Returns the chart of a result, titled without naming the policy.
   *
   * @param result the result
   * @return a complete SVG document
   * @throws NullPointerException if {@code result} is null
   */
  public static String svg(StormResult result) {
    Objects.requireNonNull(result, "result");
    return draw(result, "Retry storm");
  }

  /**
   * Returns the chart of a result, titled with the policy's name (such as its file name) and the first
   * characters of its fingerprint, so two charts side by side say which policy each shows.
   *
   * @param result the result
   * @param policy the policy simulated
   * @param policyName what to call it, such as {@code seed-policy.json}
   * @return a complete SVG document
   * @throws NullPointerException if an argument is null
   */
  public static String svg(StormResult result, RetryPolicy policy, String policyName) {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(policyName, "policyName");
    String fp = policy.fingerprint().value();
    return draw(result, SafeText.quote(policyName, 48) + " (" + fp.substring(0, Math.min(fp.length(), 15))
        + "…)");
  }

  private static String draw(StormResult result, String name) {
    double[] values = result.attemptsPerSecond().toArray();
    double limit = result.rateLimitRps();
    double outage = result.scenario().outageMillis() / 1000.0;
    // The axis covers where the attempts are, not the whole outage: a storm that is over in 17 s of a
    // 600 s outage is drawn over its 17 s, the outage shading running off the right edge.
    int last = values.length - 1;
    while (last > 0 && values[last] == 0) {
      last--;
    }
    double seconds = Math.max(Math.ceil((last + 1) * 1.05), 1.0);
    double smallest = Double.POSITIVE_INFINITY;
    for (double v : values) {
      if (v > 0) {
        smallest = Math.min(smallest, v);
      }
    }
    double peak = Math.max(result.peakAttemptsPerSecond(), limit);
    boolean log = result.peakAttemptsPerSecond() > 20 * limit;
    Scale y = log ? new LogScale(Math.min(smallest, limit), peak) : new LinearScale(peak * 1.1);
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;

    StringBuilder s = new StringBuilder(64 * 1024);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    s.append("<title>").append(escape(name)).append(": attempts per second</title>\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append("<text x=\"").append(WIDTH / 2).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">")
        .append(escape(name)).append("</text>\n");
    s.append("<text x=\"").append(WIDTH / 2).append("\" y=\"38\" text-anchor=\"middle\">")
        .append(escape(String.format(Locale.ROOT,
            "retry storm (%s): %,d events, %s s outage, peak %s attempts/s",
            result.engine().cliName(), Math.round(result.events()), fmt(outage),
            fmt(result.peakAttemptsPerSecond()))))
        .append("</text>\n");
    // Outage shading, clipped to the plot.
    double ox = LEFT + plotW * Math.min(outage, seconds) / seconds;
    if (outage > 0) {
      s.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"#f4c7c3\" opacity=\"0.6\"/>\n",
          LEFT, TOP, ox - LEFT, plotH));
      String label = outage > seconds
          ? "destination down (outage until " + fmt(outage) + " s)"
          : "destination down (outage)";
      double lx = Math.max(LEFT + 4, Math.min((LEFT + ox) / 2, LEFT + plotW - 4));
      s.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" fill=\"#a52714\">%s</text>\n",
          ox - LEFT < 260 ? LEFT + 4.0 : lx, TOP + 16, ox - LEFT < 260 ? "start" : "middle",
          escape(label)));
    }
    // Axes, ticks and grid.
    s.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>\n", LEFT, TOP, LEFT,
        TOP + plotH));
    s.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n", LEFT, TOP + plotH,
        LEFT + plotW, TOP + plotH));
    for (double tick : xTicks(seconds)) {
      double x = LEFT + plotW * tick / seconds;
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>"
              + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
          x, TOP + plotH, x, TOP + plotH + 5, x, TOP + plotH + 19, fmt(tick)));
    }
    for (double tick : y.ticks()) {
      double py = TOP + plotH * (1 - y.position(tick));
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\"/>"
              + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
          LEFT, py, LEFT + plotW, py, LEFT - 6, py + 4, fmt(tick)));
    }
    s.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">time since the first failure (seconds)"
            + "</text>\n", LEFT + plotW / 2, HEIGHT - 18));
    s.append(String.format(Locale.ROOT,
        "<text transform=\"translate(22 %.1f) rotate(-90)\" text-anchor=\"middle\">attempts per second%s"
            + "</text>\n", TOP + plotH / 2, log ? " (log scale)" : ""));
    // The series, as steps, at most MAX_POINTS buckets (each the largest second it covers). On the log
    // scale a bucket with no attempts has no place (log 0): the line breaks there instead of touching 1.
    int shown = Math.min(values.length, (int) Math.ceil(seconds));
    int points = Math.min(shown, MAX_POINTS);
    StringBuilder path = new StringBuilder();
    boolean drawing = false;
    for (int p = 0; p < points; p++) {
      int from = (int) ((long) p * shown / points);
      int to = (int) ((long) (p + 1) * shown / points);
      double v = 0;
      for (int i = from; i < to; i++) {
        v = Math.max(v, values[i]);
      }
      if (log && v <= 0) {
        drawing = false;
        continue;
      }
      double x0 = LEFT + plotW * from / seconds;
      double x1 = LEFT + plotW * to / seconds;
      double py = TOP + plotH * (1 - y.position(v));
      path.append(drawing ? "L" : "M").append(String.format(Locale.ROOT, "%.1f %.1f", x0, py))
          .append(String.format(Locale.ROOT, " L%.1f %.1f ", x1, py));
      drawing = true;
    }
    if (path.length() > 0) {
      s.append("<path d=\"").append(path.toString().trim())
          .append("\" fill=\"none\" stroke=\"#1a73e8\" stroke-width=\"1.5\"/>\n");
    }
    // Rate limit, its label kept inside the plot.
    double ly = TOP + plotH * (1 - y.position(limit));
    s.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d93025\" stroke-width=\"1.5\""
            + " stroke-dasharray=\"6 4\"/>\n", LEFT, ly, LEFT + plotW, ly));
    double labelY = ly - 5 < TOP + 34 ? ly + 15 : ly - 5;
    s.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#d93025\">rate limit %s rps</text>\n",
        LEFT + plotW - 4, Math.min(labelY, TOP + plotH - 4), fmt(limit)));
    // Legend, inside the plot's top right corner.
    s.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1a73e8\" stroke-width=\"2\"/>"
            + "<text x=\"%.1f\" y=\"%d\">attempts per second</text>\n",
        LEFT + plotW - 150, TOP + 12, LEFT + plotW - 125, TOP + 12, LEFT + plotW - 120, TOP + 16));
    s.append("</svg>\n");
    return s.toString();
  }

  private static double[] xTicks(double max) {
    double step = niceStep(max / 6);
    int n = (int) Math.floor(max / step) + 1;
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * step;
    }
    return t;
  }

  private static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
    double f = raw / p;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * p;
  }

  private static String fmt(double v) {
    if (v != 0 && Math.abs(v) < 1) {
      return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(2)).stripTrailingZeros()
          .toPlainString();
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return String.format(Locale.ROOT, "%,.1f", v);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private interface Scale {
    double position(double v);

    double[] ticks();
  }

  private static final class LinearScale implements Scale {
    private final double max;

    LinearScale(double max) {
      this.max = Math.max(max, 1.0);
    }

    @Override
    public double position(double v) {
      return Math.max(0, Math.min(1, v / max));
    }

    @Override
    public double[] ticks() {
      double step = niceStep(max / 5);
      int n = (int) Math.floor(max / step) + 1;
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
        t[i] = i * step;
      }
      return t;
    }
  }

  private static final class LogScale implements Scale {
    private final double low;
    private final double decades;

    LogScale(double smallest, double max) {
      // From the decade of the smallest positive value (expected values can be below 1), at most
      // three decades below 1.
      this.low = Math.max(-3, Math.min(0, Math.floor(Math.log10(smallest))));
      this.decades = Math.max(1, Math.ceil(Math.log10(max)) - low);
    }

    @Override
    public double position(double v) {
      return v <= 0 ? 0 : Math.max(0, Math.min(1, (Math.log10(v) - low) / decades));
    }

    @Override
    public double[] ticks() {
      double[] t = new double[(int) decades + 1];
      for (int i = 0; i < t.length; i++) {
        t[i] = Math.pow(10, low + i);
      }
      return t;
    }
  }
}
