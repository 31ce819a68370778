package io.github.eventretry.examples.cli;

import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eventretry emulator [--port P] [--client-id ID] [--client-secret S] [--integration-id ID]}:
 * runs the loopback Genesys Cloud emulator until the process is stopped.
 */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a loopback Genesys Cloud emulator on 127.0.0.1 until stopped (Ctrl-C):",
      "OAuth client credentials, one amazon-eventbridge-source integration, its",
      "config/current with versions, the tutorial's metrics query, rate limits.",
      "Prints 'listening on http://127.0.0.1:<port>' when ready."
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

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw CliException.usage("eventretry emulator: --port must be 0..65535 (rejected: " + port + ")");
    }
    GenesysCloudEmulator emulator;
    try {
      emulator = GenesysCloudEmulator.builder()
          .port(port)
          .client(clientId, clientSecret)
          .integration(integrationId)
          .start();
    } catch (IllegalArgumentException e) {
      throw CliException.usage("eventretry emulator: " + e.getMessage());
    } catch (IOException e) {
      throw CliException.failed("eventretry emulator: cannot listen on 127.0.0.1:" + port + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }, "emulator-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("listening on " + emulator.baseUri());
    out.println("client-id " + clientId + ", integration-id " + integrationId
        + "; stop with Ctrl-C");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
