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
    for (String bad : new String[] {"ftp://api.x.com", "https://api.x.com?q=1", "https://u:p@api.x.com",
        "api.x.com", "https://api.x.com/#f"}) {
      assertThatThrownBy(() -> Endpoints.checkBase(URI.create(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rejected: " + bad);
    }
  }
}
