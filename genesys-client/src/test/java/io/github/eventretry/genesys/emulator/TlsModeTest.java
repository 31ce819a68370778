package io.github.eventretry.genesys.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS mode as an application using Genesys's own SDK meets it: a child JVM whose only configuration is
 * the emulator's hosts file and trust store ({@code -Djdk.net.hosts.file} is read once, at start, so
 * it cannot be set in this JVM), talking plain HTTPS with the JDK's HttpClient.
 */
class TlsModeTest {
  @TempDir Path dir;

  @Test
  void anSdkStyleClientDerivesTheLoginHostAndWorksOverHttps() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.builder().tls(dir).start()) {
      assertThat(e.baseUri()).hasToString("https://api.genesys-emulator.test:" + e.port());
      assertThat(e.loginUri()).hasToString("https://login.genesys-emulator.test:" + e.port());
      List<String> out = child(e.baseUri().toString(), GenesysCloudEmulator.DEFAULT_CLIENT_ID,
          GenesysCloudEmulator.DEFAULT_CLIENT_SECRET, GenesysCloudEmulator.DEFAULT_INTEGRATION_ID);
      assertThat(out).containsExactly(
          "ok login host https://login.genesys-emulator.test:" + e.port(),
          "ok token from https://login.genesys-emulator.test:" + e.port() + "/oauth/token",
          "ok no token endpoint on the api host",
          "ok no API on the login host",
          "ok GET /api/v2/integrations/{id}?pageSize&pageNumber&expand",
          "ok PUT config/current version 1 -> 2",
          "ok stale version 409 with a correlation id",
          "ok wrong secret 401 invalid_client");
      // The requests really carried the names, as Host headers.
      assertThat(e.requests().get(0).header("Host"))
          .contains("login.genesys-emulator.test:" + e.port());
    }
  }

  @Test
  void writesACaATrustStoreAndAHostsFileAndKeepsTheCaAcrossRestarts() throws Exception {
    X509Certificate first;
    try (GenesysCloudEmulator e = GenesysCloudEmulator.builder().tls(dir).domain("Emu.Example.TEST")
        .start()) {
      assertThat(e.domain()).contains("emu.example.test");
      assertThat(e.tlsDirectory()).contains(dir);
      first = ca();
      assertThat(first.getBasicConstraints()).isGreaterThanOrEqualTo(0);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(dir.resolve(GenesysCloudEmulator.TRUST_STORE_FILE))) {
        trust.load(in, GenesysCloudEmulator.TRUST_STORE_PASSWORD.toCharArray());
      }
      assertThat(trust.getCertificate(trust.aliases().nextElement())).isEqualTo(first);
      assertThat(Files.readAllLines(dir.resolve(GenesysCloudEmulator.HOSTS_FILE)))
          .contains("127.0.0.1 api.emu.example.test login.emu.example.test");
    }
    try (GenesysCloudEmulator again = GenesysCloudEmulator.builder().tls(dir)
        .domain("emu.example.test").start()) {
      assertThat(ca()).as("a restarted emulator keeps the CA clients trust").isEqualTo(first);
      assertThat(again.baseUri().getHost()).isEqualTo("api.emu.example.test");
    }
    try (GenesysCloudEmulator other = GenesysCloudEmulator.builder().tls(dir).start()) {
      assertThat(ca()).as("another domain gets a new certificate").isNotEqualTo(first);
      assertThat(other.domain()).contains(GenesysCloudEmulator.DEFAULT_DOMAIN);
    }
  }

  @Test
  void aKeyStoreItDidNotWriteIsLeftAloneAndReported() throws Exception {
    Files.writeString(dir.resolve("emulator.p12"), "not a key store");
    assertThatThrownBy(() -> GenesysCloudEmulator.builder().tls(dir).start())
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("is not a key store this emulator wrote");
    assertThat(Files.readString(dir.resolve("emulator.p12"))).isEqualTo("not a key store");
  }

  @Test
  void plainHttpStaysTheDefaultAndDomainNeedsTls() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
      assertThat(e.baseUri().getScheme()).isEqualTo("http");
      assertThat(e.loginUri()).isEqualTo(e.baseUri());
      assertThat(e.domain()).isEmpty();
      assertThat(e.tlsDirectory()).isEmpty();
    }
    assertThatThrownBy(() -> GenesysCloudEmulator.builder().domain("x.test").start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("tls(folder)");
    for (String bad : new String[] {"", "a..b", "-a.test", "a_b.test", "a.test.", "x\u001b[2J"}) {
      assertThatThrownBy(() -> GenesysCloudEmulator.builder().domain(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("domain must be a DNS name")
          .hasMessageNotContaining("\u001b");
    }
  }

  @Test
  void theHttpsPortSpeaksNoPlainHttp() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.builder().tls(dir).start()) {
      HttpClient http = HttpClient.newHttpClient();
      assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + e.port() + "/oauth/token")).build(),
          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  private X509Certificate ca() throws Exception {
    try (InputStream in = Files.newInputStream(dir.resolve(GenesysCloudEmulator.CA_FILE))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private List<String> child(String... args) throws Exception {
    Path classes = Path.of(SdkStyleClient.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djdk.net.hosts.file=" + dir.resolve(GenesysCloudEmulator.HOSTS_FILE),
        "-Djavax.net.ssl.trustStore=" + dir.resolve(GenesysCloudEmulator.TRUST_STORE_FILE),
        "-Djavax.net.ssl.trustStorePassword=" + GenesysCloudEmulator.TRUST_STORE_PASSWORD,
        "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-cp", classes.toString(), SdkStyleClient.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output.lines().toList();
  }
}
