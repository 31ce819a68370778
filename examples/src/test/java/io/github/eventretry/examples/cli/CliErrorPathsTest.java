package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error path of every command, run in-process: each must exit 1 or 2 with something on standard
 * error, and no line may name a Java class or exception, give a library's advice, or carry a raw
 * control character.
 */
class CliErrorPathsTest {
  /** A qualified Java name, an exception or error class, or a stack frame. */
  static final Pattern JAVA = Pattern.compile(
      "\\b(?:java|javax|com|org|io|picocli)(?:\\.[a-z0-9_]+)*\\.[A-Z]\\w*|\\b[A-Z][A-Za-z]*(?:Exception|Error)\\b"
          + "|\\bat [a-z]+\\.[a-z]|\\bis not a (?:long|int|double)\\b");
  /** Library advice. */
  static final Pattern ADVICE = Pattern.compile(
      "JsonReadFeature|JsonParser\\.Feature|FAIL_ON|DeserializationFeature|StreamReadConstraints"
          + "|enable `|Jackson|jackson", Pattern.CASE_INSENSITIVE);
  /** Control characters other than the line ends between lines. */
  static final Pattern CONTROL = Pattern.compile("[\\x00-\\x09\\x0b-\\x1f\\x7f\\x80-\\x9f\\u2028\\u2029]");

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = EventRetryCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static final String SEED = "{\"max_retries\": 5, \"backoff_strategy\": \"exponential\","
      + " \"base_delay_ms\": 500, \"max_delay_ms\": 60000,"
      + " \"dead_letter_queue_arn\": \"arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq\","
      + " \"destination_rate_limit_rps\": 150.0, \"storage_availability_class\": \"standard\"}";

  @Test
  void everyErrorPathSpeaksTheUsersLanguage() throws Exception {
    Path seed = write("seed.json", SEED);
    Path file = write("a-file", "not a folder");
    Path evil = write("evil.json", SEED.replace("\"standard\"}",
        "\"st\\u001b[2Jand\\nard\\u2028\", \"x\\u0007y\": \"\\u009b31m\"}"));
    Path broken = write("broken.json", "{\"max_retries\": 5,, 'x': NaN /* c */}");
    Path trailing = write("trailing.json", SEED + " {}");
    Path utf16 = dir.resolve("utf16.json");
    Files.write(utf16, SEED.getBytes(StandardCharsets.UTF_16LE));
    Path utf16bom = dir.resolve("utf16bom.json");
    Files.write(utf16bom, SEED.getBytes(StandardCharsets.UTF_16));
    Path huge = write("huge.json", "{\"max_retries\": 1" + "0".repeat(2000) + "}");
    Path deep = write("deep.json", "[".repeat(5000));
    Path missing = dir.resolve("missing.json");
    Path noFolder = dir.resolve("no-such-folder").resolve("chart.svg");
    Map<String, String> none = Map.of();
    Map<String, String> creds = new HashMap<>(Map.of("GENESYS_CLIENT_ID", "id",
        "GENESYS_CLIENT_SECRET", "s3cr3t", "GENESYS_INTEGRATION_ID", "int-1"));
    Map<String, String> badUrl = new HashMap<>(creds);
    badUrl.put("GENESYS_ENV", "https://user:pa ss@[bad/?token=s3cr3t");
    Map<String, String> badRegion = new HashMap<>(creds);
    badRegion.put("GENESYS_ENV", "mars-north-1");

    List<String[]> paths = new ArrayList<>(List.of(
        new String[] {},
        new String[] {"frobnicate"},
        new String[] {"valdiate", seed.toString()},
        new String[] {"--nope"},
        new String[] {"help", "nope"},
        new String[] {"validate"},
        new String[] {"validate", seed.toString(), "extra"},
        new String[] {"validate", missing.toString()},
        new String[] {"validate", dir.toString()},
        new String[] {"validate", "/dev/null"},
        new String[] {"validate", evil.toString()},
        new String[] {"validate", broken.toString()},
        new String[] {"validate", trailing.toString()},
        new String[] {"validate", utf16.toString()},
        new String[] {"validate", utf16bom.toString()},
        new String[] {"validate", huge.toString()},
        new String[] {"validate", deep.toString()},
        new String[] {"validate", "bad\u001b[31mname\n.json"},
        new String[] {"fingerprint", evil.toString()},
        new String[] {"payload", seed.toString()},
        new String[] {"payload", seed.toString(), "--target", "sns\u0007"},
        new String[] {"payload", seed.toString(), "--target", "genesys", "--traffic-split", "0"},
        new String[] {"payload", seed.toString(), "--target", "genesys", "--traffic-split", "ten"},
        new String[] {"schedule", seed.toString(), "--samples", "0"},
        new String[] {"schedule", seed.toString(), "--samples", "many"},
        new String[] {"schedule", seed.toString(), "--seed", "1.5"},
        new String[] {"simulate", seed.toString()},
        new String[] {"simulate", seed.toString(), "--events", "0", "--outage", "10m"},
        new String[] {"simulate", seed.toString(), "--events", "-5", "--outage", "10m"},
        new String[] {"simulate", seed.toString(), "--events", "100000000000000", "--outage", "10m"},
        new String[] {"simulate", seed.toString(), "--events", "10", "--outage", "ten minutes"},
        new String[] {"simulate", seed.toString(), "--events", "10", "--outage", "31d"},
        new String[] {"simulate", seed.toString(), "--events", "10", "--outage", "999999999999d"},
        new String[] {"simulate", seed.toString(), "--events", "10", "--outage", "PT999999999999999H"},
        new String[] {"simulate", seed.toString(), "--events", "10", "--outage", "1m", "--engine", "x"},
        new String[] {"simulate", seed.toString(), "--events", "10", "--outage", "1m",
            "--arrival-rate", "0"},
        new String[] {"simulate", seed.toString(), "--events", "10", "--outage", "1m",
            "--payload-kb", "300"},
        new String[] {"simulate", seed.toString(), "--events", "10", "--outage", "1m",
            "--bandwidth-limit-kbps", "-1"},
        new String[] {"simulate", seed.toString(), "--events", "10", "--outage", "1m",
            "--chart", dir.toString()},
        new String[] {"simulate", seed.toString(), "--events", "10", "--outage", "1m",
            "--chart", noFolder.toString()},
        new String[] {"simulate", missing.toString(), "--events", "10", "--outage", "1m"},
        new String[] {"emulator", "--port", "70000"},
        new String[] {"emulator", "--port", "http"},
        new String[] {"aws-emulator", "--port", "70000"},
        new String[] {"aws-emulator", "--port", "0", "--success-rate", "1.5"},
        new String[] {"aws-emulator", "--port", "0", "--success-rate", "x\u001b[2J"},
        new String[] {"aws-emulator", "--port", "0", "--region", "us east\n1"},
        new String[] {"aws-emulator", "--port", "0", "--account", "12"},
        new String[] {"aws-emulator", "--port", "0", "--access-key-id", "short", "--secret-access-key",
            "s3cr3t"},
        new String[] {"aws-emulator", "--port", "0", "--secret-access-key", " "},
        new String[] {"deploy", seed.toString()},
        new String[] {"deploy", seed.toString(), "--bake", "5 minutes", "--emulator", "http://127.0.0.1:1"},
        new String[] {"deploy", seed.toString(), "--plan", "10,5", "--emulator", "http://127.0.0.1:1"},
        new String[] {"deploy", seed.toString(), "--threshold", "2", "--emulator", "http://127.0.0.1:1"},
        new String[] {"deploy", seed.toString(), "--emulator", "ftp://x"},
        new String[] {"deploy", seed.toString(), "--state", file.toString(),
            "--emulator", "http://127.0.0.1:1"},
        new String[] {"deploy", seed.toString(), "--target", "sns\u0007", "--emulator", "http://127.0.0.1:1"},
        new String[] {"deploy", seed.toString(), "--target", "eventbridge"},
        new String[] {"deploy", seed.toString(), "--target", "eventbridge", "--integration", "i-1",
            "--aws-endpoint", "ftp://x"},
        new String[] {"deploy", seed.toString(), "--target", "eventbridge", "--integration", "i-1",
            "--aws-endpoint", "http://AKIA:s3cr3t@127.0.0.1:1"},
        new String[] {"deploy", seed.toString(), "--target", "eventbridge", "--integration", "i-1",
            "--aws-endpoint", "http://127.0.0.1:1/s3cr3t path"},
        new String[] {"deploy", seed.toString(), "--target", "eventbridge", "--integration", "i-1",
            "--rule", "a", "--rule-prefix", "b"},
        new String[] {"deploy", seed.toString(), "--target", "both", "--emulator", "http://127.0.0.1:1",
            "--aws-endpoint", "http://127.0.0.1:1", "--rule", "bad rule\u001b[2J"},
        new String[] {"drift", "--state", dir.resolve("none").toString()},
        new String[] {"drift", "--state", file.toString()},
        new String[] {"aws-emulator", "--port", "0", "--outage", "2m"},
        new String[] {"aws-emulator", "--port", "0", "--outage", "ten"},
        new String[] {"rollback", "--state", dir.resolve("none").toString()},
        new String[] {"rollback", "--state", file.toString()},
        new String[] {"history", "--state", dir.resolve("none").toString()},
        new String[] {"history", "--state", file.toString()},
        new String[] {"diff", "v1", "v9", "--state", dir.resolve("none").toString()},
        new String[] {"audit", "verify", "--state", dir.resolve("none").toString()},
        new String[] {"demo", "--dir", file.toString()}));
    List<String> problems = new ArrayList<>();
    for (String[] args : paths) {
      check(problems, String.join(" ", args), run(none, args));
    }
    check(problems, "deploy with credentials and a malformed GENESYS_ENV",
        run(badUrl, "deploy", seed.toString(), "--state", dir.resolve("s1").toString()));
    check(problems, "deploy with an unknown region",
        run(badRegion, "deploy", seed.toString(), "--state", dir.resolve("s2").toString()));
    assertThat(problems).isEmpty();
  }

  private static void check(List<String> problems, String what, Result r) {
    String err = r.err();
    if (r.code() != ExitCodes.FAILED && r.code() != ExitCodes.USAGE) {
      problems.add(what + ": exit " + r.code());
    }
    if (err.isBlank()) {
      problems.add(what + ": nothing on stderr");
    }
    for (String line : err.split("\n", -1)) {
      if (JAVA.matcher(line).find()) {
        problems.add(what + ": Java name in: " + line);
      }
      if (ADVICE.matcher(line).find()) {
        problems.add(what + ": library advice in: " + line);
      }
      if (CONTROL.matcher(line.replace("\r", "")).find()) {
        problems.add(what + ": control character in: " + line.replaceAll("\\p{Cntrl}", "?"));
      }
      if (line.contains("s3cr3t")) {
        problems.add(what + ": a secret in: " + line);
      }
    }
  }

  @Test
  void failuresAreDescribedInWords() {
    assertThat(ErrorText.describe(new NoSuchFileException("/x/policy.json")))
        .isEqualTo("no such file: /x/policy.json");
    assertThat(ErrorText.describe(new ConnectException("Connection refused")))
        .startsWith("cannot connect");
    assertThat(ErrorText.describe(new IllegalStateException(
        "com.example.FooException: broken (enable `JsonReadFeature.ALLOW_X` to allow)")))
        .isEqualTo("broken");
    assertThat(ErrorText.describe(new RuntimeException((String) null)))
        .contains("EVENTRETRY_DEBUG");
  }
}
