package io.github.eventretry.eventbridge.testing;

import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Hand-built CloudWatch requests in the protocols the AWS SDK for Java 2.57.8 no longer sends (AWS JSON
 * 1.0, the query protocol), signed with the SDK's own SigV4 signer and sent with the JDK client.
 */
public final class SignedHttp {
  private SignedHttp() {}

  public record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  /** POSTs a signed body to {@code /} with the given headers. */
  public static Answer post(AwsEmulator e, String secret, Map<String, String> headers, byte[] body)
      throws Exception {
    URI uri = e.endpoint().resolve("/");
    SdkHttpRequest.Builder r = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
        .putHeader("Host", uri.getHost() + ":" + uri.getPort());
    headers.forEach(r::putHeader);
    SignedRequest signed = AwsV4HttpSigner.create().sign(s -> s
        .identity(AwsCredentialsIdentity.create(AwsEmulator.DEFAULT_ACCESS_KEY_ID, secret))
        .request(r.build())
        .payload(() -> new ByteArrayInputStream(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "monitoring")
        .putProperty(AwsV4HttpSigner.REGION_NAME, e.region()));
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    signed.request().headers().forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Host") && !k.equalsIgnoreCase("Content-Length")) {
        v.forEach(x -> c.addRequestProperty(k, x));
      }
    });
    try (var out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    var in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    String text = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    Map<String, java.util.List<String>> answered = new java.util.HashMap<>();
    c.getHeaderFields().forEach((k, v) -> {
      if (k != null) {
        answered.put(k, v);
      }
    });
    return new Answer(status, answered, text);
  }

  public static Answer json10(AwsEmulator e, String operation, String json) throws Exception {
    return json10(e, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY, operation, json);
  }

  public static Answer json10(AwsEmulator e, String secret, String operation, String json) throws Exception {
    return post(e, secret, Map.of("Content-Type", "application/x-amz-json-1.0",
        "X-Amz-Target", "GraniteServiceVersion20100801." + operation),
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static Answer query(AwsEmulator e, String form) throws Exception {
    return query(e, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY, form);
  }

  public static Answer query(AwsEmulator e, String secret, String form) throws Exception {
    return post(e, secret, Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        form.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
