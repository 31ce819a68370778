package io.github.eventretry.eventbridge.emulator.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventretry.eventbridge.emulator.DeliveryModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An in-memory Amazon EventBridge: event buses (the default bus, custom and partner buses), rules,
 * their targets (at most 5 a rule, replaced whole by {@code PutTargets}) and API destinations, with
 * AWS's validation and error codes. Every change to a target or an API destination's rate limit is
 * kept with its time, so the delivery model can ask what a target held at any minute.
 *
 * <p>Not thread-safe: the emulator calls it under its lock.
 */
public final class EventBridgeFake {
  /** At most this many targets a rule (an AWS quota that cannot be raised). */
  public static final int MAX_TARGETS_PER_RULE = 5;
  /** At most this many entries a {@code PutTargets}. */
  public static final int MAX_ENTRIES_PER_CALL = 10;

  private static final Pattern NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]+");
  private static final Pattern BUS_NAME = Pattern.compile("[/\\.\\-_A-Za-z0-9]+");
  private static final Pattern CONNECTION_ARN = Pattern.compile(
      "^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection/[\\.\\-_A-Za-z0-9]+/[\\-A-Za-z0-9]+$");
  private static final List<String> METHODS =
      List.of("POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Tree T = Tree.EVENTS;

  private final String region;
  private final String account;
  private final Clock clock;
  private final int maxPageSize;
  private final Supplier<String> ids;
  private final Map<String, Bus> buses = new TreeMap<>();
  private final List<String> partnerSources = new ArrayList<>();
  private final Map<String, ApiDestination> apiDestinations = new TreeMap<>();

  /**
   * Creates an EventBridge with its default event bus.
   *
   * @param region the region in ARNs
   * @param account the account in ARNs
   * @param clock the clock for creation times and the change history
   * @param maxPageSize the most items a list operation returns, whatever its {@code Limit}
   * @param ids a source of unique ids (for API destination ARNs)
   */
  public EventBridgeFake(String region, String account, Clock clock, int maxPageSize, Supplier<String> ids) {
    this.region = region;
    this.account = account;
    this.clock = clock;
    this.maxPageSize = maxPageSize;
    this.ids = ids;
    buses.put("default", new Bus("default", Optional.empty(), clock.instant()));
  }

  // ------------------------------------------------------------------------------------------ state

  private final class Bus {
    final String name;
    final Optional<String> description;
    final Instant created;
    Instant modified;
    final Map<String, Rule> rules = new TreeMap<>();

    Bus(String name, Optional<String> description, Instant created) {
      this.name = name;
      this.description = description;
      this.created = created;
      this.modified = created;
    }

    String arn() {
      return "arn:aws:events:" + region + ":" + account + ":event-bus/" + name;
    }
  }

  private final class Rule {
    final String name;
    final Bus bus;
    Map<String, Object> fields = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> targets = new LinkedHashMap<>();
    final Map<String, List<Version>> history = new LinkedHashMap<>();

    Rule(String name, Bus bus) {
      this.name = name;
      this.bus = bus;
    }

    String arn() {
      return "arn:aws:events:" + region + ":" + account + ":rule/"
          + (bus.name.equals("default") ? "" : bus.name + "/") + name;
    }

    boolean enabled() {
      return !"DISABLED".equals(fields.get("State"));
    }
  }

  private record Version(Instant since, Map<String, Object> target) {}

  private record RateVersion(Instant since, int rate) {}

  private final class ApiDestination {
    final String name;
    final String arn;
    final Instant created;
    Instant modified;
    Map<String, Object> fields = new LinkedHashMap<>();
    final List<RateVersion> rates = new ArrayList<>();

    ApiDestination(String name, Instant created) {
      this.name = name;
      this.arn = "arn:aws:events:" + region + ":" + account + ":api-destination/" + name + "/" + ids.get();
      this.created = created;
      this.modified = created;
    }

    int rate() {
      return ((Number) fields.get("InvocationRateLimitPerSecond")).intValue();
    }
  }

  /**
   * Registers a partner event source, so that a partner event bus of that name can be created.
   *
   * @param name such as {@code aws.partner/genesys.com/cloud/<org>/<suffix>}
   */
  public void addPartnerEventSource(String name) {
    partnerSources.add(name);
  }

  /**
   * Returns every target of every enabled rule as it stood at an instant, for the delivery model.
   *
   * @param at the instant
   * @return the targets, bus by bus, rule by rule
   */
  public List<DeliveryModel.Target> targetsAt(Instant at) {
    List<DeliveryModel.Target> out = new ArrayList<>();
    for (Bus b : buses.values()) {
      for (Rule r : b.rules.values()) {
        if (!r.enabled()) {
          continue;
        }
        for (Map.Entry<String, List<Version>> e : r.history.entrySet()) {
          Map<String, Object> t = null;
          for (Version v : e.getValue()) {
            if (!v.since().isAfter(at)) {
              t = v.target();
            }
          }
          if (t != null) {
            out.add(modelTarget(b.name, r.name, t, at));
          }
        }
      }
    }
    return out;
  }

  /**
   * Returns the rules of every bus with the instant each was created, for the metrics the delivery model
   * feeds.
   *
   * @return bus name to rule names
   */
  public Map<String, List<String>> rulesByBus() {
    Map<String, List<String>> out = new TreeMap<>();
    for (Bus b : buses.values()) {
      out.put(b.name, List.copyOf(b.rules.keySet()));
    }
    return out;
  }

  private DeliveryModel.Target modelTarget(String bus, String rule, Map<String, Object> t, Instant at) {
    Map<String, Object> retry = T.map(t, "RetryPolicy");
    Long attempts = retry == null ? null : T.integer(retry, "MaximumRetryAttempts");
    Long age = retry == null ? null : T.integer(retry, "MaximumEventAgeInSeconds");
    Map<String, Object> dlq = T.map(t, "DeadLetterConfig");
    String dlqArn = dlq == null ? null : T.text(dlq, "Arn");
    String arn = T.text(t, "Arn");
    OptionalInt rate = OptionalInt.empty();
    for (ApiDestination d : apiDestinations.values()) {
      if (d.arn.equals(arn)) {
        for (RateVersion v : d.rates) {
          if (!v.since().isAfter(at)) {
            rate = OptionalInt.of(v.rate());
          }
        }
      }
    }
    return new DeliveryModel.Target(bus, rule, T.text(t, "Id"), arn,
        attempts == null ? OptionalInt.empty() : OptionalInt.of(attempts.intValue()),
        age == null ? OptionalInt.empty() : OptionalInt.of(age.intValue()),
        Optional.ofNullable(dlqArn), rate);
  }

  // ------------------------------------------------------------------------------------- dispatch

  /**
   * Answers one operation.
   *
   * @param operation such as {@code PutTargets}
   * @param in the decoded request
   * @param entryFaults scripted entry failures for {@code PutTargets}: consumed when they match
   * @return the response members
   * @throws AwsError for AWS's errors
   */
  public Map<String, Object> handle(String operation, Map<String, Object> in,
      List<io.github.eventretry.eventbridge.emulator.AwsFault.FailEntry> entryFaults) {
    return switch (operation) {
      case "CreateEventBus" -> createEventBus(in);
      case "DescribeEventBus" -> describeEventBus(in);
      case "ListEventBuses" -> listEventBuses(in);
      case "PutRule" -> putRule(in);
      case "DescribeRule" -> describeRule(in);
      case "ListRules" -> listRules(in);
      case "DeleteRule" -> deleteRule(in);
      case "PutTargets" -> putTargets(in, entryFaults);
      case "ListTargetsByRule" -> listTargetsByRule(in);
      case "RemoveTargets" -> removeTargets(in);
      case "CreateApiDestination" -> createApiDestination(in);
      case "DescribeApiDestination" -> describeApiDestination(in);
      case "UpdateApiDestination" -> updateApiDestination(in);
      default -> throw AwsError.events(400, "UnknownOperationException", null);
    };
  }

  /** Whether an operation is one this fake serves. */
  static boolean serves(String operation) {
    return List.of("CreateEventBus", "DescribeEventBus", "ListEventBuses", "PutRule", "DescribeRule",
        "ListRules", "DeleteRule", "PutTargets", "ListTargetsByRule", "RemoveTargets",
        "CreateApiDestination", "DescribeApiDestination", "UpdateApiDestination").contains(operation);
  }

  // ----------------------------------------------------------------------------------- validation

  /** Collects Coral-style constraint violations: "N validation errors detected: Value … ; …". */
  private static final class Violations {
    private final List<String> found = new ArrayList<>();

    void add(Object value, String path, String constraint) {
      found.add("Value " + (value == null ? "null" : "'" + value + "'") + " at '" + path
          + "' failed to satisfy constraint: " + constraint);
    }

    void required(Object value, String path) {
      if (value == null) {
        add(null, path, "Member must not be null");
      }
    }

    void name(String value, String path, int max, Pattern pattern) {
      if (value == null) {
        return;
      }
      if (value.isEmpty()) {
        add(value, path, "Member must have length greater than or equal to 1");
      } else if (value.length() > max) {
        add(value, path, "Member must have length less than or equal to " + max);
      }
      if (!value.isEmpty() && !pattern.matcher(value).matches()) {
        add(value, path, "Member must satisfy regular expression pattern: " + pattern.pattern());
      }
    }

    void length(String value, String path, int max) {
      if (value == null) {
        return;
      }
      if (value.isEmpty()) {
        add(value, path, "Member must have length greater than or equal to 1");
      } else if (value.length() > max) {
        add(value, path, "Member must have length less than or equal to " + max);
      }
    }

    void range(Long value, String path, long min, long max) {
      if (value == null) {
        return;
      }
      if (value < min) {
        add(value, path, "Member must have value greater than or equal to " + min);
      } else if (value > max) {
        add(value, path, "Member must have value less than or equal to " + max);
      }
    }

    void check() {
      if (found.isEmpty()) {
        return;
      }
      throw AwsError.validation(found.size() + " validation error" + (found.size() == 1 ? "" : "s")
          + " detected: " + String.join("; ", found));
    }
  }

  private Bus bus(Map<String, Object> in, String key) {
    String given = T.text(in, key);
    String name = given == null ? "default" : given;
    String prefix = "arn:aws:events:" + region + ":" + account + ":event-bus/";
    if (name.startsWith("arn:")) {
      if (!name.startsWith(prefix)) {
        throw AwsError.events(400, "ResourceNotFoundException", "Event bus " + name + " does not exist.");
      }
      name = name.substring(prefix.length());
    }
    Bus b = buses.get(name);
    if (b == null) {
      throw AwsError.events(400, "ResourceNotFoundException", "Event bus " + name + " does not exist.");
    }
    return b;
  }

  private static Rule rule(Bus b, String name) {
    Rule r = b.rules.get(name);
    if (r == null) {
      throw AwsError.events(400, "ResourceNotFoundException",
          "Rule " + name + " does not exist on EventBus " + b.name + ".");
    }
    return r;
  }

  // ------------------------------------------------------------------------------------ paging

  private int limit(Map<String, Object> in, Violations v, long max) {
    Long limit = T.integer(in, "Limit");
    v.range(limit, "limit", 1, max);
    return (int) Math.min(maxPageSize, limit == null ? 100 : limit);
  }

  private static int offset(Map<String, Object> in, String scope) {
    String token = T.text(in, "NextToken");
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
      throw AwsError.validation("The nextToken provided is invalid.");
    }
  }

  private static <E> List<E> page(List<E> all, int offset, int limit, String scope,
      Map<String, Object> out, String key, java.util.function.Function<E, Object> render) {
    List<Object> items = new ArrayList<>();
    int end = Math.min(all.size(), offset + limit);
    for (int i = offset; i < end; i++) {
      items.add(render.apply(all.get(i)));
    }
    out.put(key, items);
    if (end < all.size()) {
      out.put("NextToken", Base64.getUrlEncoder().withoutPadding()
          .encodeToString((scope + "|" + end).getBytes(StandardCharsets.UTF_8)));
    }
    return all.subList(Math.min(offset, all.size()), end);
  }

  // ---------------------------------------------------------------------------------- event buses

  private Map<String, Object> createEventBus(Map<String, Object> in) {
    String name = T.text(in, "Name");
    String source = T.text(in, "EventSourceName");
    String description = T.text(in, "Description");
    Violations v = new Violations();
    v.required(name, "name");
    v.name(name, "name", 256, BUS_NAME);
    v.name(source, "eventSourceName", 256, Pattern.compile("aws\\.partner(/[\\.\\-_A-Za-z0-9]+){2,}"));
    v.length(description, "description", 512);
    v.check();
    if (name.equals("default")) {
      throw AwsError.validation("Event bus name default is reserved.");
    }
    if (source != null || name.startsWith("aws.partner/")) {
      if (!name.equals(source)) {
        throw AwsError.validation("Event bus name must match the event source name for a partner event"
            + " bus: " + name + ".");
      }
      if (!partnerSources.contains(source)) {
        throw AwsError.events(400, "ResourceNotFoundException", "Event source " + source
            + " does not exist.");
      }
    } else if (name.contains("/")) {
      throw AwsError.validation("Event bus name must not contain '/' unless it is a partner event bus.");
    }
    if (buses.containsKey(name)) {
      throw AwsError.events(400, "ResourceAlreadyExistsException", "Event bus " + name
          + " already exists.");
    }
    Bus b = new Bus(name, Optional.ofNullable(description), clock.instant());
    buses.put(name, b);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("EventBusArn", b.arn());
    b.description.ifPresent(d -> out.put("Description", d));
    return out;
  }

  private Map<String, Object> describeEventBus(Map<String, Object> in) {
    return busJson(bus(in, "Name"));
  }

  private Map<String, Object> busJson(Bus b) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Name", b.name);
    out.put("Arn", b.arn());
    b.description.ifPresent(d -> out.put("Description", d));
    out.put("CreationTime", b.created);
    out.put("LastModifiedTime", b.modified);
    return out;
  }

  private Map<String, Object> listEventBuses(Map<String, Object> in) {
    String prefix = T.text(in, "NamePrefix");
    Violations v = new Violations();
    v.name(prefix, "namePrefix", 256, BUS_NAME);
    int limit = limit(in, v, 100);
    v.check();
    List<Bus> all = buses.values().stream()
        .filter(b -> prefix == null || b.name.startsWith(prefix)).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    page(all, offset(in, "buses:" + prefix), limit, "buses:" + prefix, out, "EventBuses", this::busJson);
    return out;
  }

  // ---------------------------------------------------------------------------------------- rules

  private Map<String, Object> putRule(Map<String, Object> in) {
    String name = T.text(in, "Name");
    String pattern = T.text(in, "EventPattern");
    String schedule = T.text(in, "ScheduleExpression");
    String state = T.text(in, "State");
    String description = T.text(in, "Description");
    String role = T.text(in, "RoleArn");
    Violations v = new Violations();
    v.required(name, "name");
    v.name(name, "name", 64, NAME);
    v.length(pattern, "eventPattern", 4096);
    v.length(schedule, "scheduleExpression", 256);
    v.length(description, "description", 512);
    v.length(role, "roleArn", 1600);
    if (state != null && !List.of("ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
        .contains(state)) {
      v.add(state, "state", "Member must satisfy enum value set: [ENABLED, DISABLED,"
          + " ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
    }
    v.check();
    Bus b = bus(in, "EventBusName");
    if (pattern == null && schedule == null) {
      throw AwsError.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    if (schedule != null && !b.name.equals("default")) {
      throw AwsError.validation("ScheduleExpression is supported only on the default event bus.");
    }
    if (pattern != null) {
      try {
        Object p = JSON.readValue(pattern, Object.class);
        if (!(p instanceof Map<?, ?>)) {
          throw new IOException("not an object");
        }
      } catch (IOException e) {
        throw AwsError.validation("Event pattern is not valid. Reason: it is not a JSON object.");
      }
    }
    Rule r = b.rules.computeIfAbsent(name, n -> new Rule(n, b));
    Map<String, Object> f = new LinkedHashMap<>();
    if (pattern != null) {
      f.put("EventPattern", pattern);
    }
    if (schedule != null) {
      f.put("ScheduleExpression", schedule);
    }
    f.put("State", state == null ? "ENABLED" : state);
    if (description != null) {
      f.put("Description", description);
    }
    if (role != null) {
      f.put("RoleArn", role);
    }
    r.fields = f;
    return new LinkedHashMap<>(Map.of("RuleArn", r.arn()));
  }

  private Map<String, Object> ruleJson(Rule r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Name", r.name);
    out.put("Arn", r.arn());
    out.putAll(r.fields);
    out.put("EventBusName", r.bus.name);
    return out;
  }

  private Map<String, Object> describeRule(Map<String, Object> in) {
    String name = T.text(in, "Name");
    Violations v = new Violations();
    v.required(name, "name");
    v.name(name, "name", 64, NAME);
    v.check();
    Map<String, Object> out = ruleJson(rule(bus(in, "EventBusName"), name));
    out.put("CreatedBy", account);
    return out;
  }

  private Map<String, Object> listRules(Map<String, Object> in) {
    String prefix = T.text(in, "NamePrefix");
    Violations v = new Violations();
    v.name(prefix, "namePrefix", 64, NAME);
    int limit = limit(in, v, 100);
    v.check();
    Bus b = bus(in, "EventBusName");
    List<Rule> all = b.rules.values().stream()
        .filter(r -> prefix == null || r.name.startsWith(prefix)).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    String scope = "rules:" + b.name + ":" + prefix;
    page(all, offset(in, scope), limit, scope, out, "Rules", this::ruleJson);
    return out;
  }

  private Map<String, Object> deleteRule(Map<String, Object> in) {
    String name = T.text(in, "Name");
    Violations v = new Violations();
    v.required(name, "name");
    v.name(name, "name", 64, NAME);
    v.check();
    Bus b = bus(in, "EventBusName");
    Rule r = b.rules.get(name);
    if (r == null) {
      return new LinkedHashMap<>();
    }
    if (!r.targets.isEmpty()) {
      throw AwsError.validation("Rule can't be deleted since it has targets.");
    }
    b.rules.remove(name);
    return new LinkedHashMap<>();
  }

  // -------------------------------------------------------------------------------------- targets

  private Map<String, Object> putTargets(Map<String, Object> in,
      List<io.github.eventretry.eventbridge.emulator.AwsFault.FailEntry> entryFaults) {
    String ruleName = T.text(in, "Rule");
    List<Map<String, Object>> targets = T.maps(in, "Targets");
    Violations v = new Violations();
    v.required(ruleName, "rule");
    v.name(ruleName, "rule", 64, NAME);
    v.required(targets, "targets");
    if (targets != null) {
      if (targets.isEmpty()) {
        v.add("[]", "targets", "Member must have length greater than or equal to 1");
      } else if (targets.size() > MAX_ENTRIES_PER_CALL) {
        v.add("[" + targets.size() + " targets]", "targets",
            "Member must have length less than or equal to " + MAX_ENTRIES_PER_CALL);
      }
      for (int i = 0; i < targets.size(); i++) {
        Map<String, Object> t = targets.get(i);
        String at = "targets." + (i + 1) + ".member.";
        String id = T.text(t, "Id");
        String arn = T.text(t, "Arn");
        v.required(id, at + "id");
        v.name(id, at + "id", 64, NAME);
        v.required(arn, at + "arn");
        v.length(arn, at + "arn", 1600);
        v.length(T.text(t, "RoleArn"), at + "roleArn", 1600);
        Map<String, Object> retry = T.map(t, "RetryPolicy");
        if (retry != null) {
          v.range(T.integer(retry, "MaximumRetryAttempts"), at + "retryPolicy.maximumRetryAttempts", 0,
              185);
          v.range(T.integer(retry, "MaximumEventAgeInSeconds"),
              at + "retryPolicy.maximumEventAgeInSeconds", 60, 86_400);
        }
        Map<String, Object> dlq = T.map(t, "DeadLetterConfig");
        if (dlq != null) {
          v.length(T.text(dlq, "Arn"), at + "deadLetterConfig.arn", 1600);
        }
      }
    }
    v.check();
    Rule r = rule(bus(in, "EventBusName"), ruleName);
    for (Map<String, Object> t : targets) {
      Map<String, Object> dlq = T.map(t, "DeadLetterConfig");
      String dlqArn = dlq == null ? null : T.text(dlq, "Arn");
      if (dlqArn != null) {
        if (dlqArn.endsWith(".fifo")) {
          throw AwsError.validation("SQS FIFO is not supported by Dead Letter Queues.");
        }
        if (!dlqArn.startsWith("arn:aws") || !dlqArn.contains(":sqs:")) {
          throw AwsError.validation("Dead letter queue ARN " + dlqArn + " is not an SQS queue ARN.");
        }
      }
    }
    java.util.Set<String> after = new java.util.LinkedHashSet<>(r.targets.keySet());
    for (Map<String, Object> t : targets) {
      after.add(T.text(t, "Id"));
    }
    if (after.size() > MAX_TARGETS_PER_RULE) {
      throw AwsError.events(400, "LimitExceededException",
          "The requested resource exceeds the maximum number allowed.");
    }
    List<Object> failed = new ArrayList<>();
    Instant now = clock.instant();
    for (Map<String, Object> t : targets) {
      String id = T.text(t, "Id");
      io.github.eventretry.eventbridge.emulator.AwsFault.FailEntry fault = null;
      for (var f : entryFaults) {
        if (f.targetId().equals(id)) {
          fault = f;
          break;
        }
      }
      if (fault != null) {
        entryFaults.remove(fault);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("TargetId", id);
        e.put("ErrorCode", fault.errorCode());
        e.put("ErrorMessage", fault.errorMessage());
        failed.add(e);
        continue;
      }
      Map<String, Object> copy = deepCopy(t);
      r.targets.put(id, copy);
      r.history.computeIfAbsent(id, k -> new ArrayList<>()).add(new Version(now, copy));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("FailedEntryCount", failed.size());
    out.put("FailedEntries", failed);
    return out;
  }

  private Map<String, Object> listTargetsByRule(Map<String, Object> in) {
    String ruleName = T.text(in, "Rule");
    Violations v = new Violations();
    v.required(ruleName, "rule");
    v.name(ruleName, "rule", 64, NAME);
    int limit = limit(in, v, 100);
    v.check();
    Rule r = rule(bus(in, "EventBusName"), ruleName);
    Map<String, Object> out = new LinkedHashMap<>();
    String scope = "targets:" + r.bus.name + ":" + r.name;
    page(new ArrayList<>(r.targets.values()), offset(in, scope), limit, scope, out, "Targets",
        EventBridgeFake::deepCopy);
    return out;
  }

  private Map<String, Object> removeTargets(Map<String, Object> in) {
    String ruleName = T.text(in, "Rule");
    List<String> idList = T.texts(in, "Ids");
    Violations v = new Violations();
    v.required(ruleName, "rule");
    v.name(ruleName, "rule", 64, NAME);
    v.required(idList, "ids");
    if (idList != null && (idList.isEmpty() || idList.size() > 100)) {
      v.add("[" + idList.size() + " ids]", "ids", idList.isEmpty()
          ? "Member must have length greater than or equal to 1"
          : "Member must have length less than or equal to 100");
    }
    v.check();
    Rule r = rule(bus(in, "EventBusName"), ruleName);
    Instant now = clock.instant();
    for (String id : idList) {
      if (r.targets.remove(id) != null) {
        r.history.get(id).add(new Version(now, null));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("FailedEntryCount", 0);
    out.put("FailedEntries", new ArrayList<>());
    return out;
  }

  // ----------------------------------------------------------------------------- API destinations

  private Map<String, Object> createApiDestination(Map<String, Object> in) {
    String name = T.text(in, "Name");
    Violations v = new Violations();
    v.required(name, "name");
    v.name(name, "name", 64, NAME);
    Map<String, Object> f = apiDestinationFields(in, v, true);
    v.check();
    if (apiDestinations.containsKey(name)) {
      throw AwsError.events(400, "ResourceAlreadyExistsException", "An api-destination '" + name
          + "' already exists.");
    }
    ApiDestination d = new ApiDestination(name, clock.instant());
    f.putIfAbsent("InvocationRateLimitPerSecond", 300);
    d.fields = f;
    d.rates.add(new RateVersion(d.created, d.rate()));
    apiDestinations.put(name, d);
    return apiDestinationState(d);
  }

  private static Map<String, Object> apiDestinationFields(Map<String, Object> in, Violations v,
      boolean create) {
    String description = T.text(in, "Description");
    String connection = T.text(in, "ConnectionArn");
    String endpoint = T.text(in, "InvocationEndpoint");
    String method = T.text(in, "HttpMethod");
    Long rate = T.integer(in, "InvocationRateLimitPerSecond");
    if (create) {
      v.required(connection, "connectionArn");
      v.required(endpoint, "invocationEndpoint");
      v.required(method, "httpMethod");
    }
    v.length(description, "description", 512);
    if (connection != null && !CONNECTION_ARN.matcher(connection).matches()) {
      v.add(connection, "connectionArn", "Member must satisfy regular expression pattern: "
          + CONNECTION_ARN.pattern());
    }
    if (endpoint != null && !endpoint.matches("^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\\x26=+$,A-Za-z0-9])+)"
        + "([).!';/?:,])?$")) {
      v.add(endpoint, "invocationEndpoint", "Member must satisfy regular expression pattern");
    }
    if (endpoint != null && !endpoint.startsWith("https://")) {
      v.add(endpoint, "invocationEndpoint", "Member must be an HTTPS endpoint");
    }
    if (method != null && !METHODS.contains(method)) {
      v.add(method, "httpMethod", "Member must satisfy enum value set: " + METHODS);
    }
    v.range(rate, "invocationRateLimitPerSecond", 1, Integer.MAX_VALUE);
    Map<String, Object> f = new LinkedHashMap<>();
    if (description != null) {
      f.put("Description", description);
    }
    if (connection != null) {
      f.put("ConnectionArn", connection);
    }
    if (endpoint != null) {
      f.put("InvocationEndpoint", endpoint);
    }
    if (method != null) {
      f.put("HttpMethod", method);
    }
    if (rate != null) {
      f.put("InvocationRateLimitPerSecond", rate.intValue());
    }
    return f;
  }

  private ApiDestination apiDestination(Map<String, Object> in) {
    String name = T.text(in, "Name");
    Violations v = new Violations();
    v.required(name, "name");
    v.name(name, "name", 64, NAME);
    v.check();
    ApiDestination d = apiDestinations.get(name);
    if (d == null) {
      throw AwsError.events(400, "ResourceNotFoundException", "Failed to describe the api-destination(s)."
          + " An api-destination '" + name + "' does not exist.");
    }
    return d;
  }

  private static Map<String, Object> apiDestinationState(ApiDestination d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ApiDestinationArn", d.arn);
    out.put("ApiDestinationState", "ACTIVE");
    out.put("CreationTime", d.created);
    out.put("LastModifiedTime", d.modified);
    return out;
  }

  private Map<String, Object> describeApiDestination(Map<String, Object> in) {
    ApiDestination d = apiDestination(in);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ApiDestinationArn", d.arn);
    out.put("Name", d.name);
    out.putAll(d.fields);
    out.put("ApiDestinationState", "ACTIVE");
    out.put("CreationTime", d.created);
    out.put("LastModifiedTime", d.modified);
    return out;
  }

  private Map<String, Object> updateApiDestination(Map<String, Object> in) {
    ApiDestination d = apiDestination(in);
    Violations v = new Violations();
    Map<String, Object> f = apiDestinationFields(in, v, false);
    v.check();
    d.fields.putAll(f);
    d.modified = clock.instant();
    if (f.containsKey("InvocationRateLimitPerSecond")) {
      d.rates.add(new RateVersion(d.modified, d.rate()));
    }
    return apiDestinationState(d);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, copyValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> mm) {
      return deepCopy((Map<String, Object>) mm);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(copyValue(o));
      }
      return out;
    }
    return v;
  }
}
