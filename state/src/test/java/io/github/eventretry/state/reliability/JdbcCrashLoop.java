package io.github.eventretry.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.state.DeploymentState;
import io.github.eventretry.state.PolicyVersion;
import io.github.eventretry.state.VersionStatus;
import io.github.eventretry.state.audit.AuditFault;
import io.github.eventretry.state.jdbc.JdbcAuditLog;
import io.github.eventretry.state.jdbc.JdbcSchema;
import io.github.eventretry.state.jdbc.JdbcStateStore;
import io.github.eventretry.state.jdbc.TestSchemas;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A child JVM deploys in a loop through PostgreSQL and is killed with SIGKILL at moments drawn from a
 * seeded generator. After every kill: the lease ended with the child's connection (no lock is held once
 * the server has seen it go), the state loads, serials never go back, every version the child reported
 * committed is in the state, and the audit chain verifies, at most missing the record of the state's last
 * change (killed between the save and the append), which the next child's resume writes.
 */
final class JdbcCrashLoop {
  private JdbcCrashLoop() {}

  /** Runs the loop, each child living {@code minMs} to {@code maxMs} after it is ready; returns totals. */
  static String run(int kills, long seed, int minMs, int maxMs) throws Exception {
    String id = "7d3f0c1e-pg-crash-loop";
    JdbcSchema schema = TestSchemas.fresh();
    JdbcStateStore store = JdbcStateStore.open(schema);
    JdbcAuditLog log = JdbcAuditLog.builder(schema).open();
    SplittableRandom rng = new SplittableRandom(seed);
    Set<String> committed = new LinkedHashSet<>();
    long lastSerial = 0;
    int staleRows = 0;
    int unrecorded = 0;
    int interrupted = 0;
    for (int kill = 1; kill <= kills; kill++) {
      ChildJvm child = new ChildJvm(JdbcTwoProcessTest.spec(schema), id, "loop", Long.toString(rng.nextLong()),
          Integer.toString(rng.nextInt(1, 5)));
      assertThat(child.awaitReady(60)).as("child %d ready, stderr %s", kill, child.stderr()).isTrue();
      Thread.sleep(rng.nextInt(minMs, maxMs));
      child.process.destroyForcibly();
      child.finish(60);
      for (String line : child.lines()) {
        if (line.startsWith("committed ")) {
          committed.add(line.substring("committed ".length()));
        }
      }
      // The server ends the killed child's session when it reads the closed socket: at once, but not
      // necessarily before this line runs.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!store.locks(id).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(store.locks(id)).as("the lease outlived its holder after kill %d", kill).isEmpty();
      staleRows += store.clearStaleLocks(id).size();

      DeploymentState s = store.load(id).orElse(null);
      if (s == null) {
        continue;
      }
      assertThat(s.serial()).as("serial after kill %d", kill).isGreaterThanOrEqualTo(lastSerial);
      lastSerial = s.serial();
      if (s.rollout().isPresent()) {
        interrupted++;
      }
      for (String vid : committed) {
        PolicyVersion v = s.version(vid).orElseThrow(() -> new AssertionError("committed " + vid + " missing"));
        assertThat(v.status()).as("status of committed %s", vid).isIn(VersionStatus.ACTIVE,
            VersionStatus.SUPERSEDED);
      }
      assertThat(log.verify().faults()).as("audit after kill %d", kill).isEmpty();
      List<AuditFault> againstState = log.verify(List.of(s.auditExpectation())).faults();
      assertThat(againstState).as("audit against the state after kill %d", kill)
          .extracting(AuditFault::kind).allMatch(k -> k == AuditFault.Kind.UNRECORDED_CHANGE);
      unrecorded += againstState.size();
    }
    Set<String> completedInAudit = log.records().stream().filter(r -> r.action().equals("deploy_completed"))
        .map(r -> r.versionId().orElseThrow()).collect(Collectors.toSet());
    assertThat(completedInAudit).containsAll(committed);
    assertThat(committed).isNotEmpty();
    return String.format("PostgreSQL crash loop: %d SIGKILLs, %d versions committed, final serial %d,"
            + " %d audit records, %d interrupted rollouts found, %d lease rows of dead holders cleared,"
            + " %d unrecorded changes found and written by the next resume",
        kills, committed.size(), lastSerial, log.head().map(r -> r.seq()).orElse(0L), interrupted, staleRows,
        unrecorded);
  }
}
