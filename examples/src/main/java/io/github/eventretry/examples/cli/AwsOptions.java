package io.github.eventretry.examples.cli;

import io.github.eventretry.core.text.SafeText;
import io.github.eventretry.eventbridge.AwsConnection;
import io.github.eventretry.eventbridge.AwsException;
import io.github.eventretry.eventbridge.EventBridgeTargets;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a command reaches EventBridge and CloudWatch, and which rule targets it acts on. Credentials
 * and region come from the AWS SDK's default chains ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, {@code AWS_REGION}, {@code AWS_PROFILE} and
 * the profile files, instance roles). A picocli mixin.
 */
public final class AwsOptions {
  @Option(names = "--event-bus", paramLabel = "BUS",
      description = "EventBridge: the event bus, a name or an ARN (default: the state's, else the one"
          + " Genesys Cloud partner event bus of the account and region)")
  String eventBus;

  @Option(names = "--rule", paramLabel = "RULE",
      description = "EventBridge: a rule whose targets carry the policy; repeat for more (default: the"
          + " state's, else every rule of the bus)")
  List<String> rules;

  @Option(names = "--rule-prefix", paramLabel = "PREFIX",
      description = "EventBridge: the rules whose names start with PREFIX")
  String rulePrefix;

  @Option(names = "--aws-endpoint", paramLabel = "URL",
      description = "EventBridge and CloudWatch at this URL (an emulator such as 'eventretry"
          + " aws-emulator', or a VPC endpoint) in place of AWS's")
  String endpoint;

  /** Whether any option chose the bus or the rules. */
  boolean choosesTargets() {
    return eventBus != null || rules != null || rulePrefix != null;
  }

  /** The endpoint as messages show it: scheme, host and port only. */
  Optional<String> shownEndpoint() {
    if (endpoint == null) {
      return Optional.empty();
    }
    URI u = URI.create(endpoint);
    return Optional.of(u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()));
  }

  /**
   * Returns the connection: the endpoint if given, the rest from the SDK's default chains.
   *
   * @throws CliException exit 2 for a malformed endpoint (not echoed whole: it may carry credentials)
   */
  AwsConnection connection(String command) {
    AwsConnection.Builder b = AwsConnection.builder();
    if (endpoint != null) {
      URI uri;
      try {
        uri = new URI(endpoint);
      } catch (URISyntaxException e) {
        throw CliException.usage("eventretry " + command + ": --aws-endpoint must be an http or https"
            + " URL such as http://127.0.0.1:14566 (rejected: a malformed URL; it is not shown, it may"
            + " hold credentials)");
      }
      try {
        b.endpoint(uri);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("eventretry " + command + ": --aws-endpoint: " + e.getMessage());
      }
    }
    return b.build();
  }

  /**
   * Builds the EventBridge target: the bus and rules of the options, else those given (a state's
   * baseline), else the defaults.
   *
   * @param command the command's name, for messages
   * @param connection the connection
   * @param recorded the EventBridge snapshot the state's baseline holds, if any
   * @throws CliException exit 2 for a malformed bus or rule, both --rule and --rule-prefix, or no region
   */
  EventBridgeTargets targets(String command, AwsConnection connection,
      Optional<io.github.eventretry.core.spi.TargetSnapshot> recorded) {
    if (rules != null && rulePrefix != null) {
      throw CliException.usage("eventretry " + command + ": --rule and --rule-prefix do not go together:"
          + " name the rules, or give their prefix");
    }
    EventBridgeTargets.Builder b = EventBridgeTargets.builder().connection(connection);
    try {
      if (!choosesTargets() && recorded.isPresent()) {
        b.sameTargetsAs(recorded.get());
      } else {
        if (eventBus != null) {
          b.eventBus(eventBus);
        }
        if (rules != null) {
          b.rules(rules);
        }
        if (rulePrefix != null) {
          b.rulePrefix(rulePrefix);
        }
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage("eventretry " + command + ": " + SafeText.escape(e.getMessage()));
    } catch (AwsException e) {
      throw configuration(command, e);
    }
  }

  /** An AWS client that cannot be configured (no region): bad input, in the command line's words. */
  static CliException configuration(String command, AwsException e) {
    String m = String.valueOf(e.getMessage());
    return CliException.usage("eventretry " + command + ": " + (m.startsWith("no AWS region")
        ? "no AWS region is configured: set AWS_REGION, or a region in the profile (AWS_PROFILE,"
            + " ~/.aws/config)" : m));
  }
}
