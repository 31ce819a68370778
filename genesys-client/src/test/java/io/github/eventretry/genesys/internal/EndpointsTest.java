package io.github.eventretry.genesys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointsTest {
  @Test
  void apiHostBecomesLoginHost() {
    assertThat(Endpoints.tokenUri(URI.create("https://api.mypurecloud.com")))
        .hasToString("https://login.mypurecloud.com/oauth/token");
    assertThat(Endpoints.tokenUri(URI.create("https://API.example.org:8443/")))
        .hasToString("https://login.example.org:8443/oauth/token");
  }

  @Test
  void loopbackKeepsItsHostAndPort() {
    assertThat(Endpoints.tokenUri(URI.create("http://127.0.0.1:18080")))
        .hasToString("http://127.0.0.1:18080/oauth/token");
    assertThat(Endpoints.tokenUri(URI.create("http://localhost:9")))
        .hasToString("http://localhost:9/oauth/token");
  }

  @Test
  void rejectsUnusableBases() {
    for (String bad : new String[] {"ftp://api.x.com", "api.x.com"}) {
      assertThatThrownBy(() -> Endpoints.checkBase(URI.create(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rejected: " + bad);
    }
  }

  @Test
  void rejectsUserInfoQueryAndFragmentWithoutEchoingThem() {
    String[][] cases = {
        {"https://u:pass-word@api.x.com", "https://<user info not shown>@api.x.com"},
        {"https://api.x.com/v?api_key=pass-word", "https://api.x.com/v?<query not shown>"},
        {"https://api.x.com/#pass-word", "https://api.x.com/#<fragment not shown>"},
        {"https:u:pass-word@api.x.com", "https:<not shown>"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> Endpoints.checkHttp(URI.create(c[0]), "endpoint"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("endpoint must be http(s)://host[:port][/path] with no user info, query or"
              + " fragment (rejected: " + c[1] + ")");
      assertThatThrownBy(() -> Endpoints.checkBase(URI.create(c[0])))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("base URI must be")
          .hasMessageNotContaining("pass-word");
    }
  }

  @Test
  void checkHttpKeepsTheUriAsGiven() {
    assertThat(Endpoints.checkHttp(URI.create("https://m.example.com/ingest/"), "endpoint"))
        .hasToString("https://m.example.com/ingest/");
  }

  @Test
  void malformedTextIsReportedWithoutUserInfoOrQuery() {
    String bad = "http://user:pw@[bad/x?key=K";
    assertThatThrownBy(() -> Endpoints.parse(bad, "DASHBOARD_URL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("DASHBOARD_URL is not a valid URL (")
        .hasMessageContaining("rejected: http://<user info not shown>@[bad/x?<query not shown>)")
        .hasMessageNotContaining("pw")
        .hasMessageNotContaining("key=K")
        .hasMessageNotContaining("URISyntaxException");
    assertThatThrownBy(() -> Endpoints.parse("https://k:s3cret@host/a b#frag-secret", "GENESYS_ENV"))
        .hasMessageNotContaining("s3cret").hasMessageNotContaining("frag-secret");
    assertThatThrownBy(() -> Endpoints.parse("http://host/\u001b[2J?x", "GENESYS_ENV"))
        .hasMessageNotContaining("\u001b");
    // Well-formed but not allowed: the check's own message, again without the secret parts.
    assertThatThrownBy(() -> Endpoints.parse("https://u:pw@api.x.com/?k=v", "base URI"))
        .hasMessageContaining("rejected: https://<user info not shown>@api.x.com/?<query not shown>")
        .hasMessageNotContaining("pw");
    assertThat(Endpoints.parse(" https://api.mypurecloud.com ", "base URI"))
        .hasToString("https://api.mypurecloud.com");
  }

  @Test
  void redactCutsEveryPartThatMayHoldACredential() {
    assertThat(Endpoints.redact("http://a:b@c@host:1/p?q#f"))
        .isEqualTo("http://<user info not shown>@host:1/p?<query not shown>#<fragment not shown>");
    assertThat(Endpoints.redact("user:pw@host")).isEqualTo("<user info not shown>@host");
    assertThat(Endpoints.redact("https://host/p@q")).isEqualTo("https://host/p@q");
  }
}
