package io.github.eventretry.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.state.Fixtures.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class StateFileProperties {

  @Property(tries = 60)
  void aDamagedStateFileOnlyEverRaisesCorruptStateException(
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 400) int cut,
      @ForAll @IntRange(min = 1, max = 255) int xor) throws IOException {
    Path dir = Files.createTempDirectory("state-prop");
    try {
      FileStateStore store = FileStateStore.open(dir, new ManualClock());
      store.compareAndSet(0, FileStateStoreTest.withOneVersion());
      Path file = store.stateFile(Fixtures.INTEGRATION);
      byte[] bytes = Files.readAllBytes(file);
      int i = where % bytes.length;
      bytes[i] = (byte) (bytes[i] ^ xor);
      if (cut % 3 == 0) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length - cut));
      }
      Files.write(file, bytes);
      byte[] before = bytes.clone();
      try {
        store.load(Fixtures.INTEGRATION);
      } catch (CorruptStateException e) {
        assertThat(e.getMessage()).contains(file.toString());
      }
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
    } finally {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
