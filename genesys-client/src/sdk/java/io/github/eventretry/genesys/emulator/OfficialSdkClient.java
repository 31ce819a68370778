package io.github.eventretry.genesys.emulator;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.IntegrationsApi;
import com.mypurecloud.sdk.v2.model.Integration;
import com.mypurecloud.sdk.v2.model.IntegrationConfiguration;
import java.util.List;

/**
 * An application on Genesys's official Java SDK ({@code com.mypurecloud:platform-client-v2}), run in
 * a JVM of its own with the emulator's hosts file and trust store, unchanged but for its base path.
 * Prints one {@code ok ...} line per step, or {@code FAILED ...} and exits 1.
 *
 * <p>Arguments: port, client id, client secret, integration id.
 */
public final class OfficialSdkClient {
  private OfficialSdkClient() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String clientId = args[1];
    String clientSecret = args[2];
    String integrationId = args[3];
    try {
      ApiClient apiClient = ApiClient.Builder.standard()
          .withBasePath("https://api.genesys-emulator.test:" + port)
          .build();
      apiClient.authorizeClientCredentials(clientId, clientSecret);
      IntegrationsApi integrations = new IntegrationsApi(apiClient);
      IntegrationConfiguration current = integrations.getIntegrationConfigCurrent(integrationId);
      System.out.println("ok token and config/current version " + current.getVersion());

      Integration integration = integrations.getIntegration(integrationId, 25, 1, null,
          List.of("config.current"), null, null);
      System.out.println("ok integration " + integration.getIntegrationType().getId() + " "
          + integration.getIntendedState() + " " + integration.getReportedState().getCode());

      current.setNotes("changed through the official SDK");
      IntegrationConfiguration stored = integrations.putIntegrationConfigCurrent(integrationId, current);
      System.out.println("ok PUT version " + current.getVersion() + " -> " + stored.getVersion()
          + ", properties " + ((java.util.Map<?, ?>) stored.getProperties()).keySet());
      try {
        integrations.putIntegrationConfigCurrent(integrationId, current);
        System.out.println("FAILED a stale version was accepted");
        System.exit(1);
      } catch (ApiException e) {
        System.out.println("ok stale version " + e.getStatusCode()
            + (e.getRawBody().contains("does not match the current version") ? " with Genesys's message"
                : " " + e.getRawBody()));
      }
      try {
        ApiClient.Builder.standard().withBasePath("https://api.genesys-emulator.test:" + port)
            .build().authorizeClientCredentials(clientId, "not-the-secret");
        System.out.println("FAILED a wrong secret was accepted");
        System.exit(1);
      } catch (ApiException e) {
        // The SDK answers any 401 while it may refresh (a new ApiClient may) with a refresh-token
        // grant, and then waits refreshTokenWaitTime (10 s) for itself: status -1, "Token refresh
        // took longer than 10 seconds". That is the SDK's doing, whatever the server says; the
        // status and message are printed for the record.
        System.out.println("ok wrong secret refused (SDK: status " + e.getStatusCode() + ", "
            + e.getMessage() + ")");
      }
    } catch (Exception e) {
      System.out.println("FAILED " + e);
      e.printStackTrace(System.out);
      System.exit(1);
    }
  }
}
