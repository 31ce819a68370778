package io.github.eventretry.state.contract;

import io.github.eventretry.state.FileStateStore;
import io.github.eventretry.state.spi.StateStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreContractTest extends StateStoreContract {
  @TempDir Path dir;

  @Override
  protected StateStore newStore() {
    return FileStateStore.open(dir);
  }
}
