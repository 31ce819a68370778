package io.github.eventretry.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Bad settings are named with what is allowed; credentials never show. */
class AwsConnectionTest {
  @Test
  void toStringNeverShowsTheSecret() {
    AwsConnection c = AwsConnection.builder().region("eu-west-1").credentials("AKIAEXAMPLE00000000", "top-secret")
        .endpoint(URI.create("http://127.0.0.1:4566")).maxAttempts(1).build();
    assertThat(c.toString()).isEqualTo("AwsConnection[region=eu-west-1, endpoint=http://127.0.0.1:4566,"
        + " credentials=static, httpClient=url-connection, maxAttempts=1]");
    assertThat(c.toString()).doesNotContain("top-secret").doesNotContain("AKIAEXAMPLE");
  }

  @Test
  void refusesAnEndpointWithUserInformationWithoutEchoingIt() {
    assertThatThrownBy(() -> AwsConnection.builder().endpoint(URI.create("https://user:pa55@example.com/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoint must not carry user information (rejected: https://…@example.com)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pa55"));
    assertThatThrownBy(() -> AwsConnection.builder().endpoint(URI.create("ftp://example.com")))
        .hasMessage("endpoint must be an absolute http or https URL with a host (rejected: ftp://example.com)");
  }

  @Test
  void refusesABadRegionEscapingControlCharacters() {
    assertThatThrownBy(() -> AwsConnection.builder().region("us-east-1\n\u001b[31m"))
        .hasMessage("region must be an AWS region such as us-east-1 (rejected: us-east-1\\n\\u001b[31m)");
  }

  @Test
  void aSettingCanBeSetOnce() {
    AwsConnection.Builder b = AwsConnection.builder().credentials("a", "b");
    assertThatThrownBy(() -> b.credentials("c", "d")).isInstanceOf(IllegalStateException.class)
        .hasMessage("credentials was already set");
  }
}
