package io.github.eventretry.genesys.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.genesys.testing.ManualTime;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The emulator spoken to with a bare HttpClient, as any Genesys Cloud client would. */
class GenesysCloudEmulatorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  final ManualTime time = new ManualTime();

  HttpResponse<String> send(GenesysCloudEmulator e, String method, String path, String auth, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(e.baseUri() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String id, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  String token(GenesysCloudEmulator e) throws Exception {
    HttpResponse<String> r = send(e, "POST", "/oauth/token",
        basic(GenesysCloudEmulator.DEFAULT_CLIENT_ID, GenesysCloudEmulator.DEFAULT_CLIENT_SECRET),
        "grant_type=client_credentials");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode b = JSON.readTree(r.body());
    assertThat(b.path("token_type").asText()).isEqualTo("bearer");
    assertThat(b.path("expires_in").asLong()).isEqualTo(86_399);
    return "Bearer " + b.path("access_token").asText();
  }

  @Test
  void listensOnLoopbackOnlyAndStopsOnClose() throws Exception {
    GenesysCloudEmulator e = GenesysCloudEmulator.start();
    assertThat(e.baseUri().getHost()).isEqualTo("127.0.0.1");
    int port = e.port();
    e.close();
    try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void startsOnAGivenPort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (GenesysCloudEmulator e = GenesysCloudEmulator.builder().port(port).start()) {
      assertThat(e.baseUri()).hasToString("http://127.0.0.1:" + port);
    }
  }

  @Test
  void badCredentialsGetGenesysInvalidClientBody() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
      HttpResponse<String> r = send(e, "POST", "/oauth/token",
          basic(GenesysCloudEmulator.DEFAULT_CLIENT_ID, "wrong"), "grant_type=client_credentials");
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(
          "{\"error\":\"invalid_client\",\"description\":\"authentication failed\","
              + "\"error_description\":\"authentication failed\"}"));
      assertThat(r.headers().firstValue("ININ-Correlation-ID")).isPresent();
      HttpResponse<String> grant = send(e, "POST", "/oauth/token",
          basic(GenesysCloudEmulator.DEFAULT_CLIENT_ID, GenesysCloudEmulator.DEFAULT_CLIENT_SECRET),
          "grant_type=password");
      assertThat(grant.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(grant.body()).path("error").asText()).isEqualTo("unsupported_grant_type");
    }
  }

  @Test
  void apiCallsWithoutAValidTokenGet401WithAGenesysBody() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
      for (String auth : new String[] {null, "Bearer nonsense", basic("a", "b")}) {
        HttpResponse<String> r = send(e, "GET",
            "/api/v2/integrations/" + GenesysCloudEmulator.DEFAULT_INTEGRATION_ID, auth, null);
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode b = JSON.readTree(r.body());
        assertThat(b.path("code").asText()).isEqualTo("bad.credentials");
        assertThat(b.path("status").asInt()).isEqualTo(401);
        assertThat(b.path("contextId").asText())
            .isEqualTo(r.headers().firstValue("ININ-Correlation-ID").orElseThrow());
        assertThat(b.has("message") && b.path("details").isArray() && b.path("errors").isArray())
            .isTrue();
      }
    }
  }

  @Test
  void tokensExpireAfterTheirLifetime() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.builder()
        .clock(time).tokenLifetime(Duration.ofSeconds(100)).start()) {
      HttpResponse<String> t = send(e, "POST", "/oauth/token",
          basic(GenesysCloudEmulator.DEFAULT_CLIENT_ID, GenesysCloudEmulator.DEFAULT_CLIENT_SECRET),
          "grant_type=client_credentials");
      assertThat(JSON.readTree(t.body()).path("expires_in").asLong()).isEqualTo(100);
      String bearer = "Bearer " + JSON.readTree(t.body()).path("access_token").asText();
      String path = "/api/v2/integrations/" + GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
      time.advance(Duration.ofSeconds(99));
      assertThat(send(e, "GET", path, bearer, null).statusCode()).isEqualTo(200);
      time.advance(Duration.ofSeconds(1));
      assertThat(send(e, "GET", path, bearer, null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void configurationVersionsIncrementAndStaleWritesGet409() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
      String bearer = token(e);
      String path = "/api/v2/integrations/" + GenesysCloudEmulator.DEFAULT_INTEGRATION_ID
          + "/config/current";
      ObjectNode c = (ObjectNode) JSON.readTree(send(e, "GET", path, bearer, null).body());
      assertThat(c.path("version").asLong()).isEqualTo(1);
      assertThat(c.path("properties").path("awsAccountRegion").asText()).isEqualTo("us-east-1");
      assertThat(c.path("properties").path("eventFilter").isArray()).isTrue();
      HttpResponse<String> put = send(e, "PUT", path, bearer, c.toString());
      assertThat(put.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(put.body()).path("version").asLong()).isEqualTo(2);
      HttpResponse<String> stale = send(e, "PUT", path, bearer, c.toString());
      assertThat(stale.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(stale.body()).path("message").asText())
          .contains("does not match the current version");
      c.remove("version");
      HttpResponse<String> none = send(e, "PUT", path, bearer, c.toString());
      assertThat(none.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(none.body()).path("message").asText())
          .isEqualTo("Version number required for updates");
      assertThat(e.editConfiguration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID, x -> x)).isEqualTo(3);
      assertThat(e.configuration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID).version()).isEqualTo(3);
    }
  }

  @Test
  void perClientRateLimitAnswers429WithRetryAfter() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.builder().clock(time).requestsPerMinute(2).start()) {
      String bearer = token(e);
      String path = "/api/v2/integrations/" + GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
      assertThat(send(e, "GET", path, bearer, null).statusCode()).isEqualTo(200);
      time.advance(Duration.ofSeconds(15));
      assertThat(send(e, "GET", path, bearer, null).statusCode()).isEqualTo(200);
      HttpResponse<String> r = send(e, "GET", path, bearer, null);
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After")).contains("45");
      JsonNode b = JSON.readTree(r.body());
      assertThat(b.path("code").asText()).isEqualTo("too.many.requests.retry.after");
      assertThat(b.path("message").asText())
          .isEqualTo("Rate limit exceeded the maximum. Retry the request in [45] seconds");
      time.advance(Duration.ofSeconds(45));
      assertThat(send(e, "GET", path, bearer, null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void everyAnswerHasACorrelationIdAndEveryRequestIsRecorded() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
      String bearer = token(e);
      HttpResponse<String> a = send(e, "GET", "/api/v2/nowhere", bearer, null);
      HttpResponse<String> b = send(e, "DELETE", "/api/v2/integrations/x/config/current", bearer, null);
      assertThat(a.statusCode()).isEqualTo(404);
      assertThat(b.statusCode()).isEqualTo(405);
      assertThat(a.headers().firstValue("ININ-Correlation-ID"))
          .isNotEqualTo(b.headers().firstValue("ININ-Correlation-ID"));
      assertThat(e.takeRequest().isTokenRequest()).isTrue();
      RecordedRequest r = e.takeRequest();
      assertThat(r.sequence()).isEqualTo(2);
      assertThat(r.path()).isEqualTo("/api/v2/nowhere");
      assertThat(r.header("authorization")).contains(bearer);
      assertThat(r.toString()).doesNotContain(bearer.substring(7));
      assertThat(e.takeRequest().method()).isEqualTo("DELETE");
      assertThat(e.takeRequest(Duration.ofMillis(10))).isEmpty();
      assertThat(e.requests()).hasSize(3);
    }
  }

  @Test
  void scriptedFaultsComeInOrderThenNormalService() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
      String bearer = token(e);
      String path = "/api/v2/integrations/" + GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
      e.enqueue(Fault.respond(503, "{}"));
      e.enqueue(Fault.retryAfter(9));
      e.enqueue(Fault.malformedBody());
      e.enqueue(Fault.error(418, "teapot", "short and stout"));
      assertThat(send(e, "GET", path, bearer, null).statusCode()).isEqualTo(503);
      HttpResponse<String> limited = send(e, "GET", path, bearer, null);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).contains("9");
      HttpResponse<String> malformed = send(e, "GET", path, bearer, null);
      assertThat(malformed.statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> JSON.readTree(malformed.body())).isInstanceOf(IOException.class);
      HttpResponse<String> teapot = send(e, "GET", path, bearer, null);
      assertThat(JSON.readTree(teapot.body()).path("message").asText()).isEqualTo("short and stout");
      assertThat(send(e, "GET", path, bearer, null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aDroppedConnectionGivesNoAnswer() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
      e.enqueueToken(Fault.dropConnection());
      assertThatThrownBy(() -> send(e, "POST", "/oauth/token", basic("a", "b"), "x"))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void metricsEndpointAnswersFromTheModel() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.builder()
        .metricsModel(q -> new MetricsModel.Sample(7, 0.5, 3, 42)).start()) {
      String bearer = token(e);
      String body = "{\"date_from\":\"2026-11-29T11:00:00Z\",\"date_to\":\"2026-11-29T12:00:00Z\","
          + "\"filter\":{\"type\":\"AND\",\"clauses\":[{\"type\":\"EQUALS\",\"field\":\"integrationId\","
          + "\"value\":\"" + GenesysCloudEmulator.DEFAULT_INTEGRATION_ID + "\"}]}}";
      HttpResponse<String> r = send(e, "POST", "/api/v2/analytics/events/summary/query", bearer, body);
      JsonNode entity = JSON.readTree(r.body()).path("entities").get(0);
      assertThat(entity.path("deliveryCount").asLong()).isEqualTo(7);
      assertThat(entity.path("successRate").asDouble()).isEqualTo(0.5);
      assertThat(entity.path("retryCount").asLong()).isEqualTo(3);
      assertThat(entity.path("deliveryLatency").asDouble()).isEqualTo(42.0);
      HttpResponse<String> bad = send(e, "POST", "/api/v2/analytics/events/summary/query", bearer, "{}");
      assertThat(bad.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void faultsCheckTheirValues() {
    assertThatThrownBy(() -> Fault.respond(600, "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be 100..599 (rejected: 600)");
    assertThatThrownBy(() -> Fault.retryAfter(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GenesysCloudEmulator.builder().requestsPerMinute(5).noRateLimit())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rateLimit was already set to 5");
    assertThatThrownBy(() -> Fault.delay(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDispatcherCanPassOnWrapOrReplaceTheNormalAnswer() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
      String bearer = token(e);
      String path = "/api/v2/integrations/" + GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
      e.dispatcher((request, genesys) -> request.method().equals("DELETE")
          ? Response.json(204, "")
          : genesys.get().withHeader("X-Seen-By", "the test"));
      HttpResponse<String> wrapped = send(e, "GET", path, bearer, null);
      assertThat(wrapped.statusCode()).isEqualTo(200);
      assertThat(wrapped.headers().firstValue("X-Seen-By")).contains("the test");
      assertThat(wrapped.headers().firstValue("ININ-Correlation-ID")).isPresent();
      assertThat(JSON.readTree(wrapped.body()).path("integrationType").path("id").asText())
          .isEqualTo("amazon-eventbridge-source");
      assertThat(send(e, "DELETE", path, bearer, null).statusCode()).isEqualTo(204);
      // A scripted success is a Response, not a fault.
      e.dispatcher(Dispatcher.genesys());
      e.enqueue(Response.json(200, "{\"id\":\"scripted\"}").withHeader("Content-Type", "text/plain"));
      HttpResponse<String> scripted = send(e, "GET", path, bearer, null);
      assertThat(scripted.body()).isEqualTo("{\"id\":\"scripted\"}");
      assertThat(scripted.headers().firstValue("Content-Type")).contains("text/plain");
    }
  }

  @Test
  void aFaultFromTheDispatcherLeavesTheStateAsItWas() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
      String bearer = token(e);
      String path = "/api/v2/integrations/" + GenesysCloudEmulator.DEFAULT_INTEGRATION_ID
          + "/config/current";
      String body = send(e, "GET", path, bearer, null).body();
      e.dispatcher((request, genesys) -> request.method().equals("PUT")
          ? Fault.error(503, "service.unavailable", "down") : genesys.get());
      assertThat(send(e, "PUT", path, bearer, body).statusCode()).isEqualTo(503);
      assertThat(e.configuration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID).version()).isEqualTo(1);
    }
  }

  @Test
  void responsesCheckTheirValues() {
    assertThatThrownBy(() -> Response.json(99, "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be 100..599 (rejected: 99)");
    assertThatThrownBy(() -> Response.json(200, "").withHeader("X", "a\r\nSet-Cookie: b"))
        .isInstanceOf(IllegalArgumentException.class);
    Response r = Response.json(200, "{}").withHeader("x-a", "1").withHeader("X-A", "2");
    assertThat(r.headers()).containsExactly(java.util.Map.entry("X-A", "2"));
    assertThat(r.header("x-A")).contains("2");
    assertThat(r.withStatus(201).withBody("[]")).isEqualTo(new Response(201, r.headers(), "[]"));
  }

  @Test
  void aFixedMetricsModelReportsItsRateAndVolumeForAnyWindow() throws Exception {
    MetricsModel fixed = MetricsModel.fixed(0.5, 600);
    java.time.Instant t = java.time.Instant.parse("2026-11-29T12:00:00Z");
    MetricsModel.Sample five = fixed.sample(new MetricsModel.Query("i", t, t.plusSeconds(5),
        java.util.Optional.empty()));
    assertThat(five.deliveryCount()).isEqualTo(50);
    assertThat(five.successRate()).isEqualTo(0.5);
    assertThat(fixed.sample(new MetricsModel.Query("i", t, t.plusSeconds(3600),
        java.util.Optional.empty())).deliveryCount()).isEqualTo(36_000);
    assertThatThrownBy(() -> MetricsModel.fixed(1.5, 1)).hasMessageContaining("successRate");
    assertThatThrownBy(() -> MetricsModel.fixed(1, -1)).hasMessageContaining("deliveriesPerMinute");
    try (GenesysCloudEmulator e = GenesysCloudEmulator.builder()
        .metricsModel(MetricsModel.fixed(0.9, 120)).start()) {
      String bearer = token(e);
      String body = "{\"date_from\":\"2026-11-29T11:59:30Z\",\"date_to\":\"2026-11-29T12:00:00Z\","
          + "\"filter\":{\"type\":\"AND\",\"clauses\":[{\"type\":\"EQUALS\",\"field\":\"integrationId\","
          + "\"value\":\"" + GenesysCloudEmulator.DEFAULT_INTEGRATION_ID + "\"}]}}";
      JsonNode entity = JSON.readTree(send(e, "POST", "/api/v2/analytics/events/summary/query",
          bearer, body).body()).path("entities").get(0);
      assertThat(entity.path("deliveryCount").asLong()).isEqualTo(60);
      assertThat(entity.path("successRate").asDouble()).isEqualTo(0.9);
    }
  }
}
