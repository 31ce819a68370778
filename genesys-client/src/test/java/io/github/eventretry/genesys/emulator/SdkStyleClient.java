package io.github.eventretry.genesys.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Genesys Cloud client as the official SDKs are, in a JVM of its own: only the JDK's HttpClient with
 * the default TLS context (so {@code -Djavax.net.ssl.trustStore} decides what is trusted) and the
 * default name service (so {@code -Djdk.net.hosts.file} decides where names go). No eventretry class,
 * no JSON library: what it reads it reads with two regular expressions.
 *
 * <p>It derives the login host as platform-client-sdk-java's {@code ApiClient.buildUrl} does: the base
 * path split at its first dot, {@code "https://login." + rest}. Prints one {@code ok ...} line per step
 * and exits 0, or prints {@code FAILED ...} and exits 1.
 *
 * <p>Arguments: base path, client id, client secret, integration id.
 */
public final class SdkStyleClient {
  private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SdkStyleClient() {}

  public static void main(String[] args) throws Exception {
    String basePath = args[0];
    String id = args[3];
    try {
      String login = "https://login." + basePath.split("\\.", 2)[1];
      System.out.println("ok login host " + login);

      HttpResponse<String> token = token(login, args[1], args[2]);
      expect(token, 200, "token on the login host");
      String bearer = "Bearer " + find(TOKEN, token.body(), "access_token");
      System.out.println("ok token from " + login + "/oauth/token");

      expect(token(basePath, args[1], args[2]), 404, "token on the api host");
      System.out.println("ok no token endpoint on the api host");

      expect(send("GET", login + "/api/v2/integrations/" + id, bearer, null), 404,
          "API on the login host");
      System.out.println("ok no API on the login host");

      HttpResponse<String> integration = send("GET", basePath + "/api/v2/integrations/" + id
          + "?pageSize=25&pageNumber=1&expand=config.current", bearer, null);
      expect(integration, 200, "GET integration with query parameters");
      if (!integration.body().contains("\"amazon-eventbridge-source\"")) {
        throw new IllegalStateException("the integration is not amazon-eventbridge-source");
      }
      System.out.println("ok GET /api/v2/integrations/{id}?pageSize&pageNumber&expand");

      String configPath = basePath + "/api/v2/integrations/" + id + "/config/current";
      HttpResponse<String> config = send("GET", configPath, bearer, null);
      expect(config, 200, "GET config/current");
      long version = Long.parseLong(find(VERSION, config.body(), "version"));
      HttpResponse<String> put = send("PUT", configPath, bearer, config.body());
      expect(put, 200, "PUT config/current");
      long next = Long.parseLong(find(VERSION, put.body(), "version"));
      if (next != version + 1) {
        throw new IllegalStateException("PUT gave version " + next + " after " + version);
      }
      System.out.println("ok PUT config/current version " + version + " -> " + next);

      HttpResponse<String> stale = send("PUT", configPath, bearer, config.body());
      expect(stale, 409, "PUT with a stale version");
      System.out.println("ok stale version 409 " + stale.headers()
          .firstValue("ININ-Correlation-ID").map(c -> "with a correlation id").orElse("WITHOUT"));

      HttpResponse<String> wrong = token(login, args[1], "not-the-secret");
      expect(wrong, 401, "token with a wrong secret");
      if (!wrong.body().contains("\"invalid_client\"")) {
        throw new IllegalStateException("a wrong secret is not invalid_client: " + wrong.body());
      }
      System.out.println("ok wrong secret 401 invalid_client");
    } catch (Exception e) {
      System.out.println("FAILED " + e);
      System.exit(1);
    }
  }

  private static HttpResponse<String> token(String host, String id, String secret) throws Exception {
    String basic = Base64.getEncoder().encodeToString(
        (id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return HTTP.send(HttpRequest.newBuilder(URI.create(host + "/oauth/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(String method, String url, String bearer, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", bearer)
        .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(HttpResponse<String> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " (expected " + status
          + "): " + r.body());
    }
  }

  private static String find(Pattern p, String body, String what) {
    Matcher m = p.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no " + what + " in " + body);
    }
    return m.group(1);
  }
}
