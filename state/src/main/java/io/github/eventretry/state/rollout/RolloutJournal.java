package io.github.eventretry.state.rollout;

import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.audit.AuditCheckpoint;
import io.github.eventretry.state.audit.AuditEntry;
import io.github.eventretry.state.audit.AuditExpectation;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.audit.AuditHead;
import io.github.eventretry.state.audit.AuditRecord;
import io.github.eventretry.state.internal.ChainVerifier;
import io.github.eventretry.state.spi.AuditLog;
import io.github.eventretry.state.spi.StageCheck;
import io.github.eventretry.state.spi.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the steps of one operation on one integration: each step that changes the state is saved
 * (compare-and-set, with the audit head it follows and its own record as the state's checkpoint), then
 * appended to the audit log, then given to the listener, once. A step that changes nothing is audited
 * and reported only. Before an operation changes anything, {@link #reconcile()} makes sure the state's
 * last change is in the log. While a step is recorded, the SLF4J MDC holds its integration and version
 * ({@link RolloutMdc}), for the store's, the log's and the listener's log lines. Confined to the
 * operation's thread.
 */
final class RolloutJournal {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutJournal.class);

  private final StateStore store;
  private final AuditLog audit;
  private final RolloutListener listener;
  private final Clock clock;
  private final String integrationId;
  private final String actor;
  private DeploymentState state;

  RolloutJournal(StateStore store, AuditLog audit, RolloutListener listener, Clock clock,
      DeploymentState state, String actor) {
    this.store = store;
    this.audit = audit;
    this.listener = listener;
    this.clock = clock;
    this.state = state;
    this.integrationId = state.integrationId();
    this.actor = actor;
  }

  DeploymentState state() {
    return state;
  }

  String actor() {
    return actor;
  }

  String integrationId() {
    return integrationId;
  }

  Instant now() {
    return clock.instant();
  }

  PolicyVersion version(String id) {
    return state.version(id).orElseThrow();
  }

  Step step(RolloutStep step) {
    return new Step(step);
  }

  /**
   * Makes sure the log holds the state's last change before anything else is recorded: writes the
   * record of a change whose append failed, and notes a log found shorter than the state expected
   * (the gap stays reported by verification; the record of the change is written after it).
   */
  void reconcile() {
    AuditExpectation e = state.auditExpectation();
    if (e.checkpoint().isEmpty() && e.versionCount() == 0) {
      return;
    }
    Optional<AuditRecord> head = audit.head();
    if (head.isPresent() && e.checkpoint().isPresent() && recordsChange(head.get(), e)) {
      return; // the usual case: the last record is this state's last change
    }
    List<AuditFault> faults = audit.verify(List.of(e)).faults().stream()
        .filter(f -> f.kind() == AuditFault.Kind.TRUNCATED
            || f.kind() == AuditFault.Kind.UNRECORDED_CHANGE)
        .filter(f -> f.line() == 0) // this state's expectation, not an old gap record
        .toList();
    for (AuditFault f : faults) {
      if (f.kind() == AuditFault.Kind.TRUNCATED) {
        step(RolloutStep.AUDIT_GAP_FOUND).detail("found", f.detail())
            .detail("state_serial_expected", Long.toString(e.serial()))
            .message("the audit log holds less than the state of " + integrationId + " expects: "
                + f.detail() + "; noted in the log")
            .record();
      }
    }
    boolean missing = faults.stream().anyMatch(f -> f.kind() == AuditFault.Kind.UNRECORDED_CHANGE
        || f.kind() == AuditFault.Kind.TRUNCATED);
    if (missing && e.checkpoint().isPresent()) {
      AuditEntry lost = e.checkpoint().get().entry();
      Map<String, String> details = new TreeMap<>(lost.details());
      details.put("recovered_action", lost.action());
      AuditEntry late = new AuditEntry(RolloutStep.AUDIT_RECORD_RECOVERED.auditAction(),
          lost.versionId(), lost.policyFingerprint(), lost.actor(), details);
      try (RolloutMdc.Scope mdc = RolloutMdc.step(integrationId, Optional.empty())) {
        audit.append(late);
        emit(RolloutEvent.builder(RolloutStep.AUDIT_RECORD_RECOVERED, integrationId, now())
            .message(SafeText.escape("wrote the missing audit record of " + lost.action()
                + lost.versionId().map(v -> " of " + v).orElse("") + " (state serial " + e.serial()
                + "), recorded late from the state")));
      }
    }
  }

  private static boolean recordsChange(AuditRecord r, AuditExpectation e) {
    return e.integrationId().equals(r.details().get(AuditCheckpoint.INTEGRATION_ID))
        && Long.toString(e.serial()).equals(r.details().get(AuditCheckpoint.STATE_SERIAL))
        && !r.action().equals(ChainVerifier.GAP_ACTION);
  }

  private void emit(RolloutEvent.Builder event) {
    RolloutEvent ev = event.build();
    LOG.debug("{}: {}", ev.step().auditAction(), ev.message());
    try {
      listener.onEvent(ev);
    } catch (RuntimeException ex) {
      LOG.warn("rollout listener failed on {}: {}", ev.step(), ex.toString());
    }
  }

  /** One step being described, then saved or recorded. */
  final class Step {
    private final RolloutStep step;
    private final Map<String, String> details = new TreeMap<>();
    private final RolloutEvent.Builder event;
    private Optional<PolicyVersion> version = Optional.empty();

    private Step(RolloutStep step) {
      this.step = step;
      this.event = RolloutEvent.builder(step, integrationId, now());
    }

    Step version(PolicyVersion v) {
      version = Optional.of(v);
      event.versionId(v.id());
      return this;
    }

    Step stage(int index, RolloutPlan plan) {
      event.stage(index, plan.stages().size());
      details.put("stage", Integer.toString(index + 1));
      return this;
    }

    Step split(TrafficSplit s) {
      event.split(s);
      details.put("traffic_split", s.toString());
      return this;
    }

    Step check(StageCheck c) {
      event.check(c);
      details.put("check", c.summary());
      return this;
    }

    Step check(Optional<StageCheck> c) {
      c.ifPresent(this::check);
      return this;
    }

    Step bakeEndsAt(Instant t) {
      event.bakeEndsAt(t);
      return this;
    }

    Step detail(String key, String value) {
      details.put(key, value);
      return this;
    }

    /** Sets the event's line; values in it may be raw: the line is escaped here, once. */
    Step message(String m) {
      event.message(SafeText.escape(m));
      return this;
    }

    private AuditEntry entry(Optional<Long> serial) {
      AuditEntry e = AuditEntry.of(step.auditAction(), actor)
          .withDetail(AuditCheckpoint.INTEGRATION_ID, integrationId);
      if (version.isPresent()) {
        PolicyVersion v = version.get();
        e = new AuditEntry(e.action(), Optional.of(v.id()), v.fingerprint(), e.actor(), e.details());
        if (v.isBaseline()) {
          e = e.withDetail("baseline_digest", v.digest())
              .withDetail("target", v.snapshot().orElseThrow().target());
        }
      }
      for (Map.Entry<String, String> d : details.entrySet()) {
        e = e.withDetail(d.getKey(), d.getValue());
      }
      if (serial.isPresent()) {
        e = e.withDetail(AuditCheckpoint.STATE_SERIAL, Long.toString(serial.get()));
      }
      return e;
    }

    /** Saves the change, then audits it, then reports it. */
    DeploymentState save(UnaryOperator<DeploymentState.Builder> change) {
      try (RolloutMdc.Scope mdc = mdc()) {
        long serial = state.serial() + 1;
        AuditEntry entry = entry(Optional.of(serial));
        Optional<AuditHead> head = audit.head().map(AuditHead::of);
        DeploymentState next = change.apply(state.toBuilder().nextSerial())
            .auditCheckpoint(Optional.of(new AuditCheckpoint(head, entry)))
            .build();
        state = store.compareAndSet(state.serial(), next);
        audit.append(entry);
        emit(event);
        return state;
      }
    }

    /** Audits a step that changes no state, then reports it. */
    void record() {
      try (RolloutMdc.Scope mdc = mdc()) {
        audit.append(entry(Optional.empty()));
        emit(event);
      }
    }

    /** The step's MDC: its integration and version, as its audit record and event name them. */
    private RolloutMdc.Scope mdc() {
      return RolloutMdc.step(integrationId, version.map(PolicyVersion::id));
    }
  }
}
