package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.genesys.emulator.MetricsModel;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployment lifecycle as a user meets it, from the shaded jar against an emulator started here:
 * one test per scenario of issue 9's "Semantics". The emulator's delivery metrics are switched per test
 * (its in-process {@link MetricsModel}), so a check passes or fails within a second.
 */
class DeploymentLifecycleIT {
  static final String ID = GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  GenesysCloudEmulator emulator;
  final AtomicReference<Double> successRate = new AtomicReference<>(0.995);
  Path seed;
  Path bolder;
  Path state;

  @BeforeEach
  void start() throws Exception {
    emulator = GenesysCloudEmulator.builder().noRateLimit()
        .metricsModel(q -> new MetricsModel.Sample(600, successRate.get(), 6, 120.0))
        .start();
    seed = Files.writeString(dir.resolve("seed.json"), PolicyCommandsIT.SEED);
    bolder = Files.writeString(dir.resolve("bolder.json"),
        PolicyCommandsIT.SEED.replace("\"max_retries\": 5", "\"max_retries\": 8"));
    state = dir.resolve("state");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  String url() {
    return emulator.baseUri().toString();
  }

  JsonNode advanced() throws Exception {
    java.util.Optional<String> a = emulator.configuration(ID).member("advanced");
    return a.isEmpty() ? null : JSON.readTree(a.get());
  }

  RetryPolicy live() {
    return emulator.configuration(ID).appliedPolicy().orElseThrow().policy();
  }

  JarRunner.Run cli(String... args) throws Exception {
    return JarRunner.run(dir, args);
  }

  JarRunner.Run deploy(Path policy, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("deploy", policy.toString(), "--emulator", url(),
        "--state", state.toString(), "--plan", "all-at-once", "--bake", "100ms", "--min-sample", "1"));
    args.addAll(List.of(more));
    return cli(args.toArray(String[]::new));
  }

  JarRunner.Run rollback(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("rollback", "--emulator", url(), "--state",
        state.toString()));
    args.addAll(List.of(more));
    return cli(args.toArray(String[]::new));
  }

  JsonNode history() throws Exception {
    JarRunner.Run h = cli("history", "--state", state.toString(), "--json");
    assertThat(h.exitCode()).as(h.err()).isZero();
    return JSON.readTree(h.out());
  }

  static void noJavaNames(JarRunner.Run run) {
    assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("java.")
        .doesNotContain("\tat ").doesNotContain("()");
  }

  @ParameterizedTest
  @ValueSource(strings = {"custom", "empty", "absent"})
  void aFirstDeployWhoseCheckFailsRestoresExactlyWhatWasThere(String baseline) throws Exception {
    emulator.editConfiguration(ID, text -> {
      ObjectNode c;
      try {
        c = (ObjectNode) JSON.readTree(text);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      switch (baseline) {
        case "custom" -> {
          ObjectNode a = c.putObject("advanced");
          a.put("retry_policy", "not a policy at all");
          a.putArray("owned_by_someone_else").add(1).add(2.5);
        }
        case "empty" -> c.putObject("advanced");
        default -> c.remove("advanced");
      }
      return c.toString();
    });
    JsonNode before = advanced();
    successRate.set(0.5);

    JarRunner.Run run = deploy(seed, "--reason", "first try");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out()).startsWith("rolled back: rolled back v1 to v0 (the baseline)");
    assertThat(run.err()).contains("recorded what " + ID + " holds now as the baseline v0");
    assertThat(advanced()).isEqualTo(before);
    JsonNode h = history();
    assertThat(h.get("active_version").textValue()).isEqualTo("v0");
    assertThat(h.at("/versions/0/status").textValue()).isEqualTo("baseline");
    assertThat(h.at("/versions/1/status").textValue()).isEqualTo("rolled_back");
    assertThat(h.at("/versions/1/reason").textValue()).isEqualTo("first try");
    assertThat(h.at("/versions/1/changes/0/reason").textValue()).contains("success rate 0.5000 below");
    noJavaNames(run);
  }

  @Test
  void rollbackGoesBackNeverForwardAndSaysSoWhenThereIsNothingBefore() throws Exception {
    JsonNode before = advanced();
    assertThat(deploy(seed).exitCode()).isZero();
    assertThat(deploy(bolder).exitCode()).isZero();

    JarRunner.Run first = rollback();
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("rolled back: rolled back v2 to v1");
    assertThat(live()).isEqualTo(PolicyJson.read(PolicyCommandsIT.SEED));

    JarRunner.Run second = rollback();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).startsWith("rolled back: rolled back v1 to v0 (the baseline)");
    assertThat(advanced()).isEqualTo(before);

    JarRunner.Run third = rollback();
    assertThat(third.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(third.out()).isEmpty();
    assertThat(third.errLines()).containsExactly("eventretry rollback: there is nothing before v0 (the"
        + " baseline) to roll back to; nothing was changed");
    assertThat(history().get("active_version").textValue()).isEqualTo("v0");
  }

  @Test
  void aRollbackToAVersionThatFailedIsRefusedUnlessForcedWithAReason() throws Exception {
    assertThat(deploy(seed).exitCode()).isZero();
    successRate.set(0.5);
    assertThat(deploy(bolder).exitCode()).isEqualTo(ExitCodes.FAILED);
    successRate.set(0.995);

    JarRunner.Run refused = rollback("--to", "v2");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.errLines()).singleElement().asString().startsWith("eventretry rollback: v2 was"
        + " rolled back (").contains("pass --force --reason TEXT");
    JarRunner.Run missing = rollback("--to", "v99");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.errLines()).containsExactly("eventretry rollback: integration " + ID
        + " has no version v99 (it has v0..v2); nothing was changed");
    assertThat(rollback("--to", "v2", "--force").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(live().maxRetries()).isEqualTo(5);

    JarRunner.Run forced = rollback("--to", "v2", "--force", "--reason", "the hotfix needs it");
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(live().maxRetries()).isEqualTo(8);
    String audit = Files.readString(state.resolve("audit.jsonl"));
    assertThat(audit).contains("\"forced\":\"true\"").contains("\"reason\":\"the hotfix needs it\"");
  }

  @Test
  void thePreflightRefusesBeforeAnyVersionExists() throws Exception {
    var before = emulator.configuration(ID);
    JarRunner.Run never = cli("deploy", seed.toString(), "--emulator", url(), "--state", state.toString(),
        "--plan", "all-at-once", "--bake", "0s");
    assertThat(never.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(never.errLines()).singleElement().asString().contains("--bake 0s")
        .contains("--min-sample 100").contains("--min-sample 0 to deploy unchecked");
    assertThat(state).doesNotExist();
    assertThat(emulator.configuration(ID)).isEqualTo(before);

    JarRunner.Run wrongSecret = JarRunner.run(dir, Map.of("GENESYS_CLIENT_ID",
            GenesysCloudEmulator.DEFAULT_CLIENT_ID, "GENESYS_CLIENT_SECRET", "wr0ng-s3cr3t"),
        "deploy", seed.toString(), "--emulator", url(), "--state", state.toString(), "--bake", "1s");
    assertThat(wrongSecret.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(wrongSecret.out()).isEmpty();
    assertThat(wrongSecret.errLines()).last().asString().startsWith("eventretry deploy: cannot read what")
        .contains("nothing was deployed").contains("401");
    assertThat(wrongSecret.out() + wrongSecret.err()).doesNotContain("wr0ng-s3cr3t");
    assertThat(state).as("a failed preflight leaves no state folder").doesNotExist();

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    JarRunner.Run down = cli("deploy", seed.toString(), "--emulator", "http://127.0.0.1:" + closed,
        "--state", state.toString(), "--bake", "1s", "--min-sample", "1");
    assertThat(down.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(down.errLines()).last().asString().contains("nothing was deployed");
    JarRunner.Run unknown = deploy(seed, "--integration", "no-such-integration");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(unknown.errLines()).last().asString().contains("nothing was deployed");
    noJavaNames(wrongSecret);
    noJavaNames(unknown);
    noJavaNames(down);
    assertThat(down.errLines()).as("the client's retries, as warnings in words")
        .anySatisfy(l -> assertThat(l).startsWith("eventretry: warning: POST /oauth/token"))
        .noneSatisfy(l -> assertThat(l).containsPattern("\\b(?:io|org|com)\\.[a-z]+\\.|\\[main\\]"));
    // Turned away before anything was recorded: no state folder, not even an empty audit.jsonl.
    assertThat(state).doesNotExist();

    JarRunner.Run unchecked = cli("deploy", seed.toString(), "--emulator", url(), "--state",
        state.toString(), "--plan", "all-at-once", "--bake", "0s", "--min-sample", "0");
    assertThat(unchecked.exitCode()).as(unchecked.err()).isZero();
    assertThat(unchecked.out()).startsWith("completed: v1 deployed; unchecked");
    assertThat(history().at("/versions/1/unchecked").booleanValue()).isTrue();
    JarRunner.Run table = cli("history", "--state", state.toString());
    assertThat(table.out()).contains("active, unchecked");
  }

  @Test
  void ctrlCDuringABakeRecordsWhereItStoppedAndResumeFinishesIt() throws Exception {
    assertThat(deploy(seed).exitCode()).isZero();
    String signal = Signals.childReactsToSigint() ? "INT" : "TERM";
    Running r = Running.start(dir, "deploy", bolder.toString(), "--emulator", url(), "--state",
        state.toString(), "--plan", "10,100", "--bake", "6s", "--min-sample", "1");
    assertThat(r.awaitLine("applied to 10%", 60)).as(r.lines().toString()).isTrue();

    r.signal(signal);

    assertThat(r.finish(60)).isEqualTo(signal.equals("INT") ? 130 : 143);
    String last = r.lines().get(r.lines().size() - 1);
    assertThat(last).startsWith("eventretry deploy: interrupted: the rollout of v2 stopped at stage 1"
        + " of 2 (10%, baking)").contains("'eventretry resume'").contains("'eventretry rollback'");
    assertThat(r.lines()).noneMatch(l -> l.contains("Exception") || l.contains("java."));
    assertLocksGone();
    JsonNode h = history();
    assertThat(h.at("/rollout/version_id").textValue()).isEqualTo("v2");
    assertThat(h.at("/rollout/phase").textValue()).isEqualTo("baking");
    assertThat(h.at("/rollout/stopped_at").isTextual()).isTrue();
    assertThat(cli("history", "--state", state.toString()).out())
        .contains("unfinished: rollout of v2 at stage 1 of 2 (10%, baking)");

    JarRunner.Run resumed = cli("resume", "--emulator", url(), "--state", state.toString());

    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("resuming v2 at stage 1 of 2 (baking)").contains("applied to 100%");
    assertThat(resumed.out()).startsWith("completed: v2 deployed");
    assertThat(live().maxRetries()).isEqualTo(8);
    assertThat(history().get("rollout").isNull()).isTrue();
    assertThat(deploy(seed).exitCode()).isZero();
  }

  @Test
  void sigtermDuringABakeThenRollbackUndoesItWithNoOtherStep() throws Exception {
    assertThat(deploy(seed).exitCode()).isZero();
    Running r = Running.start(dir, "deploy", bolder.toString(), "--emulator", url(), "--state",
        state.toString(), "--plan", "10,100", "--bake", "30s", "--min-sample", "1");
    assertThat(r.awaitLine("applied to 10%", 60)).as(r.lines().toString()).isTrue();

    r.signal("TERM");

    assertThat(r.finish(60)).isEqualTo(143);
    JarRunner.Run back = rollback();
    assertThat(back.exitCode()).as(back.err()).isZero();
    assertThat(back.out()).startsWith("rolled back: rolled back v2 to v1");
    assertThat(live()).isEqualTo(PolicyJson.read(PolicyCommandsIT.SEED));
    assertThat(history().get("rollout").isNull()).isTrue();
  }

  @Test
  void aKilledDeployerIsUnlockedOnlyOnceGoneThenResumed() throws Exception {
    assertThat(deploy(seed).exitCode()).isZero();
    Running r = Running.start(dir, "deploy", bolder.toString(), "--emulator", url(), "--state",
        state.toString(), "--plan", "10,100", "--bake", "8s", "--min-sample", "1");
    assertThat(r.awaitLine("applied to 10%", 60)).as(r.lines().toString()).isTrue();

    JarRunner.Run stillRunning = cli("unlock", "--state", state.toString());
    assertThat(stillRunning.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(stillRunning.errLines()).singleElement().asString()
        .contains("is being deployed by eventretry-cli (pid " + r.process.pid() + " on ")
        .contains(") since 20").contains("still running");

    r.process.destroyForcibly();
    r.finish(60);
    JarRunner.Run blocked = deploy(seed);
    assertThat(blocked.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(blocked.errLines()).last().asString().contains("pid " + r.process.pid())
        .contains("no longer running").contains("'eventretry unlock'").contains("'eventretry resume'");
    noJavaNames(blocked);

    JarRunner.Run unlock = cli("unlock", "--state", state.toString());
    assertThat(unlock.exitCode()).as(unlock.err()).isZero();
    assertThat(unlock.out()).contains("cleared the lock of " + ID + " held by eventretry-cli (pid "
        + r.process.pid()).contains("continue it with 'eventretry resume'");
    assertLocksGone();

    JarRunner.Run resumed = cli("resume", "--emulator", url(), "--state", state.toString());
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).startsWith("completed: v2 deployed");
    JarRunner.Run verify = cli("audit", "verify", "--state", state.toString());
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(Files.readString(state.resolve("audit.jsonl"))).contains("\"action\":\"lock_cleared\"");
  }

  @Test
  void aCutOrEmptiedAuditLogIsTruncatedWithNoKeyAndAMissingRecordIsWrittenByResume() throws Exception {
    assertThat(deploy(seed).exitCode()).isZero();
    assertThat(deploy(bolder).exitCode()).isZero();
    Path log = state.resolve("audit.jsonl");
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(cli("audit", "verify", "--state", state.toString()).exitCode()).isZero();

    write(log, lines.subList(0, lines.size() - 3));
    JarRunner.Run cut = cli("audit", "verify", "--state", state.toString());
    assertThat(cut.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(cut.out()).startsWith("BROKEN:").contains("truncated: the log ends at seq "
        + (lines.size() - 3));

    Files.writeString(log, "");
    JarRunner.Run emptied = cli("audit", "verify", "--state", state.toString());
    assertThat(emptied.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(emptied.out()).contains("truncated: the log holds no record");
    Files.delete(log);
    JarRunner.Run deleted = cli("audit", "verify", "--state", state.toString(), "--json");
    assertThat(deleted.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(JSON.readTree(deleted.out()).at("/faults/0/kind").textValue()).isEqualTo("truncated");

    write(log, lines.subList(0, lines.size() - 1));
    JarRunner.Run oneLost = cli("audit", "verify", "--state", state.toString());
    assertThat(oneLost.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(oneLost.out()).contains("unrecorded change").contains("deploy_completed of v2")
        .contains("'eventretry resume' writes it");
    JarRunner.Run resumed = cli("resume", "--emulator", url(), "--state", state.toString());
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("wrote the missing audit record of deploy_completed of v2");
    assertThat(cli("audit", "verify", "--state", state.toString()).exitCode()).isZero();
  }

  @Test
  void withAnAuditKeyTheCommandsSignTheHeadAndVerifyChecksIt() throws Exception {
    Map<String, String> key = Map.of("EVENTRETRY_AUDIT_KEY", "correct horse battery staple");
    JarRunner.Run first = JarRunner.run(dir, key, "deploy", seed.toString(), "--emulator", url(),
        "--state", state.toString(), "--plan", "all-at-once", "--bake", "100ms", "--min-sample", "1");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(state.resolve("audit.jsonl.head")).exists();
    JarRunner.Run ok = JarRunner.run(dir, key, "audit", "verify", "--state", state.toString());
    assertThat(ok.exitCode()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("signed head checked");

    JarRunner.Run wrong = JarRunner.run(dir, Map.of("EVENTRETRY_AUDIT_KEY", "a different key, also long"),
        "audit", "verify", "--state", state.toString());
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(wrong.out()).contains("head mismatch");
    JarRunner.Run shortKey = JarRunner.run(dir, Map.of("EVENTRETRY_AUDIT_KEY", "short"),
        "audit", "verify", "--state", state.toString());
    assertThat(shortKey.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(shortKey.errLines()).singleElement().asString().contains("at least 16 bytes")
        .doesNotContain("short");
  }

  @Test
  void controlCharactersInEchoedValuesAreEscaped() throws Exception {
    String actor = "ev\u001b[31mil";
    String reason = "line1\nforged line\u0007";
    JarRunner.Run d = deploy(seed, "--actor", actor, "--reason", reason);
    assertThat(d.exitCode()).as(d.err()).isZero();
    JarRunner.Run back = rollback("--actor", actor, "--reason", "why\u001b]0;title\u0007");
    assertThat(back.exitCode()).as(back.err()).isZero();
    // A value written into the state file by hand is escaped too.
    Path file = state.resolve(ID + ".state.json");
    Files.writeString(file, Files.readString(file).replace("\"reason\": \"line1\\nforged line\\u0007\"",
        "\"reason\": \"line1\\nforged line\\u0007\\u001b[2J\""));

    List<JarRunner.Run> runs = List.of(
        cli("history", "--state", state.toString()),
        cli("history", "--state", state.toString(), "--json"),
        cli("diff", "v0", "v1", "--state", state.toString()),
        cli("audit", "verify", "--state", state.toString()),
        d, back,
        deploy(Files.writeString(dir.resolve("bad\u001b[1mname.json"), "{ not json")),
        cli("diff", "v1", "v\u001b9", "--state", state.toString()),
        rollback("--to", "v\u001b[9"));
    for (JarRunner.Run run : runs) {
      assertThat(run.out() + run.err()).as("output %s", run)
          .doesNotContain("\u001b").doesNotContain("\u0007");
    }
    assertThat(runs.get(runs.size() - 1).errLines()).singleElement().asString()
        .contains("has no version v\\u001b[9 (it has v0..v1)");
    JarRunner.Run table = runs.get(0);
    assertThat(table.out()).contains("ev\\u001b[31mil").contains("line1\\nforged line\\u0007\\u001b[2J")
        .contains("why\\u001b]0;title\\u0007").doesNotContain("\\\\u");
    assertThat(table.out().lines()).noneMatch(l -> l.startsWith("forged line"));
  }

  private void assertLocksGone() throws IOException {
    try (Stream<Path> files = Files.list(state)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".lock"));
    }
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  /** {@code java -jar eventretry.jar ...} running in the background, its stderr read line by line. */
  static final class Running {
    final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private Running(Process process) {
      this.process = process;
      this.reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            synchronized (lines) {
              lines.add(line);
              lines.notifyAll();
            }
          }
        } catch (IOException e) {
          // the process was killed: the lines read so far are what it printed
        }
        synchronized (lines) {
          lines.notifyAll();
        }
      });
      reader.start();
    }

    static Running start(Path workDir, String... args) throws IOException {
      return start(workDir, Map.of(), args);
    }

    static Running start(Path workDir, Map<String, String> env, String... args) throws IOException {
      List<String> command = new ArrayList<>(Signals.defaultIntPrefix());
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-jar");
      command.add(JarRunner.jar().toString());
      command.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().keySet().removeIf(k -> k.startsWith("GENESYS_") || k.startsWith("DASHBOARD_")
          || k.startsWith("EVENTRETRY_") || k.startsWith("AWS_"));
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      return new Running(p);
    }

    boolean awaitLine(String part, long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      synchronized (lines) {
        while (lines.stream().noneMatch(l -> l.contains(part))) {
          long left = deadline - System.nanoTime();
          if (left <= 0 || !reader.isAlive()) {
            return lines.stream().anyMatch(l -> l.contains(part));
          }
          lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return true;
      }
    }

    void signal(String name) throws IOException, InterruptedException {
      Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid()))
          .redirectErrorStream(true).start();
      kill.getInputStream().readAllBytes();
      kill.waitFor();
    }

    int finish(long seconds) throws InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
      reader.join(TimeUnit.SECONDS.toMillis(seconds));
      return process.exitValue();
    }

    List<String> lines() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }
  }

  /** Whether a child started here reacts to SIGINT (see the state module's reliability tests). */
  static final class Signals {
    private Signals() {}

    static boolean sigintIgnoredHere() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("SigIgn:")) {
            return (Long.parseLong(line.substring(7).trim(), 16) & 0x2) != 0;
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux: assume the default disposition
      }
      return false;
    }

    static List<String> defaultIntPrefix() {
      if (!sigintIgnoredHere() || !new File("/usr/bin/env").canExecute()) {
        return List.of();
      }
      try {
        Process p = new ProcessBuilder("env", "--default-signal=INT", "true").start();
        return p.waitFor() == 0 ? List.of("env", "--default-signal=INT") : List.of();
      } catch (IOException e) {
        return List.of();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }

    static boolean childReactsToSigint() {
      return !sigintIgnoredHere() || !defaultIntPrefix().isEmpty();
    }
  }
}
