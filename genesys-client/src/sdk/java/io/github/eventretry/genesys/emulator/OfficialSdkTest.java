package io.github.eventretry.genesys.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Genesys's official Java SDK against the emulator's TLS mode, in a child JVM given only the
 * emulator's hosts file and trust store. Not in the default build (the SDK is 57 jars, 51 MB):
 * {@code mvn -B -Dquick -pl genesys-client -am verify -Pgenesys-sdk -Dtest=OfficialSdkTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OfficialSdkTest {
  @TempDir Path dir;

  @Test
  void theOfficialJavaSdkWorksAgainstTheEmulatorUnchanged() throws Exception {
    try (GenesysCloudEmulator e = GenesysCloudEmulator.builder().tls(dir).start()) {
      List<String> command = List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Djdk.net.hosts.file=" + dir.resolve(GenesysCloudEmulator.HOSTS_FILE),
          "-Djavax.net.ssl.trustStore=" + dir.resolve(GenesysCloudEmulator.TRUST_STORE_FILE),
          "-Djavax.net.ssl.trustStorePassword=" + GenesysCloudEmulator.TRUST_STORE_PASSWORD,
          "-Djavax.net.ssl.trustStoreType=PKCS12",
          "-cp", System.getProperty("java.class.path"), OfficialSdkClient.class.getName(),
          Integer.toString(e.port()), GenesysCloudEmulator.DEFAULT_CLIENT_ID,
          GenesysCloudEmulator.DEFAULT_CLIENT_SECRET, GenesysCloudEmulator.DEFAULT_INTEGRATION_ID);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try (InputStream in = p.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      System.out.println(output);
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output.lines().filter(l -> l.startsWith("ok ") || l.startsWith("FAILED"))
              .map(l -> l.startsWith("ok wrong secret refused") ? "ok wrong secret refused" : l))
          .containsExactly(
              "ok token and config/current version 1",
              "ok integration amazon-eventbridge-source ENABLED ACTIVE",
              "ok PUT version 1 -> 2, properties [awsAccountId, awsAccountRegion, eventSourceSuffix,"
                  + " eventFilter]",
              "ok stale version 409 with Genesys's message",
              "ok wrong secret refused");
      // What the emulator answered the SDK's token request with the wrong secret.
      assertThat(e.requests()).filteredOn(RecordedRequest::isTokenRequest).hasSizeGreaterThan(2);
      assertThat(e.requests().get(0).header("Host"))
          .contains("login.genesys-emulator.test:" + e.port());
      assertThat(e.requests().get(0).path()).isEqualTo("/oauth/token");
    }
  }
}
