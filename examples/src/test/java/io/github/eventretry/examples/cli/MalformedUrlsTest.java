package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A malformed DASHBOARD_URL or GENESYS_ENV is named, and its password and key are not repeated. */
class MalformedUrlsTest {
  static final String BAD = "http://user:pw@[bad/x?key=K";

  @Test
  void aMalformedDashboardUrlIsNamedWithoutItsUserInfoOrQuery() {
    CliException e = catchThrowableOfType(CliException.class,
        () -> DeployCommand.telemetry(Map.of("DASHBOARD_URL", BAD, "DASHBOARD_API_KEY", "k")));
    assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(e.getMessage())
        .startsWith("eventretry deploy: DASHBOARD_URL: endpoint is not a valid URL (")
        .contains("http://<user info not shown>@[bad/x?<query not shown>")
        .doesNotContain("pw").doesNotContain("key=K").doesNotContain("Exception");
  }

  @Test
  void aMalformedGenesysEnvIsNamedWithoutItsUserInfoOrQuery() {
    CliException e = catchThrowableOfType(CliException.class, () -> new GenesysOptions().client(Map.of(
        "GENESYS_CLIENT_ID", "id", "GENESYS_CLIENT_SECRET", "secret", "GENESYS_ENV", BAD)));
    assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(e.getMessage())
        .startsWith("eventretry: GENESYS_ENV: base URI is not a valid URL (")
        .contains("http://<user info not shown>@[bad/x?<query not shown>")
        .doesNotContain("pw").doesNotContain("key=K").doesNotContain("Exception");
  }
}
