package io.github.eventretry.examples.cli;

import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.genesys.emulator.MetricsModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eventretry emulator [--port P] [--client-id ID] [--client-secret S] [--integration-id ID]
 * [--tls DIR [--domain NAME]] [--success-rate R] [--deliveries-per-minute N]}: runs the loopback
 * Genesys Cloud emulator until the process is stopped.
 */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a loopback Genesys Cloud emulator on 127.0.0.1 until stopped (Ctrl-C): OAuth client"
          + " credentials, one amazon-eventbridge-source integration, its config/current with"
          + " versions, the tutorial's metrics query, rate limits.",
      "Plain HTTP by default; with --tls it serves HTTPS as api.NAME and login.NAME on one port,"
          + " with a certificate it makes, so that Genesys's own SDKs work against it unchanged.",
      "Prints 'listening on http://127.0.0.1:<port>' (or 'listening on https://api.NAME:<port>')"
          + " when ready."
    })
public final class EmulatorCommand implements Callable<Integer> {
  /** The port used when none is given. */
  static final int DEFAULT_PORT = 18080;

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "P", defaultValue = "" + DEFAULT_PORT,
      description = "port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--client-id", paramLabel = "ID",
      defaultValue = GenesysCloudEmulator.DEFAULT_CLIENT_ID,
      description = "OAuth client id (default: ${DEFAULT-VALUE})")
  String clientId;

  @Option(names = "--client-secret", paramLabel = "S",
      defaultValue = GenesysCloudEmulator.DEFAULT_CLIENT_SECRET,
      description = "OAuth client secret (default: ${DEFAULT-VALUE})")
  String clientSecret;

  @Option(names = "--integration-id", paramLabel = "ID",
      defaultValue = GenesysCloudEmulator.DEFAULT_INTEGRATION_ID,
      description = "id of the pre-seeded EventBridge integration (default: ${DEFAULT-VALUE})")
  String integrationId;

  @Option(names = "--tls", paramLabel = "DIR",
      description = "serve HTTPS as api.NAME and login.NAME, and write ca.pem, truststore.p12"
          + " (password changeit) and hosts into DIR (created if absent)")
  Path tls;

  @Option(names = "--domain", paramLabel = "NAME",
      description = "the domain of --tls (default: " + GenesysCloudEmulator.DEFAULT_DOMAIN + ")")
  String domain;

  @Option(names = "--success-rate", paramLabel = "R",
      description = "the delivery success rate the metrics query reports, 0..1 (default: 0.995)")
  Double successRate;

  @Option(names = "--deliveries-per-minute", paramLabel = "N",
      description = "the deliveries a minute the metrics query reports, 0..1000000000 (default: 20)")
  Long deliveriesPerMinute;

  @Override
  public Integer call() throws InterruptedException {
    String me = "eventretry emulator: ";
    if (port < 0 || port > 65_535) {
      throw CliException.usage(me + "--port must be 0..65535 (rejected: " + port + ")");
    }
    if (domain != null && tls == null) {
      throw CliException.usage(me + "--domain names the hosts of --tls; give --tls DIR too");
    }
    if (tls != null && Files.exists(tls) && !Files.isDirectory(tls)) {
      throw CliException.usage(me + "--tls must name a folder (rejected: "
          + SafeText.quote(tls.toString()) + " is a file)");
    }
    GenesysCloudEmulator.Builder b = GenesysCloudEmulator.builder();
    try {
      b.port(port).client(clientId, clientSecret).integration(integrationId);
      if (successRate != null || deliveriesPerMinute != null) {
        b.metricsModel(MetricsModel.fixed(successRate == null ? 0.995 : successRate,
            deliveriesPerMinute == null ? 20 : deliveriesPerMinute));
      }
      if (tls != null) {
        b.tls(tls);
        if (domain != null) {
          b.domain(domain);
        }
      }
    } catch (IllegalArgumentException e) {
      throw CliException.usage(me + option(e.getMessage()));
    }
    GenesysCloudEmulator emulator;
    try {
      emulator = b.start();
    } catch (BindException e) {
      throw CliException.failed(me + "cannot listen on 127.0.0.1:" + port
          + ": the port is in use (pick another with --port, or 0 for any free one)");
    } catch (IOException e) {
      throw CliException.failed(me + (tls != null
          ? "cannot write the TLS files into " + SafeText.quote(tls.toString()) + " or listen on"
              + " 127.0.0.1:" + port
          : "cannot listen on 127.0.0.1:" + port)
          + (e.getMessage() == null ? "" : " (" + SafeText.quote(e.getMessage()) + ")"));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }, "emulator-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("listening on " + emulator.baseUri());
    if (emulator.tlsDirectory().isPresent()) {
      Path dir = emulator.tlsDirectory().get().toAbsolutePath().normalize();
      out.println("token endpoint " + emulator.loginUri() + "/oauth/token");
      out.println("trust store " + dir.resolve(GenesysCloudEmulator.TRUST_STORE_FILE)
          + " (PKCS12, password " + GenesysCloudEmulator.TRUST_STORE_PASSWORD + "), CA "
          + dir.resolve(GenesysCloudEmulator.CA_FILE) + ", hosts "
          + dir.resolve(GenesysCloudEmulator.HOSTS_FILE));
    }
    out.println("client-id " + clientId + ", integration-id " + integrationId
        + "; stop with Ctrl-C");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /** The builder's message in the option's name: its setting names are the Java ones. */
  private static String option(String message) {
    return message
        .replace("successRate must", "--success-rate must")
        .replace("deliveriesPerMinute must", "--deliveries-per-minute must")
        .replace("domain must", "--domain must")
        .replace("integrationId must", "--integration-id must");
  }
}
