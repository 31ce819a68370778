package io.github.eventretry.examples.cli;

import io.github.eventretry.genesys.ClientCredentials;
import io.github.eventretry.genesys.GenesysRegion;
import io.github.eventretry.genesys.HttpGenesysClient;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import io.github.eventretry.state.DeploymentState;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a command reaches Genesys Cloud: a real organisation named by the tutorial's environment
 * variables, or an emulator already running ({@code --emulator URL}). A picocli mixin.
 *
 * <p>Variables: {@code GENESYS_CLIENT_ID}, {@code GENESYS_CLIENT_SECRET}, {@code GENESYS_ENV} (a region
 * such as {@code us-east-1}, a domain such as {@code mypurecloud.ie}, or a base URL such as an
 * emulator's; default {@code us-east-1}, the tutorial's), {@code GENESYS_INTEGRATION_ID}. With {@code --emulator}, missing credentials and
 * integration fall back to the emulator's documented defaults.
 */
public final class GenesysOptions {
  @Option(names = "--emulator", paramLabel = "URL",
      description = "an emulator already running (e.g. from 'eventretry emulator'), in place of a"
          + " real region")
  URI emulator;

  @Option(names = "--integration", paramLabel = "ID",
      description = "the integration (default: $GENESYS_INTEGRATION_ID; with --emulator, the"
          + " emulator's)")
  String integration;

  /**
   * Returns the integration to act on.
   *
   * @param env the environment
   * @return the id
   * @throws CliException exit 2 naming {@code GENESYS_INTEGRATION_ID} when none is given
   */
  String integrationId(Map<String, String> env) {
    if (integration != null) {
      return checked(integration);
    }
    String fromEnv = env.get("GENESYS_INTEGRATION_ID");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return checked(fromEnv);
    }
    if (emulator != null) {
      return GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
    }
    // The command will need credentials right after: name every missing variable at once.
    throw missing(env, true);
  }

  /**
   * Returns the error that names every variable a live command needs and does not have.
   *
   * @param env the environment
   * @param integrationToo whether the integration is missing too
   * @return exit 2, one line
   */
  static CliException missing(Map<String, String> env, boolean integrationToo) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (String v : new String[] {"GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET"}) {
      String value = env.get(v);
      if (value == null || value.isBlank()) {
        names.add(v);
      }
    }
    if (integrationToo) {
      names.add("GENESYS_INTEGRATION_ID");
    }
    String list = names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    return CliException.usage("eventretry: " + list + (names.size() == 1 ? " is" : " are")
        + " not set (or pass --emulator URL" + (integrationToo ? ", --integration ID" : "") + ")");
  }

  /**
   * Returns the integration given on the command line or in the environment, if any.
   *
   * @param env the environment
   * @return the id, or empty
   */
  Optional<String> integrationIdIfGiven(Map<String, String> env) {
    if (integration != null) {
      return Optional.of(checked(integration));
    }
    return Optional.ofNullable(env.get("GENESYS_INTEGRATION_ID")).filter(s -> !s.isBlank())
        .map(GenesysOptions::checked);
  }

  /**
   * Checks an integration id with the state module's rule (it names a state file).
   *
   * @param id the id
   * @return the id
   * @throws CliException exit 2 when the id is not allowed
   */
  static String checked(String id) {
    try {
      return DeploymentState.checkIntegrationId(id);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("eventretry: " + e.getMessage());
    }
  }

  /**
   * Builds a client for the emulator or the region in the environment.
   *
   * @param env the environment
   * @return the client; share it
   * @throws CliException exit 2 naming a missing variable or an unknown region
   */
  HttpGenesysClient client(Map<String, String> env) {
    HttpGenesysClient.Builder b = HttpGenesysClient.builder();
    String id = env.get("GENESYS_CLIENT_ID");
    String secret = env.get("GENESYS_CLIENT_SECRET");
    if (emulator != null) {
      if (!"http".equals(emulator.getScheme()) && !"https".equals(emulator.getScheme())) {
        throw CliException.usage("eventretry: --emulator must be an http URL such as"
            + " http://127.0.0.1:18080 (rejected: a URL of scheme "
            + io.github.eventretry.core.text.SafeText.quote(String.valueOf(emulator.getScheme()), 20)
            + "; the rest is not shown, it may hold credentials)");
      }
      b.baseUri(emulator);
      boolean own = id != null && secret != null;
      b.credentials(new ClientCredentials(own ? id : GenesysCloudEmulator.DEFAULT_CLIENT_ID,
          own ? secret : GenesysCloudEmulator.DEFAULT_CLIENT_SECRET));
      return b.build();
    }
    if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
      throw missing(env, false);
    }
    String region = env.getOrDefault("GENESYS_ENV", "us-east-1");
    if (region.startsWith("http://") || region.startsWith("https://")) {
      try {
        // Parsed by the client: its message says what is wrong and leaves out the URL's user info,
        // query and fragment, which may hold a password or a token.
        return b.baseUri(region).credentials(new ClientCredentials(id, secret)).build();
      } catch (IllegalArgumentException e) {
        throw CliException.usage("eventretry: GENESYS_ENV: " + e.getMessage() + "; use a region such"
            + " as us-east-1, a domain such as mypurecloud.ie, or a URL such as http://127.0.0.1:18080");
      }
    }
    try {
      b.region(GenesysRegion.find(region));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("eventretry: GENESYS_ENV: " + e.getMessage());
    }
    return b.credentials(new ClientCredentials(id, secret)).build();
  }
}
