package io.github.eventretry.state.contract;

import io.github.eventretry.state.InMemoryStateStore;
import io.github.eventretry.state.spi.StateStore;

class InMemoryStateStoreContractTest extends StateStoreContract {
  @Override
  protected StateStore newStore() {
    return new InMemoryStateStore();
  }
}
