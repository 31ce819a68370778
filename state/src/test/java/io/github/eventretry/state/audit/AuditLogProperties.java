package io.github.eventretry.state.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.state.Fixtures.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class AuditLogProperties {

  @Property(tries = 40)
  void anyAppendedLogVerifiesAndAnySingleByteChangeIsFound(
      @ForAll @Size(min = 1, max = 8) List<@AlphaChars @StringLength(min = 1, max = 12) String> actors,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int xor) throws IOException {
    Path dir = Files.createTempDirectory("audit-prop");
    try {
      ManualClock clock = new ManualClock();
      Path file;
      try (FileAuditLog log = FileAuditLog.builder(dir).clock(clock).open()) {
        for (String a : actors) {
          log.append(new AuditEntry("deploy_started", Optional.of("v1"), Optional.empty(), a,
              Map.of("note", a + "!")));
        }
        AuditVerification ok = log.verify();
        assertThat(ok.intact()).isTrue();
        assertThat(ok.recordsValid()).isEqualTo(actors.size());
        file = log.file();
      }
      byte[] bytes = Files.readAllBytes(file);
      int i = where % bytes.length;
      bytes[i] = (byte) (bytes[i] ^ xor);
      Files.write(file, bytes);
      try (FileAuditLog log = FileAuditLog.builder(dir).clock(clock).open()) {
        assertThat(log.verify().intact()).as("flip at %d by %d", i, xor).isFalse();
      }
    } finally {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
