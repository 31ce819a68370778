package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, run twice from the shaded jar as a user would. */
class DemoIT {
  @TempDir Path dir;

  @Test
  void demoRunsTwiceAndLeavesAVerifiableAuditLog() throws Exception {
    JarRunner.Run first = JarRunner.run(dir, "demo");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("eventretry demo finished").contains("ROLLED_BACK")
        .contains("intact, 12 records").contains("minutes of simulated time");
    for (int step = 1; step <= 8; step++) {
      assertThat(first.err()).contains("[" + step + "/8]");
    }
    // The AWS side: CloudWatch turns the aggressive policy back, and the targets are as they were.
    assertThat(first.out()).contains("on AWS:            aggressive ROLLED_BACK, targets restored exactly;"
        + " seed COMPLETED, held by both targets");
    assertThat(first.err()).contains("v1 50%: stage 1/2: v1 applied to 50%")
        .contains("rolling back v1 to v0 (the baseline): stage 1 (50%) failed its check")
        .contains("the targets hold exactly what they held before (the baseline v0)")
        .contains("outage-spread-policy.json rides out b (no error finding)");
    assertThat(first.err()).doesNotContain("Exception").doesNotContain("\tat ");
    Path demo = dir.resolve("eventretry-demo");
    assertThat(Files.readString(demo.resolve("storm.svg"))).contains("<svg");
    assertThat(demo.resolve("audit.jsonl")).exists();

    JarRunner.Run second = JarRunner.run(dir, "demo");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("intact, 23 records").contains("active v3");

    JarRunner.Run verify = JarRunner.run(dir, "audit", "verify", "--state", "eventretry-demo");
    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out()).startsWith("intact: 23 records checked, 23 valid, 0 fault(s)");

    JarRunner.Run history = JarRunner.run(dir, "history", "--state", "eventretry-demo");
    assertThat(history.exitCode()).isZero();
    assertThat(history.out()).contains("v4").contains("rolled_back").contains("*  v3").contains(" < v1")
        .contains("baseline");
    // Wall-clock times: nothing recorded after the moment the history was printed.
    java.time.Instant now = java.time.Instant.now().plusSeconds(1);
    assertThat(java.util.regex.Pattern.compile("20\\d\\d-\\d\\d-\\d\\dT[0-9:]+Z").matcher(history.out())
        .results().map(m -> java.time.Instant.parse(m.group()))).allMatch(t -> t.isBefore(now));

    // Tampering with one byte of the log is found, with the record's seq.
    Path log = demo.resolve("audit.jsonl");
    String text = Files.readString(log);
    Files.writeString(log, text.replaceFirst("\"actor\":\"demo\"", "\"actor\":\"dema\""));
    JarRunner.Run broken = JarRunner.run(dir, "audit", "verify", "--state", "eventretry-demo");
    assertThat(broken.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(broken.out()).startsWith("BROKEN: 23 records checked, 22 valid")
        .contains("seq 1 (line 1): hash mismatch");
  }
}
