package io.github.eventretry.state.reliability;

import org.junit.jupiter.api.Test;

/**
 * {@link JdbcCrashLoop} with at least 50 SIGKILLs (reliability profile):
 * {@code mvn -B -Preliability -pl state -am verify -Dtest=JdbcCrashLoopReliability}.
 */
class JdbcCrashLoopReliability {
  @Test
  void stateLeaseAndAuditSurviveRepeatedSigkill() throws Exception {
    System.out.println(JdbcCrashLoop.run(Integer.getInteger("crashloop.kills", 60),
        Long.getLong("crashloop.seed", 20261202L), 1, 600));
  }
}
