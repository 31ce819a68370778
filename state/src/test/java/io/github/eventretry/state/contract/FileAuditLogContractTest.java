package io.github.eventretry.state.contract;

import io.github.eventretry.state.audit.FileAuditLog;
import io.github.eventretry.state.spi.AuditLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogContractTest extends AuditLogContract {
  @TempDir Path dir;

  @Override
  protected AuditLog newLog() {
    return FileAuditLog.open(dir);
  }

  @Override
  protected void dropLast(int n) throws Exception {
    FileAuditLog file = (FileAuditLog) log;
    Path path = file.file();
    file.close();
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    List<String> kept = lines.subList(0, lines.size() - n);
    Files.writeString(path, kept.isEmpty() ? "" : String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
    log = FileAuditLog.open(dir);
  }

  @AfterEach
  void close() {
    ((FileAuditLog) log).close();
  }
}
