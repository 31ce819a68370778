package io.github.eventretry.state.contract;

import io.github.eventretry.state.audit.InMemoryAuditLog;
import io.github.eventretry.state.spi.AuditLog;
import java.time.Clock;

class InMemoryAuditLogContractTest extends AuditLogContract {
  @Override
  protected AuditLog newLog() {
    return new InMemoryAuditLog(Clock.systemUTC());
  }

  @Override
  protected void dropLast(int n) {
    ((InMemoryAuditLog) log).dropLast(n);
  }
}
