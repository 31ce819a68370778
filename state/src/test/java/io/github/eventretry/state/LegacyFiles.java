package io.github.eventretry.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The state folder eventretry 0.1 wrote (test resources {@code legacy-0.1/}, see its README). */
public final class LegacyFiles {
  /** The integration of the folder. */
  public static final String INTEGRATION = "0c1e9a7f-legacy-0-1";

  private LegacyFiles() {}

  /** Copies the state file and the audit log into a folder. */
  public static void copyInto(Path dir) throws IOException {
    for (String name : new String[] {INTEGRATION + ".state.json", "audit.jsonl"}) {
      try (InputStream in = LegacyFiles.class.getResourceAsStream("/legacy-0.1/" + name)) {
        Files.write(dir.resolve(name), in.readAllBytes());
      }
    }
  }
}
