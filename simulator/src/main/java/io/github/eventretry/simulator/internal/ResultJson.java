package io.github.eventretry.simulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.simulator.Finding;
import io.github.eventretry.simulator.StormResult;

/**
 * The JSON form of a {@link StormResult}, the one the command line prints. Jackson stays behind this
 * class: no Jackson type is in the simulator's API.
 */
public final class ResultJson {
  // The same layout as the policy's JSON: two-space indent, "\n", "name" : value.
  private static final ObjectWriter PRETTY = new ObjectMapper().writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private ResultJson() {}

  /**
   * Writes a result.
   *
   * @param r the result
   * @return pretty JSON, no newline at the end
   */
  public static String write(StormResult r) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("engine", r.engine().cliName());
    o.put("events", Math.round(r.events()));
    o.put("attempts", Math.round(r.attempts()));
    o.put("delivered", Math.round(r.delivered()));
    o.put("dead_lettered", Math.round(r.deadLettered()));
    o.put("dropped", Math.round(r.dropped()));
    o.put("throttled", Math.round(r.throttled()));
    o.put("peak_attempts_per_second", round3(r.peakAttemptsPerSecond()));
    o.put("seconds_over_rate_limit", r.secondsOverRateLimit());
    o.put("drain_seconds", round3(r.drainSeconds()));
    o.put("peak_bandwidth_kbps", round3(r.peakBandwidthKbps()));
    o.put("rate_limit_rps", r.rateLimitRps());
    o.put("outage_seconds", r.scenario().outageMillis() / 1000.0);
    ArrayNode list = o.putArray("findings");
    for (Finding x : r.findings()) {
      list.addObject()
          .put("severity", x.severity().jsonName())
          .put("code", x.code().name())
          .put("message", x.message());
    }
    try {
      return PRETTY.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values could not be written", e);
    }
  }

  private static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
