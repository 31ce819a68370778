package io.github.eventretry.state.reliability;

import org.junit.jupiter.api.Test;

/**
 * {@link JdbcCrashLoop} with at least 50 SIGKILLs (60 by default), each child living 1 ms to 2.5 s after
 * it is ready (reliability profile):
 * {@code mvn -B -Preliability -pl state -am verify -Dtest=JdbcCrashLoopReliability}.
 */
class JdbcCrashLoopReliability {
  @Test
  void stateLeaseAndAuditSurviveRepeatedSigkill() throws Exception {
    System.out.println(JdbcCrashLoop.run(Integer.getInteger("crashloop.kills", 60),
        Long.getLong("crashloop.seed", 20261202L), 1, 2500));
  }
}
