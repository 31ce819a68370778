package io.github.eventretry.eventbridge;

import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.Sleeper;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.payload.EventBridgeTarget;
import io.github.eventretry.core.spi.ApplyResult;
import io.github.eventretry.core.spi.PolicyTarget;
import io.github.eventretry.core.spi.RestoreResult;
import io.github.eventretry.core.spi.TargetSnapshot;
import io.github.eventretry.core.text.SafeText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeApiDestinationResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBus;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * A policy applied where retries really happen: the {@code RetryPolicy} and {@code DeadLetterConfig}
 * of the targets of EventBridge rules on an event bus, by default Genesys Cloud's partner event bus.
 *
 * <p>What it changes: for each matched target, only {@code RetryPolicy}
 * ({@code MaximumRetryAttempts} = the policy's {@code max_retries}, {@code MaximumEventAgeInSeconds} =
 * its worst-case retry window, see {@link EventBridgeTarget#from}) and {@code DeadLetterConfig} (the
 * policy's dead-letter queue, or none); every other member of the target is written back as read
 * ({@code ListTargetsByRule}, every page, then {@code PutTargets}, at most 10 entries a call). Every
 * entry of every answer is checked: entries refused with {@code ConcurrentModificationException} are
 * read again and retried after a back-off; any other failure puts back the targets already changed
 * and fails with an {@link AwsException} naming the rule, the target and AWS's error code. Optionally
 * ({@link Builder#manageApiDestinationRateLimits()}, off by default) it also sets each selected API
 * destination's {@code InvocationRateLimitPerSecond} to the policy's {@code destination_rate_limit_rps}.
 *
 * <p>Traffic split, honestly: a rule target cannot split events, so a split selects a share of the
 * matched targets: ordered by a stable hash (SHA-256) of each target's ARN and id, a split of p %
 * selects the first ⌊n · p / 100⌋ of the n targets, so each stage's set contains the one before.
 * {@link #checkSplits} refuses, before anything is applied, a stage that selects no target or the same
 * targets as the stage before. Targets a split does not select keep what they hold.
 *
 * <p>{@link #read} records each matched target's {@code RetryPolicy} and {@code DeadLetterConfig}
 * exactly as EventBridge holds them, absent ones included ({@link TargetSnapshot} of target
 * {@value #TARGET_NAME}); {@link #restore} puts exactly those back. One instance serves one event bus:
 * the integration id the {@link PolicyTarget} methods take is carried into their results, not used to
 * find the bus.
 *
 * <p>Thread-safe: reads and writes of one instance run one at a time. Close it to release the AWS
 * client it built (a caller's HTTP client stays open).
 */
public final class EventBridgeTargets implements PolicyTarget, AutoCloseable {
  /** The {@link TargetSnapshot#target()} of this target's snapshots. */
  public static final String TARGET_NAME = Snapshots.TARGET;
  /** The start of the name of every Genesys Cloud partner event bus. */
  public static final String GENESYS_PARTNER_BUS_PREFIX = "aws.partner/genesys.com/cloud/";

  private static final Pattern BUS_NAME = Pattern.compile("[/\\.\\-_A-Za-z0-9]{1,256}");
  private static final Pattern RULE_NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");

  private final EventBridgeClient client;
  private final TargetWriter writer;
  private final Optional<String> configuredBus;
  private final List<String> ruleNames;
  private final Optional<String> rulePrefix;
  private final boolean manageRates;
  private final Object lock = new Object();
  private String discoveredBus;
  private volatile Set<String> appliedRules = Set.of();

  private EventBridgeTargets(Builder b) {
    this.client = Clients.eventBridge(b.connection);
    this.writer = new TargetWriter(client, b.sleeper, b.random, b.maxConflictRetries);
    this.configuredBus = Optional.ofNullable(b.bus);
    this.ruleNames = List.copyOf(b.rules);
    this.rulePrefix = Optional.ofNullable(b.prefix);
    this.manageRates = b.manageRates;
  }

  /**
   * Returns a new builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the name of the partner event bus Genesys Cloud's EventBridge integration delivers to.
   *
   * @param orgId the Genesys Cloud organization id
   * @param eventSourceSuffix the integration's {@code eventSourceSuffix}
   * @return {@code aws.partner/genesys.com/cloud/<orgId>/<eventSourceSuffix>}
   * @throws IllegalArgumentException if either is not 1 to 64 of {@code [A-Za-z0-9._-]}
   */
  public static String genesysPartnerBus(String orgId, String eventSourceSuffix) {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(eventSourceSuffix, "eventSourceSuffix");
    for (String v : List.of(orgId, eventSourceSuffix)) {
      if (!v.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException("orgId and eventSourceSuffix must be 1 to 64 of"
            + " [A-Za-z0-9._-] (rejected: " + SafeText.escape(v) + ")");
      }
    }
    return GENESYS_PARTNER_BUS_PREFIX + orgId + "/" + eventSourceSuffix;
  }

  // ------------------------------------------------------------------------------- PolicyTarget

  /**
   * Reads each matched target's {@code RetryPolicy} and {@code DeadLetterConfig} as EventBridge holds
   * them (and, when rate limits are managed, each API destination's
   * {@code InvocationRateLimitPerSecond}).
   *
   * @param integrationId the integration (not used to find the bus)
   * @return a snapshot of target {@value #TARGET_NAME}; the same holdings always give the same text
   * @throws AwsException if the bus, its rules or their targets could not be read
   */
  @Override
  public TargetSnapshot read(String integrationId) {
    Objects.requireNonNull(integrationId, "integrationId");
    synchronized (lock) {
      Scan s = scan();
      List<Snapshots.Entry> entries = new ArrayList<>();
      List<Live> ordered = new ArrayList<>(s.targets());
      ordered.sort(Live.READ_ORDER);
      for (Live l : ordered) {
        entries.add(new Snapshots.Entry(l.rule(), l.target().id(), l.target().arn(), Slot.of(l.target())));
      }
      Optional<List<Snapshots.Rate>> rates = Optional.empty();
      if (manageRates) {
        List<Snapshots.Rate> list = new ArrayList<>();
        for (String name : apiDestinations(ordered)) {
          list.add(new Snapshots.Rate(name, rate(name)));
        }
        rates = Optional.of(list);
      }
      return Snapshots.write(new Snapshots.Content(s.bus(), entries, rates));
    }
  }

  /**
   * Applies a policy to the targets a split selects.
   *
   * @param integrationId the integration (not used to find the bus)
   * @param policy the policy
   * @param split the share of the matched targets
   * @return the policy's fingerprint and the split; {@code configurationVersion} is 0 (EventBridge
   *     targets have no version)
   * @throws IllegalArgumentException if the split selects no target
   * @throws AwsException if reading or writing failed; the targets changed before the failure have
   *     been put back (the message says so, or which could not be)
   */
  @Override
  public ApplyResult apply(String integrationId, RetryPolicy policy, TrafficSplit split) {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(split, "split");
    synchronized (lock) {
      Scan s = scan();
      List<Live> selected = select(s, split);
      Slot desired = Slot.of(TargetSettings.of(EventBridgeTarget.from(policy)));
      Map<String, Map<String, Slot>> changes = new TreeMap<>();
      for (Live l : selected) {
        if (!desired.heldBy(l.target())) {
          changes.computeIfAbsent(l.rule(), r -> new LinkedHashMap<>()).put(l.target().id(), desired);
        }
      }
      Undo undo = new Undo(s.bus());
      try {
        write(s, changes, undo);
        if (manageRates) {
          int perSecond = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
              Math.floor(policy.destinationRateLimitRps())));
          for (String name : apiDestinations(selected)) {
            setRate(name, perSecond, undo);
          }
        }
      } catch (AwsException e) {
        throw undo.failed(e);
      }
      Set<String> rules = new TreeSet<>();
      selected.forEach(l -> rules.add(l.rule()));
      appliedRules = Set.copyOf(rules);
      return new ApplyResult(integrationId, policy.fingerprint(), split, 0);
    }
  }

  /**
   * Puts back exactly what a snapshot of this target recorded.
   *
   * @param integrationId the integration (not used to find the bus)
   * @param snapshot a snapshot {@link #read} returned
   * @return what the targets hold now, read again
   * @throws IllegalArgumentException if the snapshot is of another kind of target, not in EventBridge's
   *     shape, or of another event bus
   * @throws AwsException if a recorded target no longer exists (nothing is written then), or reading or
   *     writing failed (what was changed before the failure has been put back)
   */
  @Override
  public RestoreResult restore(String integrationId, TargetSnapshot snapshot) {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(snapshot, "snapshot");
    Snapshots.Content c = Snapshots.read(snapshot);
    synchronized (lock) {
      String bus = bus();
      if (!c.bus().equals(bus)) {
        throw new IllegalArgumentException("the snapshot is of event bus " + SafeText.escape(c.bus())
            + ", but this target manages " + SafeText.escape(bus));
      }
      Map<String, Map<String, Slot>> wanted = new TreeMap<>();
      for (Snapshots.Entry e : c.targets()) {
        wanted.computeIfAbsent(e.rule(), r -> new LinkedHashMap<>()).put(e.id(), e.slot());
      }
      Map<String, Map<String, Target>> current = new TreeMap<>();
      for (Map.Entry<String, Map<String, Slot>> r : wanted.entrySet()) {
        Map<String, Target> now = writer.read(bus, r.getKey());
        for (String id : r.getValue().keySet()) {
          if (!now.containsKey(id)) {
            throw AwsException.builder("ListTargetsByRule", "cannot restore: target " + SafeText.escape(id)
                + " of rule " + SafeText.escape(r.getKey()) + " was removed since the snapshot was taken;"
                + " nothing was changed").rule(r.getKey()).targetId(id).build();
          }
        }
        current.put(r.getKey(), now);
      }
      Map<String, Map<String, Slot>> changes = new TreeMap<>();
      wanted.forEach((rule, slots) -> slots.forEach((id, slot) -> {
        if (!slot.heldBy(current.get(rule).get(id))) {
          changes.computeIfAbsent(rule, x -> new LinkedHashMap<>()).put(id, slot);
        }
      }));
      Undo undo = new Undo(bus);
      try {
        write(new Scan(bus, List.of(), current), changes, undo);
        if (c.apiDestinations().isPresent()) {
          for (Snapshots.Rate r : c.apiDestinations().get()) {
            setRate(r.name(), r.perSecond(), undo);
          }
        }
      } catch (AwsException e) {
        throw undo.failed(e);
      }
      appliedRules = Set.of();
      return new RestoreResult(integrationId, read(integrationId), 0);
    }
  }

  /**
   * Refuses, before anything is applied, a plan whose stages cannot be told apart on the targets there
   * are: a stage that selects no target, or the same targets as (or fewer than) the stage before.
   *
   * @param integrationId the integration (not used to find the bus)
   * @param splits the stages' splits, in order
   * @throws IllegalArgumentException naming the stage, its split, and the shares that select each
   *     number of targets there are
   * @throws AwsException if the targets could not be read
   */
  @Override
  public void checkSplits(String integrationId, List<TrafficSplit> splits) {
    Objects.requireNonNull(integrationId, "integrationId");
    List<TrafficSplit> list = List.copyOf(splits);
    int n;
    synchronized (lock) {
      n = scan().targets().size();
    }
    int previous = 0;
    for (int i = 0; i < list.size(); i++) {
      TrafficSplit split = list.get(i);
      int k = selects(n, split);
      String stage = "stage " + (i + 1) + " (" + split + ")";
      if (k == 0) {
        throw new IllegalArgumentException(stage + " selects no target: " + shares(n));
      }
      if (i > 0 && k == previous) {
        throw new IllegalArgumentException(stage + " selects the same " + targets(k) + " as stage " + i
            + " (" + list.get(i - 1) + "): " + shares(n));
      }
      if (i > 0 && k < previous) {
        throw new IllegalArgumentException(stage + " selects fewer targets (" + k + ") than stage " + i
            + " (" + list.get(i - 1) + ", " + previous + "): each stage must select more");
      }
      previous = k;
    }
  }

  // ----------------------------------------------------------------------------- more than the SPI

  /**
   * Returns the matched targets as they are now, in the order splits select them.
   *
   * @return the targets; empty when the matched rules have none
   * @throws AwsException if they could not be read
   */
  public List<RuleTarget> targets() {
    synchronized (lock) {
      List<Live> ordered = new ArrayList<>(scan().targets());
      ordered.sort(Live.SPLIT_ORDER);
      return ordered.stream().map(Live::view).toList();
    }
  }

  /**
   * Returns the targets a split selects now.
   *
   * @param split the split
   * @return the first ⌊n · p / 100⌋ targets of {@link #targets()}; empty when it selects none
   * @throws AwsException if they could not be read
   */
  public List<RuleTarget> selected(TrafficSplit split) {
    Objects.requireNonNull(split, "split");
    List<RuleTarget> all = targets();
    return all.subList(0, selects(all.size(), split));
  }

  /**
   * Reports how the targets a split selects differ from what a policy asks for: for teams whose targets
   * are also managed by Terraform or CloudFormation.
   *
   * @param policy the policy that should be active
   * @param split the split it was applied with; {@link TrafficSplit#FULL} compares every target
   * @return one entry per selected target
   * @throws AwsException if the targets could not be read
   */
  public Drift drift(RetryPolicy policy, TrafficSplit split) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(split, "split");
    synchronized (lock) {
      Scan s = scan();
      List<Live> ordered = new ArrayList<>(s.targets());
      ordered.sort(Live.SPLIT_ORDER);
      List<Live> chosen = ordered.subList(0, selects(ordered.size(), split));
      TargetSettings want = TargetSettings.of(EventBridgeTarget.from(policy));
      int perSecond = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
          Math.floor(policy.destinationRateLimitRps())));
      List<TargetDrift> out = new ArrayList<>();
      for (Live l : chosen) {
        TargetSettings have = Slot.of(l.target()).settings();
        List<TargetDrift.Difference> d = new ArrayList<>();
        compare(d, "RetryPolicy.MaximumRetryAttempts", TargetSettings.text(want.maximumRetryAttempts()),
            TargetSettings.text(have.maximumRetryAttempts()));
        compare(d, "RetryPolicy.MaximumEventAgeInSeconds",
            TargetSettings.text(want.maximumEventAgeSeconds()),
            TargetSettings.text(have.maximumEventAgeSeconds()));
        compare(d, "DeadLetterConfig.Arn", want.deadLetterArn().orElse("(not set)"),
            have.deadLetterArn().orElse("(not set)"));
        RuleTarget view = l.view();
        if (manageRates && view.isApiDestination()) {
          compare(d, "InvocationRateLimitPerSecond", Integer.toString(perSecond),
              Integer.toString(rate(apiDestinationName(view.arn()))));
        }
        out.add(new TargetDrift(view, d));
      }
      return new Drift(s.bus(), out);
    }
  }

  /**
   * Reports drift over every matched target: {@link #drift(RetryPolicy, TrafficSplit)} with
   * {@link TrafficSplit#FULL}.
   *
   * @param policy the policy that should be active
   * @return one entry per matched target
   * @throws AwsException if the targets could not be read
   */
  public Drift drift(RetryPolicy policy) {
    return drift(policy, TrafficSplit.FULL);
  }

  /**
   * Reports how the targets a snapshot recorded differ from what they hold now: after a rollback to the
   * baseline, the live targets should hold exactly what the baseline recorded.
   *
   * @param snapshot a snapshot {@link #read} returned (of this target's event bus)
   * @return one entry per recorded target, in the snapshot's order; a recorded target that no longer
   *     exists differs in {@code target} ({@code expected present, found (removed)})
   * @throws IllegalArgumentException if the snapshot is of another kind of target, not in EventBridge's
   *     shape, or of another event bus
   * @throws AwsException if the targets could not be read
   */
  public Drift drift(TargetSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    Snapshots.Content c = Snapshots.read(snapshot);
    synchronized (lock) {
      String bus = bus();
      if (!busName(c.bus()).equals(busName(bus))) {
        throw new IllegalArgumentException("the snapshot is of event bus " + SafeText.escape(c.bus())
            + ", but this target manages " + SafeText.escape(bus));
      }
      Map<String, Map<String, Target>> live = new TreeMap<>();
      List<TargetDrift> out = new ArrayList<>();
      for (Snapshots.Entry e : c.targets()) {
        Target now = live.computeIfAbsent(e.rule(), r -> writer.read(bus, r)).get(e.id());
        TargetSettings want = e.slot().settings();
        if (now == null) {
          out.add(new TargetDrift(new RuleTarget(busName(bus), e.rule(), e.id(), e.arn(), want),
              List.of(new TargetDrift.Difference("target", "present", "(removed)"))));
          continue;
        }
        TargetSettings have = Slot.of(now).settings();
        List<TargetDrift.Difference> d = new ArrayList<>();
        compare(d, "RetryPolicy.MaximumRetryAttempts", TargetSettings.text(want.maximumRetryAttempts()),
            TargetSettings.text(have.maximumRetryAttempts()));
        compare(d, "RetryPolicy.MaximumEventAgeInSeconds",
            TargetSettings.text(want.maximumEventAgeSeconds()),
            TargetSettings.text(have.maximumEventAgeSeconds()));
        compare(d, "DeadLetterConfig.Arn", want.deadLetterArn().orElse("(not set)"),
            have.deadLetterArn().orElse("(not set)"));
        if (d.isEmpty() && !e.slot().heldBy(now)) {
          // Same values, different shape: a RetryPolicy with no members where the baseline had none.
          compare(d, "RetryPolicy", e.slot().retryPolicy() == null ? "(not set)" : "(set, empty)",
              now.retryPolicy() == null ? "(not set)" : "(set, empty)");
          compare(d, "DeadLetterConfig", e.slot().deadLetterConfig() == null ? "(not set)"
              : "(set, no Arn)", now.deadLetterConfig() == null ? "(not set)" : "(set, no Arn)");
        }
        out.add(new TargetDrift(new RuleTarget(busName(bus), e.rule(), e.id(), now.arn(), have), d));
      }
      return new Drift(busName(bus), out);
    }
  }

  /**
   * Returns the name of the event bus this target manages, finding the Genesys Cloud partner bus when
   * none was given.
   *
   * @return the bus name (never an ARN)
   * @throws AwsException if no bus was given and there is not exactly one Genesys Cloud partner bus
   */
  public String eventBusName() {
    synchronized (lock) {
      return busName(bus());
    }
  }

  /**
   * Returns the rules whose targets carry the policy of the last {@link #apply} of this instance, for
   * {@link CloudWatchDeliveryMetrics} to judge it by.
   *
   * @return rule names; empty before the first apply and after a restore
   */
  public Set<String> appliedRules() {
    return appliedRules;
  }

  /** Closes the AWS client (not a caller's HTTP client). */
  @Override
  public void close() {
    client.close();
  }

  // -------------------------------------------------------------------------------- reading

  private record Scan(String bus, List<Live> targets, Map<String, Map<String, Target>> byRule) {}

  private Scan scan() {
    String bus = bus();
    List<Live> all = new ArrayList<>();
    Map<String, Map<String, Target>> byRule = new TreeMap<>();
    for (String rule : rules(bus)) {
      Map<String, Target> t = writer.read(bus, rule);
      byRule.put(rule, t);
      t.values().forEach(x -> all.add(new Live(busName(bus), rule, x)));
    }
    return new Scan(bus, all, byRule);
  }

  private String bus() {
    if (configuredBus.isPresent()) {
      return configuredBus.get();
    }
    if (discoveredBus != null) {
      return discoveredBus;
    }
    List<String> found = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListEventBusesResponse r;
      try {
        r = client.listEventBuses(b -> b.namePrefix(GENESYS_PARTNER_BUS_PREFIX).limit(100).nextToken(next));
      } catch (SdkException e) {
        throw Clients.failure(e, "ListEventBuses", "looking for the Genesys Cloud partner event bus")
            .build(e);
      }
      r.eventBuses().stream().map(EventBus::name).forEach(found::add);
      token = r.nextToken();
    } while (token != null && !token.isEmpty());
    if (found.size() != 1) {
      throw AwsException.builder("ListEventBuses", found.isEmpty()
          ? "there is no Genesys Cloud partner event bus (" + GENESYS_PARTNER_BUS_PREFIX
              + "<org>/<suffix>) in this account and region: name the event bus"
          : "there are " + found.size() + " Genesys Cloud partner event buses in this account and region:"
              + " name one of " + String.join(", ", found.stream().map(SafeText::escape).toList()))
          .build();
    }
    discoveredBus = found.get(0);
    return discoveredBus;
  }

  private static String busName(String bus) {
    int at = bus.indexOf(":event-bus/");
    return bus.startsWith("arn:") && at > 0 ? bus.substring(at + ":event-bus/".length()) : bus;
  }

  private List<String> rules(String bus) {
    if (!ruleNames.isEmpty()) {
      return ruleNames;
    }
    List<String> found = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListRulesResponse r;
      try {
        r = client.listRules(b -> b.eventBusName(bus).namePrefix(rulePrefix.orElse(null)).limit(100)
            .nextToken(next));
      } catch (SdkException e) {
        throw Clients.failure(e, "ListRules", "listing the rules of event bus " + SafeText.escape(bus))
            .build(e);
      }
      r.rules().stream().map(Rule::name).forEach(found::add);
      token = r.nextToken();
    } while (token != null && !token.isEmpty());
    return found;
  }

  private List<Live> select(Scan s, TrafficSplit split) {
    if (s.targets().isEmpty()) {
      throw AwsException.builder("ListTargetsByRule", "there is nothing to apply the policy to: "
          + (ruleNames.isEmpty() ? "the rules" + rulePrefix.map(p -> " named " + SafeText.escape(p) + "…")
              .orElse("") : "rules " + String.join(", ", ruleNames.stream().map(SafeText::escape).toList()))
          + " of event bus " + SafeText.escape(s.bus()) + " have no targets").build();
    }
    List<Live> ordered = new ArrayList<>(s.targets());
    ordered.sort(Live.SPLIT_ORDER);
    int k = selects(ordered.size(), split);
    if (k == 0) {
      throw new IllegalArgumentException("a split of " + split + " selects no target: "
          + shares(ordered.size()));
    }
    return List.copyOf(ordered.subList(0, k));
  }

  static int selects(int n, TrafficSplit split) {
    return n * split.percent() / 100;
  }

  static String shares(int n) {
    if (n == 0) {
      return "there are no targets";
    }
    if (n == 1) {
      return "there is 1 target, so a policy can only go to it all at once (100%)";
    }
    StringBuilder b = new StringBuilder("there are " + n + " targets: a stage selects ");
    int shown = Math.min(n, 6);
    for (int j = 1; j <= shown; j++) {
      int from = (100 * j + n - 1) / n;
      if (j > 1) {
        b.append(j == n ? " and " : ", ");
      }
      b.append(targets(j)).append(j == n ? " at 100%" : " from " + from + "%");
    }
    if (shown < n) {
      b.append(", … and all ").append(n).append(" at 100%");
    }
    return b.toString();
  }

  private static String targets(int k) {
    return k + (k == 1 ? " target" : " targets");
  }

  private static void compare(List<TargetDrift.Difference> out, String field, String want, String have) {
    if (!want.equals(have)) {
      out.add(new TargetDrift.Difference(field, want, have));
    }
  }

  // -------------------------------------------------------------------------------- writing

  /** What a write changed, to put back when a later step fails. */
  private final class Undo {
    private final String bus;
    private final Map<String, Map<String, Slot>> targets = new TreeMap<>();
    private final Map<String, Integer> rates = new LinkedHashMap<>();

    Undo(String bus) {
      this.bus = bus;
    }

    AwsException failed(AwsException e) {
      int changed = targets.values().stream().mapToInt(Map::size).sum() + rates.size();
      if (changed == 0) {
        return e.withMessage(e.getMessage() + "; nothing had been changed").build(e.getCause());
      }
      List<String> stuck = new ArrayList<>();
      String why = null;
      for (Map.Entry<String, Map<String, Slot>> r : targets.entrySet()) {
        try {
          Map<String, Target> now = writer.read(bus, r.getKey());
          Map<String, Slot> back = new LinkedHashMap<>(r.getValue());
          back.keySet().removeIf(id -> !now.containsKey(id));
          writer.write(bus, r.getKey(), now, back, id -> { });
        } catch (AwsException u) {
          r.getValue().keySet().forEach(id -> stuck.add("rule " + r.getKey() + " target " + id));
          why = why == null ? u.getMessage() : why;
        }
      }
      for (Map.Entry<String, Integer> r : rates.entrySet()) {
        try {
          client.updateApiDestination(b -> b.name(r.getKey()).invocationRateLimitPerSecond(r.getValue()));
        } catch (SdkException u) {
          stuck.add("API destination " + r.getKey());
          why = why == null ? Clients.failure(u, "UpdateApiDestination", "putting back").build().getMessage()
              : why;
        }
      }
      String tail = stuck.isEmpty()
          ? "; the " + targets(changed).replace("target", "change") + " made before it "
              + (changed == 1 ? "was" : "were") + " put back"
          : "; putting back what was changed before it failed too (" + why + "), so these still hold the"
              + " new values: " + String.join(", ", stuck.stream().map(SafeText::escape).toList());
      return e.withMessage(e.getMessage() + tail).build(e.getCause());
    }
  }

  private void write(Scan s, Map<String, Map<String, Slot>> changes, Undo undo) {
    for (Map.Entry<String, Map<String, Slot>> r : changes.entrySet()) {
      String rule = r.getKey();
      Map<String, Target> current = s.byRule().get(rule);
      writer.write(s.bus(), rule, current, r.getValue(), id -> undo.targets
          .computeIfAbsent(rule, x -> new LinkedHashMap<>()).put(id, Slot.of(current.get(id))));
    }
  }

  private static List<String> apiDestinations(List<Live> targets) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (Live l : targets) {
      RuleTarget v = l.view();
      if (v.isApiDestination()) {
        names.add(apiDestinationName(v.arn()));
      }
    }
    return List.copyOf(names);
  }

  private static String apiDestinationName(String arn) {
    String rest = arn.substring(arn.indexOf("api-destination/") + "api-destination/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private int rate(String name) {
    DescribeApiDestinationResponse r;
    try {
      r = client.describeApiDestination(b -> b.name(name));
    } catch (SdkException e) {
      throw Clients.failure(e, "DescribeApiDestination", "reading API destination "
          + SafeText.escape(name)).build(e);
    }
    return r.invocationRateLimitPerSecond() == null ? 300 : r.invocationRateLimitPerSecond();
  }

  private void setRate(String name, int perSecond, Undo undo) {
    int now = rate(name);
    if (now == perSecond) {
      return;
    }
    try {
      client.updateApiDestination(b -> b.name(name).invocationRateLimitPerSecond(perSecond));
    } catch (SdkException e) {
      throw Clients.failure(e, "UpdateApiDestination", "setting InvocationRateLimitPerSecond of API"
          + " destination " + SafeText.escape(name) + " to " + perSecond).build(e);
    }
    undo.rates.putIfAbsent(name, now);
  }

  // -------------------------------------------------------------------------------- builder

  /**
   * Builds an {@link EventBridgeTargets}. Each setting can be set once; a second set is an
   * {@link IllegalStateException} naming the value already set. Not thread-safe.
   */
  public static final class Builder {
    private AwsConnection connection = AwsConnection.defaults();
    private String bus;
    private final List<String> rules = new ArrayList<>();
    private String prefix;
    private boolean manageRates;
    private Sleeper sleeper = Sleeper.system();
    private RandomGenerator random;
    private int maxConflictRetries = 5;
    private final Set<String> set = new HashSet<>();

    private Builder() {}

    private void once(String name, Object current) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }

    /**
     * Sets how to reach AWS. Default {@link AwsConnection#defaults()}.
     *
     * @param connection the connection
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder connection(AwsConnection connection) {
      once("connection", this.connection);
      this.connection = Objects.requireNonNull(connection, "connection");
      return this;
    }

    /**
     * Sets the event bus. Default: the one Genesys Cloud partner event bus of the account and region
     * (found with {@code ListEventBuses}; an error when there is none or more than one).
     *
     * @param nameOrArn the bus name (1 to 256 of {@code [/.\-_A-Za-z0-9]}) or ARN
     * @return this builder
     * @throws IllegalArgumentException if it is neither
     * @throws IllegalStateException if the bus was already set
     */
    public Builder eventBus(String nameOrArn) {
      Objects.requireNonNull(nameOrArn, "nameOrArn");
      boolean arn = nameOrArn.startsWith("arn:") && nameOrArn.contains(":event-bus/")
          && nameOrArn.length() <= 1600;
      if (!arn && !BUS_NAME.matcher(nameOrArn).matches()) {
        throw new IllegalArgumentException("event bus must be a name of 1 to 256 of [/.-_A-Za-z0-9] or"
            + " an event bus ARN (rejected: " + SafeText.escape(nameOrArn) + ")");
      }
      once("eventBus", this.bus);
      this.bus = nameOrArn;
      return this;
    }

    /**
     * Sets the event bus to the partner bus of a Genesys Cloud organization and integration:
     * {@link EventBridgeTargets#genesysPartnerBus}.
     *
     * @param orgId the Genesys Cloud organization id
     * @param eventSourceSuffix the integration's {@code eventSourceSuffix}
     * @return this builder
     * @throws IllegalArgumentException if either is not 1 to 64 of {@code [A-Za-z0-9._-]}
     * @throws IllegalStateException if the bus was already set
     */
    public Builder genesysPartnerBus(String orgId, String eventSourceSuffix) {
      return eventBus(EventBridgeTargets.genesysPartnerBus(orgId, eventSourceSuffix));
    }

    /**
     * Matches rules by name. Default: every rule of the bus.
     *
     * @param names 1 or more rule names, each 1 to 64 of {@code [.\-_A-Za-z0-9]}
     * @return this builder
     * @throws IllegalArgumentException if none is given or a name is not such a name
     * @throws IllegalStateException if rules were already chosen (by name or prefix)
     */
    public Builder rules(List<String> names) {
      List<String> copy = List.copyOf(names);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("rules must name at least one rule");
      }
      for (String n : copy) {
        if (!RULE_NAME.matcher(n).matches()) {
          throw new IllegalArgumentException("a rule name must be 1 to 64 of [.-_A-Za-z0-9] (rejected: "
              + SafeText.escape(n) + ")");
        }
      }
      once("rules", this.prefix != null ? "prefix " + this.prefix : this.rules);
      this.rules.addAll(new java.util.LinkedHashSet<>(copy));
      return this;
    }

    /**
     * Sets the event bus and the rules to those a snapshot recorded: for a rollback or a resume, which
     * must act on the targets the baseline was read from.
     *
     * @param snapshot a snapshot {@link EventBridgeTargets#read} returned
     * @return this builder
     * @throws IllegalArgumentException if the snapshot is of another kind of target, not in
     *     EventBridge's shape, or records no target
     * @throws IllegalStateException if the bus or the rules were already set
     */
    public Builder sameTargetsAs(TargetSnapshot snapshot) {
      Objects.requireNonNull(snapshot, "snapshot");
      Snapshots.Content c = Snapshots.read(snapshot);
      if (c.targets().isEmpty()) {
        throw new IllegalArgumentException("the snapshot records no target");
      }
      eventBus(c.bus());
      return rules(c.targets().stream().map(Snapshots.Entry::rule).distinct().toList());
    }

    /**
     * Matches rules by name: {@link #rules(List)}.
     *
     * @param names 1 or more rule names
     * @return this builder
     * @throws IllegalArgumentException if none is given or a name is not a rule name
     * @throws IllegalStateException if rules were already chosen
     */
    public Builder rules(String... names) {
      return rules(List.of(names));
    }

    /**
     * Matches the rules whose names start with a prefix ({@code ListRules} with {@code NamePrefix}).
     *
     * @param prefix 1 to 64 of {@code [.\-_A-Za-z0-9]}
     * @return this builder
     * @throws IllegalArgumentException if not such a text
     * @throws IllegalStateException if rules were already chosen
     */
    public Builder rulePrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!RULE_NAME.matcher(prefix).matches()) {
        throw new IllegalArgumentException("a rule prefix must be 1 to 64 of [.-_A-Za-z0-9] (rejected: "
            + SafeText.escape(prefix) + ")");
      }
      once("rules", this.rules.isEmpty() ? null : this.rules);
      this.prefix = prefix;
      return this;
    }

    /**
     * Also sets each selected API destination's {@code InvocationRateLimitPerSecond} to the policy's
     * {@code destination_rate_limit_rps} (rounded down, at least 1), records it in snapshots and
     * restores it. Off by default.
     *
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder manageApiDestinationRateLimits() {
      once("manageApiDestinationRateLimits", true);
      this.manageRates = true;
      return this;
    }

    /**
     * Sets what waits between retries of a {@code ConcurrentModificationException}. Default
     * {@link Sleeper#system()}.
     *
     * @param sleeper the sleeper
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder sleeper(Sleeper sleeper) {
      once("sleeper", this.sleeper);
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the source of the back-off's jitter. Default: a new {@link SplittableRandom}.
     *
     * @param random the generator; draws are synchronised on it
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder random(RandomGenerator random) {
      once("random", this.random);
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets how many times entries refused with {@code ConcurrentModificationException} are read and
     * written again. Default 5.
     *
     * @param retries 0..10
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxConflictRetries(int retries) {
      if (retries < 0 || retries > 10) {
        throw new IllegalArgumentException("maxConflictRetries must be 0..10 (rejected: " + retries + ")");
      }
      once("maxConflictRetries", this.maxConflictRetries);
      this.maxConflictRetries = retries;
      return this;
    }

    /**
     * Builds the target and its AWS client.
     *
     * @return the target
     * @throws AwsException if the AWS client cannot be configured (no region)
     */
    public EventBridgeTargets build() {
      if (random == null) {
        random = new SplittableRandom();
      }
      return new EventBridgeTargets(this);
    }
  }
}
