package io.github.eventretry.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.json.CanonicalJson;
import io.github.eventretry.core.json.GenesysTrees;
import io.github.eventretry.core.payload.AppliedPolicy;
import io.github.eventretry.genesys.internal.GenesysApi;
import io.github.eventretry.genesys.internal.Json;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-modify-write of {@code config/current} that {@code apply} and {@code restore} share: read,
 * edit a copy, write it with the version read, and on a version conflict (or a 408) read again, a
 * bounded number of times. Also the one place the client calls core's Genesys payloads. Thread-safe.
 */
final class ConfigurationEdits {
  private static final Logger LOG = LoggerFactory.getLogger(HttpGenesysClient.class);

  private final GenesysClient client;
  private final int maxConflictRetries;

  ConfigurationEdits(GenesysClient client, int maxConflictRetries) {
    this.client = client;
    this.maxConflictRetries = maxConflictRetries;
  }

  /** The edit of {@code apply}: eventretry's block merged into {@code advanced}. */
  static UnaryOperator<ObjectNode> applying(RetryPolicy policy, TrafficSplit split) {
    return read -> GenesysTrees.mergeIntoConfiguration(read, policy, split);
  }

  /** The policy block read back from a configuration. */
  static Optional<AppliedPolicy> applied(ObjectNode configuration) {
    return GenesysTrees.readApplied(configuration);
  }

  /**
   * The edit of {@code restore}: {@code advanced} replaced by a recorded one, or removed for JSON
   * {@code null}.
   *
   * @throws IllegalArgumentException at once if the recorded JSON is neither an object nor null
   */
  static UnaryOperator<ObjectNode> restoring(String advancedJson) {
    JsonNode advanced = Json.parse(advancedJson)
        .orElseThrow(() -> new IllegalArgumentException("the snapshot is not JSON"));
    if (!advanced.isObject() && !advanced.isNull()) {
      throw new IllegalArgumentException("a Genesys Cloud snapshot must hold the advanced object or"
          + " null (rejected: a JSON " + advanced.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
    }
    return read -> {
      ObjectNode copy = read.deepCopy();
      if (advanced.isNull()) {
        copy.remove(GenesysApi.ADVANCED);
      } else {
        copy.set(GenesysApi.ADVANCED, advanced.deepCopy());
      }
      return copy;
    };
  }

  static boolean isVersionMismatch(GenesysApiException e) {
    return e.genesysMessage()
        .map(m -> m.toLowerCase(Locale.ROOT).contains("does not match the current version"))
        .orElse(false);
  }

  /**
   * Reads, edits and writes until a write is accepted or the conflicts run out.
   *
   * @return the configuration version that holds the edit
   */
  long write(String integrationId, UnaryOperator<ObjectNode> edit, String what) {
    for (int attempt = 0; ; attempt++) {
      IntegrationConfiguration current = client.getConfiguration(integrationId);
      ObjectNode read = current.tree();
      ObjectNode edited = edit.apply(read.deepCopy());
      // Compared as RFC 8785 canonical JSON: 500 read back as an int equals the 500L written.
      if (CanonicalJson.canonicalize(edited).equals(CanonicalJson.canonicalize(read))) {
        LOG.debug("integration {} already holds {} (version {}); nothing written",
            integrationId, what, current.version());
        return current.version();
      }
      try {
        IntegrationConfiguration stored =
            client.putConfiguration(integrationId, IntegrationConfiguration.of(edited));
        LOG.info("wrote {} to integration {}: configuration version {} -> {}",
            what, integrationId, current.version(), stored.version());
        return stored.version();
      } catch (GenesysApiException.Conflict e) {
        if (attempt >= maxConflictRetries) {
          throw e;
        }
        LOG.info("write of integration {}'s configuration (version {} read) not accepted: HTTP {};"
            + " reading it again (retry {} of {})", integrationId, current.version(),
            e.status().orElse(0), attempt + 1, maxConflictRetries);
      }
    }
  }
}
