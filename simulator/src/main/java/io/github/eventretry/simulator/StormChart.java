package io.github.eventretry.simulator;

import java.util.Locale;
import java.util.Objects;

/**
 * Draws a {@link StormResult} as an SVG chart: attempts per second over time, the destination's rate
 * limit as a dashed line, the outage shaded, both axes labelled. The vertical axis is logarithmic when
 * the peak is more than 20 times the rate limit (it says so in its label). A pure function: the caller
 * writes the string where it wants.
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
   * Returns the chart of a result.
   *
   * @param result the result
   * @return a complete SVG document
   * @throws NullPointerException if {@code result} is null
   */
  public static String svg(StormResult result) {
    Objects.requireNonNull(result, "result");
    double[] values = result.attemptsPerSecond().toArray();
    double limit = result.rateLimitRps();
    double outage = result.scenario().outageMillis() / 1000.0;
    double seconds = Math.max(Math.max(values.length, outage * 1.05), 1.0);
    double peak = Math.max(result.peakAttemptsPerSecond(), limit);
    boolean log = result.peakAttemptsPerSecond() > 20 * limit;
    Scale y = log ? new LogScale(peak) : new LinearScale(peak * 1.1);
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;

    StringBuilder s = new StringBuilder(64 * 1024);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    s.append("<title>Retry storm: attempts per second</title>\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append("<text x=\"").append(WIDTH / 2).append("\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">")
        .append(escape(String.format(Locale.ROOT,
            "Retry storm (%s): %,d events, %s s outage, peak %s attempts/s",
            result.engine().cliName(), Math.round(result.events()), fmt(outage),
            fmt(result.peakAttemptsPerSecond()))))
        .append("</text>\n");
    // Outage shading.
    double ox = LEFT + plotW * Math.min(outage, seconds) / seconds;
    if (outage > 0) {
      s.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"#f4c7c3\" opacity=\"0.6\"/>\n",
          LEFT, TOP, ox - LEFT, plotH));
      s.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#a52714\">destination down"
              + " (outage)</text>\n", (LEFT + ox) / 2, TOP + 16));
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
    // The series, as steps, at most MAX_POINTS buckets (each the largest second it covers).
    int points = Math.min(values.length, MAX_POINTS);
    StringBuilder path = new StringBuilder();
    for (int p = 0; p < points; p++) {
      int from = (int) ((long) p * values.length / points);
      int to = (int) ((long) (p + 1) * values.length / points);
      double v = 0;
      for (int i = from; i < to; i++) {
        v = Math.max(v, values[i]);
      }
      double x0 = LEFT + plotW * from / seconds;
      double x1 = LEFT + plotW * to / seconds;
      double py = TOP + plotH * (1 - y.position(v));
      path.append(p == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", x0, py))
          .append(String.format(Locale.ROOT, " L%.1f %.1f ", x1, py));
    }
    if (points > 0) {
      s.append("<path d=\"").append(path.toString().trim())
          .append("\" fill=\"none\" stroke=\"#1a73e8\" stroke-width=\"1.5\"/>\n");
    }
    // Rate limit.
    double ly = TOP + plotH * (1 - y.position(limit));
    s.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d93025\" stroke-width=\"1.5\""
            + " stroke-dasharray=\"6 4\"/>\n", LEFT, ly, LEFT + plotW, ly));
    s.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#d93025\">rate limit %s rps</text>\n",
        LEFT + plotW - 4, ly - 5, fmt(limit)));
    // Legend.
    s.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"40\" x2=\"%.1f\" y2=\"40\" stroke=\"#1a73e8\" stroke-width=\"2\"/>"
            + "<text x=\"%.1f\" y=\"44\">attempts per second</text>\n",
        LEFT + plotW - 190, LEFT + plotW - 165, LEFT + plotW - 160));
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
    private final double decades;

    LogScale(double max) {
      this.decades = Math.max(1, Math.ceil(Math.log10(max)));
    }

    @Override
    public double position(double v) {
      // 0 and values below 1 sit on the axis: "no attempts" reads as the floor of the chart.
      return v < 1 ? 0 : Math.min(1, Math.log10(v) / decades);
    }

    @Override
    public double[] ticks() {
      double[] t = new double[(int) decades + 1];
      for (int i = 0; i < t.length; i++) {
        t[i] = Math.pow(10, i);
      }
      return t;
    }
  }
}
