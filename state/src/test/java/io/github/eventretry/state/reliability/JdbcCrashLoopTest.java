package io.github.eventretry.state.reliability;

import org.junit.jupiter.api.Test;

/** A short {@link JdbcCrashLoop} in the default build: a few SIGKILLs. */
class JdbcCrashLoopTest {
  @Test
  void stateLeaseAndAuditSurviveAFewSigkills() throws Exception {
    System.out.println(JdbcCrashLoop.run(4, 20261203L, 800, 2500));
  }
}
