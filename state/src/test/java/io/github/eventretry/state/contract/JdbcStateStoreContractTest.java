package io.github.eventretry.state.contract;

import io.github.eventretry.state.jdbc.JdbcStateStore;
import io.github.eventretry.state.jdbc.TestSchemas;
import io.github.eventretry.state.spi.StateStore;

/** The store contract against a real PostgreSQL server (started by the build). */
class JdbcStateStoreContractTest extends StateStoreContract {
  @Override
  protected StateStore newStore() {
    return JdbcStateStore.open(TestSchemas.fresh());
  }
}
