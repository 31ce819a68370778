package io.github.eventretry.eventbridge.emulator.internal;

import io.github.eventretry.eventbridge.emulator.DeliveryModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An in-memory Amazon CloudWatch for {@code GetMetricData}, {@code PutMetricData} and
 * {@code ListMetrics}: metrics callers put, and EventBridge's {@code AWS/Events} metrics, which it
 * derives minute by minute from the delivery model and the targets each rule had at that minute. As
 * EventBridge does, a metric whose value is zero in a minute has no datapoint there; rules on the
 * default bus are dimensioned by {@code RuleName} alone, rules on other buses by {@code EventBusName}
 * and {@code RuleName}.
 *
 * <p>Not thread-safe: the emulator calls it under its lock.
 */
public final class CloudWatchFake {
  /** The metrics EventBridge publishes per rule that this fake derives. */
  public static final List<String> EVENTS_METRICS = List.of("Invocations", "FailedInvocations",
      "RetryInvocationAttempts", "InvocationsSentToDlq", "InvocationAttempts",
      "SuccessfulInvocationAttempts", "TriggeredRules", "IngestionToInvocationSuccessLatency");

  private static final Pattern QUERY_ID = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");
  private static final List<String> STATS = List.of("Sum", "Average", "SampleCount", "Minimum",
      "Maximum");
  private static final Duration RETENTION = Duration.ofDays(15);
  private static final Tree T = Tree.CLOUDWATCH;

  private final Clock clock;
  private final DeliveryModel model;
  private final Function<Instant, List<DeliveryModel.Target>> targetsAt;
  private final Function<Void, Map<String, List<String>>> rules;
  private final int listPageSize;
  private final int datapointPageSize;
  private final Map<MetricKey, List<Stat>> stored = new LinkedHashMap<>();
  private final Map<String, Map<String, Stat>> minuteCache = new HashMap<>();

  /**
   * Creates the fake.
   *
   * @param clock the clock: no datapoint is derived past its instant
   * @param model the delivery model
   * @param targetsAt the targets of enabled rules at an instant
   * @param rules the rules of each bus
   * @param pageSize a page size for every list and datapoint page, or 0 for AWS's (500 metrics, 100,800
   *     datapoints)
   */
  public CloudWatchFake(Clock clock, DeliveryModel model,
      Function<Instant, List<DeliveryModel.Target>> targetsAt,
      Function<Void, Map<String, List<String>>> rules, int pageSize) {
    this.clock = clock;
    this.model = model;
    this.targetsAt = targetsAt;
    this.rules = rules;
    this.listPageSize = pageSize > 0 ? pageSize : 500;
    this.datapointPageSize = pageSize > 0 ? pageSize : 100_800;
  }

  /** A metric's identity: namespace, name and its dimensions (sorted by name). */
  record MetricKey(String namespace, String name, Map<String, String> dimensions) {}

  /** A statistic set: what one published datapoint, or an aggregate of several, carries. */
  record Stat(Instant at, double count, double sum, double min, double max) {
    Stat plus(Stat o) {
      return new Stat(at, count + o.count, sum + o.sum, Math.min(min, o.min), Math.max(max, o.max));
    }

    static Stat of(Instant at, double v) {
      return new Stat(at, 1, v, v, v);
    }
  }

  /**
   * Answers one operation.
   *
   * @param operation {@code GetMetricData}, {@code PutMetricData} or {@code ListMetrics}
   * @param in the decoded request
   * @return the response members
   * @throws AwsError for CloudWatch's errors
   */
  public Map<String, Object> handle(String operation, Map<String, Object> in) {
    return switch (operation) {
      case "GetMetricData" -> getMetricData(in);
      case "PutMetricData" -> putMetricData(in);
      case "ListMetrics" -> listMetrics(in);
      default -> throw AwsError.cloudWatch(400, "InvalidAction", "The action " + operation
          + " is not valid for this web service.");
    };
  }

  /** Whether an operation is one this fake serves. */
  static boolean serves(String operation) {
    return List.of("GetMetricData", "PutMetricData", "ListMetrics").contains(operation);
  }

  private static AwsError invalid(String message) {
    return AwsError.cloudWatch(400, "InvalidParameterValue", message);
  }

  private static AwsError missing(String parameter) {
    return AwsError.cloudWatch(400, "MissingParameter", "The parameter " + parameter
        + " is required.");
  }

  private static Map<String, String> dimensions(List<Map<String, Object>> list, String at,
      boolean valueRequired) {
    Map<String, String> out = new TreeMap<>();
    if (list == null) {
      return out;
    }
    if (list.size() > 30) {
      throw invalid("The collection " + at + " must not have a size greater than 30.");
    }
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> d = list.get(i);
      String name = T.text(d, "Name");
      String value = T.text(d, "Value");
      if (name == null || name.isEmpty()) {
        throw missing(at + ".member." + (i + 1) + ".Name");
      }
      if (valueRequired && value == null) {
        throw missing(at + ".member." + (i + 1) + ".Value");
      }
      out.put(name, value);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------- PutMetricData

  private Map<String, Object> putMetricData(Map<String, Object> in) {
    String namespace = T.text(in, "Namespace");
    if (namespace == null) {
      throw missing("Namespace");
    }
    if (namespace.isEmpty() || namespace.length() > 255 || namespace.startsWith("AWS/")) {
      throw invalid("The value " + namespace + " for parameter Namespace is invalid.");
    }
    List<Map<String, Object>> data = T.maps(in, "MetricData");
    if (data == null) {
      throw missing("MetricData");
    }
    if (data.isEmpty() || data.size() > 1000) {
      throw invalid("The collection MetricData must have a size between 1 and 1000.");
    }
    Instant now = clock.instant();
    List<Map.Entry<MetricKey, Stat>> adds = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      Map<String, Object> d = data.get(i);
      String at = "MetricData.member." + (i + 1);
      String name = T.text(d, "MetricName");
      if (name == null) {
        throw missing(at + ".MetricName");
      }
      MetricKey key = new MetricKey(namespace, name, dimensions(T.maps(d, "Dimensions"),
          at + ".Dimensions", true));
      Instant ts = T.instant(d, "Timestamp");
      ts = ts == null ? now : ts;
      if (ts.isAfter(now.plus(Duration.ofHours(2)))) {
        throw invalid("The parameter " + at + ".Timestamp must specify a time no more than two hours"
            + " in the future.");
      }
      if (ts.isBefore(now.minus(Duration.ofDays(14)))) {
        throw invalid("The parameter " + at + ".Timestamp must specify a time within the past two"
            + " weeks.");
      }
      Double value = T.number(d, "Value");
      Map<String, Object> set = T.map(d, "StatisticValues");
      List<Object> values = T.list(d, "Values");
      if (value != null) {
        finite(value, at + ".Value");
        adds.add(Map.entry(key, Stat.of(ts, value)));
      } else if (set != null) {
        Double count = T.number(set, "SampleCount");
        Double sum = T.number(set, "Sum");
        Double min = T.number(set, "Minimum");
        Double max = T.number(set, "Maximum");
        if (count == null || sum == null || min == null || max == null) {
          throw missing(at + ".StatisticValues");
        }
        adds.add(Map.entry(key, new Stat(ts, count, sum, min, max)));
      } else if (values != null) {
        List<Object> counts = T.list(d, "Counts");
        for (int j = 0; j < values.size(); j++) {
          double v = number(values.get(j), at + ".Values.member." + (j + 1));
          double c = counts == null ? 1 : number(counts.get(j), at + ".Counts.member." + (j + 1));
          adds.add(Map.entry(key, new Stat(ts, c, v * c, v, v)));
        }
      } else {
        throw invalid("The parameters " + at + ".Value, " + at + ".Values and " + at
            + ".StatisticValues are mutually exclusive and one of them must be specified.");
      }
    }
    for (Map.Entry<MetricKey, Stat> e : adds) {
      stored.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
    return new LinkedHashMap<>();
  }

  private static double number(Object o, String at) {
    double v;
    if (o instanceof Number n) {
      v = n.doubleValue();
    } else if (o instanceof String s) {
      try {
        v = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw invalid("The parameter " + at + " must be a number.");
      }
    } else {
      throw invalid("The parameter " + at + " must be a number.");
    }
    finite(v, at);
    return v;
  }

  private static void finite(double v, String at) {
    if (!Double.isFinite(v)) {
      throw invalid("The value " + v + " for parameter " + at + " is invalid.");
    }
  }

  // ---------------------------------------------------------------------------------- ListMetrics

  private Map<String, Object> listMetrics(Map<String, Object> in) {
    String namespace = T.text(in, "Namespace");
    String name = T.text(in, "MetricName");
    Map<String, String> filter = dimensions(T.maps(in, "Dimensions"), "Dimensions", false);
    List<MetricKey> all = new ArrayList<>(stored.keySet());
    Instant now = clock.instant();
    java.util.Set<String> withTargets = new java.util.HashSet<>();
    for (DeliveryModel.Target t : targetsAt.apply(now)) {
      withTargets.add(t.eventBusName() + "\n" + t.ruleName());
    }
    rules.apply(null).forEach((bus, names) -> {
      for (String rule : names) {
        if (!withTargets.contains(bus + "\n" + rule)) {
          continue;
        }
        for (String metric : EVENTS_METRICS) {
          all.add(new MetricKey("AWS/Events", metric, eventsDimensions(bus, rule)));
        }
      }
    });
    List<MetricKey> matched = all.stream()
        .filter(k -> namespace == null || k.namespace().equals(namespace))
        .filter(k -> name == null || k.name().equals(name))
        .filter(k -> filter.entrySet().stream().allMatch(f -> k.dimensions().containsKey(f.getKey())
            && (f.getValue() == null || f.getValue().equals(k.dimensions().get(f.getKey())))))
        .toList();
    String scope = "metrics:" + namespace + ":" + name + ":" + filter;
    int offset = offset(T.text(in, "NextToken"), scope);
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object> metrics = new ArrayList<>();
    int end = Math.min(matched.size(), offset + listPageSize);
    for (int i = offset; i < end; i++) {
      metrics.add(metricJson(matched.get(i)));
    }
    out.put("Metrics", metrics);
    if (end < matched.size()) {
      out.put("NextToken", token(scope, end));
    }
    return out;
  }

  private static Map<String, String> eventsDimensions(String bus, String rule) {
    Map<String, String> d = new TreeMap<>();
    if (!bus.equals("default")) {
      d.put("EventBusName", bus);
    }
    d.put("RuleName", rule);
    return d;
  }

  private static Map<String, Object> metricJson(MetricKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Namespace", k.namespace());
    m.put("MetricName", k.name());
    List<Object> dims = new ArrayList<>();
    k.dimensions().forEach((n, v) -> {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("Name", n);
      d.put("Value", v);
      dims.add(d);
    });
    m.put("Dimensions", dims);
    return m;
  }

  private static String token(String scope, int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((scope + "|" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token, String scope) {
    if (token == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = text.lastIndexOf('|');
      if (bar < 0 || !text.substring(0, bar).equals(scope)) {
        throw new IllegalArgumentException();
      }
      int off = Integer.parseInt(text.substring(bar + 1));
      if (off < 0) {
        throw new IllegalArgumentException();
      }
      return off;
    } catch (IllegalArgumentException e) {
      throw AwsError.cloudWatch(400, "InvalidNextToken", "The service returned an invalid NextToken.");
    }
  }

  // -------------------------------------------------------------------------------- GetMetricData

  private record Query(String id, String label, MetricKey metric, long period, String stat,
      boolean returnData) {}

  private Map<String, Object> getMetricData(Map<String, Object> in) {
    List<Map<String, Object>> list = T.maps(in, "MetricDataQueries");
    Instant start = T.instant(in, "StartTime");
    Instant end = T.instant(in, "EndTime");
    if (list == null) {
      throw missing("MetricDataQueries");
    }
    if (start == null) {
      throw missing("StartTime");
    }
    if (end == null) {
      throw missing("EndTime");
    }
    if (list.isEmpty() || list.size() > 500) {
      throw invalid("The collection MetricDataQueries must have a size between 1 and 500.");
    }
    if (!start.isBefore(end)) {
      throw invalid("The parameter StartTime must be less than the parameter EndTime.");
    }
    String scanBy = T.text(in, "ScanBy");
    if (scanBy != null && !scanBy.equals("TimestampDescending") && !scanBy.equals("TimestampAscending")) {
      throw invalid("The value " + scanBy + " for parameter ScanBy is invalid.");
    }
    boolean ascending = "TimestampAscending".equals(scanBy);
    Long maxDatapoints = T.integer(in, "MaxDatapoints");
    if (maxDatapoints != null && maxDatapoints < 1) {
      throw invalid("The value " + maxDatapoints + " for parameter MaxDatapoints is invalid.");
    }
    List<Query> queries = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      queries.add(query(list.get(i), "MetricDataQueries.member." + (i + 1), ids));
    }
    if (queries.stream().noneMatch(Query::returnData)) {
      throw invalid("At least one MetricDataQuery must have ReturnData set to true.");
    }
    List<List<Stat>> series = new ArrayList<>();
    for (Query q : queries) {
      series.add(q.returnData() ? series(q, start, end, ascending) : List.of());
    }
    String scope = "data:" + start + ":" + end + ":" + list.hashCode();
    int offset = offset(T.text(in, "NextToken"), scope);
    int pageSize = (int) Math.min(datapointPageSize, maxDatapoints == null ? Long.MAX_VALUE : maxDatapoints);
    int seen = 0;
    int taken = 0;
    boolean more = false;
    List<Object> results = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      Query q = queries.get(i);
      if (!q.returnData()) {
        continue;
      }
      List<Stat> s = series.get(i);
      List<Object> timestamps = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      boolean partial = false;
      for (Stat p : s) {
        if (seen++ < offset) {
          continue;
        }
        if (taken >= pageSize) {
          partial = true;
          more = true;
          break;
        }
        taken++;
        timestamps.add(p.at());
        values.add(value(p, q.stat()));
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("Id", q.id());
      r.put("Label", q.label());
      r.put("Timestamps", timestamps);
      r.put("Values", values);
      r.put("StatusCode", partial ? "PartialData" : "Complete");
      r.put("Messages", new ArrayList<>());
      results.add(r);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("MetricDataResults", results);
    if (more) {
      out.put("NextToken", token(scope, offset + taken));
    }
    out.put("Messages", new ArrayList<>());
    return out;
  }

  private Query query(Map<String, Object> m, String at, java.util.Set<String> ids) {
    String id = T.text(m, "Id");
    if (id == null) {
      throw missing(at + ".Id");
    }
    if (!QUERY_ID.matcher(id).matches() || id.length() > 255) {
      throw invalid("The value " + id + " for parameter " + at + ".Id is invalid: it must start with a"
          + " lower-case letter and contain only letters, digits and underscores.");
    }
    if (!ids.add(id)) {
      throw invalid("The value " + id + " for parameter " + at + ".Id is not unique.");
    }
    if (m.get("Expression") != null) {
      throw invalid("The parameter " + at + ".Expression is not supported by this emulator: only"
          + " MetricStat queries are.");
    }
    Map<String, Object> stat = T.map(m, "MetricStat");
    if (stat == null) {
      throw invalid("Exactly one of " + at + ".MetricStat and " + at + ".Expression must be"
          + " specified.");
    }
    Map<String, Object> metric = T.map(stat, "Metric");
    if (metric == null) {
      throw missing(at + ".MetricStat.Metric");
    }
    String namespace = T.text(metric, "Namespace");
    String name = T.text(metric, "MetricName");
    if (namespace == null) {
      throw missing(at + ".MetricStat.Metric.Namespace");
    }
    if (name == null) {
      throw missing(at + ".MetricStat.Metric.MetricName");
    }
    Long period = T.integer(stat, "Period");
    if (period == null) {
      throw missing(at + ".MetricStat.Period");
    }
    if (period < 1 || (period >= 60 && period % 60 != 0)
        || (period < 60 && !List.of(1L, 5L, 10L, 30L).contains(period))) {
      throw invalid("The parameter " + at + ".MetricStat.Period must be 1, 5, 10, 30 or a multiple"
          + " of 60.");
    }
    String s = T.text(stat, "Stat");
    if (s == null) {
      throw missing(at + ".MetricStat.Stat");
    }
    if (!STATS.contains(s)) {
      throw invalid("The value " + s + " for parameter " + at + ".MetricStat.Stat is invalid: this"
          + " emulator computes " + String.join(", ", STATS) + ".");
    }
    Boolean returnData = T.bool(m, "ReturnData");
    String label = T.text(m, "Label");
    return new Query(id, label == null ? name : label,
        new MetricKey(namespace, name, dimensions(T.maps(metric, "Dimensions"),
            at + ".MetricStat.Metric.Dimensions", true)),
        period, s, returnData == null || returnData);
  }

  private static double value(Stat s, String stat) {
    return switch (stat) {
      case "Sum" -> s.sum();
      case "Average" -> s.count() == 0 ? 0 : s.sum() / s.count();
      case "SampleCount" -> s.count();
      case "Minimum" -> s.min();
      default -> s.max();
    };
  }

  /** The datapoints of one query: one statistic set per period that has data. */
  private List<Stat> series(Query q, Instant start, Instant end, boolean ascending) {
    long p = q.period();
    long first = Math.floorDiv(start.getEpochSecond(), p) * p;
    TreeMap<Long, Stat> buckets = new TreeMap<>();
    for (Stat s : raw(q.metric(), Instant.ofEpochSecond(first), end)) {
      long b = Math.floorDiv(s.at().getEpochSecond(), p) * p;
      if (b < first || !s.at().isBefore(end)) {
        continue;
      }
      buckets.merge(b, new Stat(Instant.ofEpochSecond(b), s.count(), s.sum(), s.min(), s.max()),
          Stat::plus);
    }
    List<Stat> out = new ArrayList<>(buckets.values());
    if (!ascending) {
      java.util.Collections.reverse(out);
    }
    return out;
  }

  /** Every published datapoint of a metric in [from, to). */
  private List<Stat> raw(MetricKey key, Instant from, Instant to) {
    List<Stat> out = new ArrayList<>();
    for (Stat s : stored.getOrDefault(key, List.of())) {
      if (!s.at().isBefore(from) && s.at().isBefore(to)) {
        out.add(s);
      }
    }
    if (key.namespace().equals("AWS/Events") && EVENTS_METRICS.contains(key.name())) {
      String rule = key.dimensions().get("RuleName");
      String bus = key.dimensions().getOrDefault("EventBusName", "default");
      if (rule != null && key.dimensions().equals(eventsDimensions(bus, rule))) {
        out.addAll(derived(bus, rule, key.name(), from, to));
      }
    }
    return out;
  }

  private List<Stat> derived(String bus, String rule, String metric, Instant from, Instant to) {
    Instant now = clock.instant();
    Instant floor = now.minus(RETENTION);
    long m = Math.floorDiv(Math.max(from.getEpochSecond(), floor.getEpochSecond()), 60) * 60;
    List<Stat> out = new ArrayList<>();
    for (; m < to.getEpochSecond() && m < now.getEpochSecond(); m += 60) {
      Instant minute = Instant.ofEpochSecond(m);
      Instant minuteEnd = Instant.ofEpochSecond(m + 60);
      boolean complete = !minuteEnd.isAfter(now);
      String cacheKey = bus + "\n" + rule + "\n" + m;
      Map<String, Stat> stats = complete ? minuteCache.get(cacheKey) : null;
      if (stats == null) {
        stats = minute(bus, rule, minute, complete ? minuteEnd : now);
        if (complete) {
          minuteCache.put(cacheKey, stats);
        }
      }
      Stat s = stats.get(metric);
      if (s != null && !minute.isBefore(from)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The datapoints EventBridge would publish for one rule over one minute (or its part up to now). */
  private Map<String, Stat> minute(String bus, String rule, Instant from, Instant to) {
    long invocations = 0;
    long failed = 0;
    long retries = 0;
    long dlq = 0;
    long triggered = 0;
    double latencySum = 0;
    double latencyMin = Double.POSITIVE_INFINITY;
    double latencyMax = 0;
    for (DeliveryModel.Target t : targetsAt.apply(to)) {
      if (!t.eventBusName().equals(bus) || !t.ruleName().equals(rule)) {
        continue;
      }
      DeliveryModel.Deliveries d = model.deliveries(t, from, to);
      invocations += d.invocations();
      failed += d.failedInvocations();
      retries += d.retryInvocationAttempts();
      dlq += d.invocationsSentToDlq();
      triggered = Math.max(triggered, d.invocations());
      long ok = d.invocations() - d.failedInvocations();
      if (ok > 0) {
        latencySum += d.successLatencyMillis() * ok;
        latencyMin = Math.min(latencyMin, d.successLatencyMillis());
        latencyMax = Math.max(latencyMax, d.successLatencyMillis());
      }
    }
    Map<String, Stat> out = new HashMap<>();
    put(out, "Invocations", from, invocations);
    put(out, "FailedInvocations", from, failed);
    put(out, "RetryInvocationAttempts", from, retries);
    put(out, "InvocationsSentToDlq", from, dlq);
    put(out, "InvocationAttempts", from, invocations + retries);
    put(out, "SuccessfulInvocationAttempts", from, invocations - failed);
    put(out, "TriggeredRules", from, triggered);
    long ok = invocations - failed;
    if (ok > 0) {
      out.put("IngestionToInvocationSuccessLatency",
          new Stat(from, ok, latencySum, latencyMin, latencyMax));
    }
    return out;
  }

  private static void put(Map<String, Stat> out, String metric, Instant at, long value) {
    if (value != 0) {
      out.put(metric, Stat.of(at, value));
    }
  }
}
