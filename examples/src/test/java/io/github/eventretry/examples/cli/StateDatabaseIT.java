package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.state.jdbc.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --state postgresql://HOST:PORT/DB}, {@code state init} and {@code state import} from the shaded
 * jar, against the PostgreSQL server the build starts (state's TestPostgres) and an emulator. The
 * password is set in the environment and must show in no output.
 */
class StateDatabaseIT {
  static final String PASSWORD = "s3cret-Pa55-never-shown";
  static final Map<String, String> ENV = Map.of("PGUSER", TestPostgres.SUPERUSER, "PGPASSWORD", PASSWORD);

  static GenesysCloudEmulator emulator;
  @TempDir static Path dir;
  static Path seed;
  static Path bolder;

  @BeforeAll
  static void start() throws Exception {
    emulator = GenesysCloudEmulator.builder().noRateLimit().start();
    seed = Files.writeString(dir.resolve("seed.json"), PolicyCommandsIT.SEED);
    bolder = Files.writeString(dir.resolve("bolder.json"),
        PolicyCommandsIT.SEED.replace("\"max_retries\": 5", "\"max_retries\": 8"));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static JarRunner.Run eventretry(Map<String, String> env, String... args) throws Exception {
    JarRunner.Run r = JarRunner.run(dir, env, args);
    assertThat(r.out() + r.err()).as("output of %s", List.of(args)).doesNotContain(PASSWORD)
        .doesNotContain("Exception").doesNotContain("org.postgresql");
    return r;
  }

  @Test
  void initDeployHistoryAndVerifyThroughTheDatabase() throws Exception {
    String url = TestPostgres.shared().url(TestPostgres.shared().newDatabase("cli"));

    JarRunner.Run init = eventretry(ENV, "state", "init", "--state", url);
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out()).isEqualTo("created schema eventretry (version 1) in " + url + "\n");
    assertThat(eventretry(ENV, "state", "init", "--state", url).out())
        .isEqualTo("schema eventretry of " + url + " is at version 1; nothing to do\n");

    String emu = emulator.baseUri().toString();
    JarRunner.Run first = eventretry(ENV, "deploy", seed.toString(), "--emulator", emu, "--state", url,
        "--plan", "all-at-once", "--bake", "1s", "--min-sample", "1", "--actor", "alice");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("completed");
    // The test server's superuser may change the audit table: the CLI says so.
    assertThat(first.errLines()).anySatisfy(l -> assertThat(l)
        .startsWith("eventretry: warning: role postgres may UPDATE the audit table eventretry.audit_record"));
    JarRunner.Run second = eventretry(ENV, "deploy", bolder.toString(), "--emulator", emu, "--state", url,
        "--plan", "all-at-once", "--bake", "1s", "--min-sample", "1", "--actor", "bob");
    assertThat(second.exitCode()).as(second.err()).isZero();

    JarRunner.Run history = eventretry(ENV, "history", "--state", url);
    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.out()).contains("v1").contains("v2");
    JarRunner.Run verify = eventretry(ENV, "audit", "verify", "--state", url);
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).startsWith("intact: ").contains("the audit table of " + url)
        .contains("head row checked");
  }

  @Test
  void importMovesAFolderIntoTheDatabaseWithTheChainStillVerifying() throws Exception {
    String folder = dir.resolve("folder-state").toString();
    String emu = emulator.baseUri().toString();
    JarRunner.Run deploy = eventretry(Map.of(), "deploy", seed.toString(), "--emulator", emu, "--state",
        folder, "--plan", "10,100", "--bake", "1s", "--min-sample", "1", "--actor", "alice");
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    String url = TestPostgres.shared().url(TestPostgres.shared().newDatabase("cli_import"));

    JarRunner.Run imported = eventretry(ENV, "state", "import", "--from", folder, "--to", url);

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("created schema eventretry (version 1) in " + url)
        .containsPattern("imported 1 integration\\(s\\) and [0-9]+ audit record\\(s\\) from .*folder-state"
            + " into " + java.util.regex.Pattern.quote(url) + "; the audit chain verifies \\([0-9]+ records\\)");
    JarRunner.Run verify = eventretry(ENV, "audit", "verify", "--state", url);
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    JarRunner.Run again = eventretry(ENV, "state", "import", "--from", folder, "--to", url);
    assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(again.err()).contains("already holds 1 state(s)").contains("Nothing was imported");
    // The next deploy goes on from the imported state.
    JarRunner.Run next = eventretry(ENV, "deploy", bolder.toString(), "--emulator", emu, "--state", url,
        "--plan", "all-at-once", "--bake", "1s", "--min-sample", "1", "--actor", "bob");
    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(next.out()).contains("v2");
  }

  @Test
  void aUrlWithCredentialsOrWithoutAUserIsRefusedWithoutShowingThePassword() throws Exception {
    int port = TestPostgres.shared().port();
    JarRunner.Run inUrl = eventretry(ENV, "history", "--state",
        "postgresql://postgres:" + PASSWORD + "@127.0.0.1:" + port + "/x");
    assertThat(inUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(inUrl.err()).isEqualTo("eventretry history: --state names a user or password in the URL"
        + " (postgresql://…@127.0.0.1:" + port + "/x), which would show in messages and shell history: pass"
        + " them in EVENTRETRY_DB_USER and EVENTRETRY_DB_PASSWORD (or PGUSER and PGPASSWORD) instead\n");

    JarRunner.Run noUser = eventretry(Map.of("PGUSER", "", "EVENTRETRY_DB_USER", ""), "history",
        "--state", "postgresql://127.0.0.1:" + port + "/x");
    assertThat(noUser.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noUser.err()).startsWith("eventretry history: --state postgresql://127.0.0.1:" + port
        + "/x needs a database user: set EVENTRETRY_DB_USER (or PGUSER)");

    JarRunner.Run notAUrl = eventretry(ENV, "history", "--state", "postgres://h/db?sslmode=x");
    assertThat(notAUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(notAUrl.err()).contains("is not a PostgreSQL URL; the form is postgresql://HOST[:PORT]/DB");

    JarRunner.Run uninitialised = eventretry(ENV, "history", "--state",
        TestPostgres.shared().url(TestPostgres.shared().newDatabase("cli_empty")));
    assertThat(uninitialised.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(uninitialised.err()).contains("has no eventretry tables: create them with"
        + " `eventretry state init --state URL`");
  }
}
