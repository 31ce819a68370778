package io.github.eventretry.state.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.state.LockInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Lock files holding a {@link LockInfo}. Thread-safe. */
public final class LockFiles {
  private static final AtomicLong NONCE = new AtomicLong();
  private static volatile String host;

  private LockFiles() {}

  /** This machine's host name, looked up once. */
  public static String host() {
    String h = host;
    if (h == null) {
      try {
        h = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        h = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
      }
      host = h;
    }
    return h;
  }

  /** A lock description for this process. */
  public static LockInfo mine(String owner, Clock clock) {
    return new LockInfo(owner, Files2.pid(), host(), clock.instant(),
        Files2.pid() + "-" + NONCE.incrementAndGet());
  }

  /** Creates the lock file if it does not exist; returns false if it does. */
  public static boolean tryCreate(Path lock, LockInfo info) throws IOException {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("owner", info.owner());
    o.put("pid", info.pid());
    o.put("host", info.host());
    o.put("acquired_at", info.acquiredAt().toString());
    o.put("nonce", info.nonce());
    byte[] bytes = CanonicalJson.canonicalBytes(o);
    return Files2.createExclusively(lock, bytes);
  }

  /** Reads a lock file; empty if it is absent or unreadable. */
  public static Optional<LockInfo> read(Path lock) {
    try {
      JsonNode n = Json.MAPPER.readTree(Files.readAllBytes(lock));
      Json.object(n, "lock", "owner", "pid", "host", "acquired_at", "nonce");
      return Optional.of(new LockInfo(Json.text(n, "owner"), Json.integer(n, "pid"), Json.text(n, "host"),
          Json.instant(n, "acquired_at"), Json.text(n, "nonce")));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | Json.Bad | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Deletes the lock file if it still holds {@code info}; returns whether it did. */
  public static boolean release(Path lock, LockInfo info) throws IOException {
    Optional<LockInfo> now = read(lock);
    if (now.isPresent() && now.get().nonce().equals(info.nonce())) {
      Files.deleteIfExists(lock);
      Files2.forceDirectory(lock.toAbsolutePath().getParent());
      return true;
    }
    return false;
  }

  /** Whether a lock's holder still runs, as far as this host can tell. */
  public static io.github.eventretry.state.LockHeldException.HolderStatus status(Optional<LockInfo> info) {
    if (info.isEmpty() || !info.get().host().equals(host())) {
      return io.github.eventretry.state.LockHeldException.HolderStatus.UNKNOWN;
    }
    return aliveHere(info.get()) ? io.github.eventretry.state.LockHeldException.HolderStatus.RUNNING
        : io.github.eventretry.state.LockHeldException.HolderStatus.GONE;
  }

  /** Whether the holder is a process on this host that is still running. */
  public static boolean aliveHere(LockInfo info) {
    return info.host().equals(host())
        && ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false);
  }
}
