package io.github.eventretry.core.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventretry.core.Jitter;
import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.core.TrafficSplit;
import io.github.eventretry.core.json.GenesysTrees;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RetryPolicy SEED = PolicyJson.read("""
      {"max_retries": 5, "backoff_strategy": "exponential", "base_delay_ms": 500,
       "max_delay_ms": 60000,
       "dead_letter_queue_arn": "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq",
       "destination_rate_limit_rps": 150.0, "storage_availability_class": "standard"}""");

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void seedBlockIsTheTutorialsShape() throws Exception {
    assertThat(GenesysTrees.seedBlock(SEED)).hasToString(json("""
        {"retry_policy": {"max_retries": 5, "backoff_strategy": "exponential",
                          "base_delay_ms": 500, "max_delay_ms": 60000},
         "dead_letter_queue": {"arn": "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq"},
         "destination_constraints": {"rate_limit_rps": 150.0, "storage_class": "standard"}}""").toString());
    RetryPolicy noDlq = SEED.toBuilder().noDeadLetterQueue().build();
    assertThat(GenesysTrees.seedBlock(noDlq).get("dead_letter_queue")).isEqualTo(json("{}"));
  }

  @Test
  void seedIntegrationConfigIsTheTutorialsShape() throws Exception {
    JsonNode config = GenesysTrees.seedIntegrationConfig(SEED, TrafficSplit.ofPercent(50));
    assertThat(config.get("name").textValue()).isEqualTo("eventbridge-retry-config");
    assertThat(config.get("integration_type").textValue()).isEqualTo("aws-eventbridge");
    assertThat(config.get("enabled").booleanValue()).isTrue();
    assertThat(config.at("/config/traffic_split").intValue()).isEqualTo(50);
    assertThat(config.at("/config/retry_policy/max_retries").intValue()).isEqualTo(5);
  }

  @Test
  void mergeChangesOnlyTheEventRetryMembersUnderAdvanced() throws Exception {
    JsonNode current = json("""
        {"id": "cfg", "name": "EventBridge", "version": 7,
         "properties": {"awsAccountId": "123456789012", "awsAccountRegion": "us-east-1",
                        "eventSourceSuffix": "retry-demo",
                        "eventFilter": ["v2.audits.entitytype.{id}.entityid.{id}"]},
         "advanced": {"owner": "team-a", "traffic_split": 10},
         "notes": "do not touch", "credentials": {}, "selfUri": "/api/v2/x"}""");
    String before = current.toString();
    JsonNode merged = GenesysTrees.mergeIntoConfiguration(current, SEED, TrafficSplit.ofPercent(50));
    assertThat(current.toString()).as("input untouched").isEqualTo(before);
    for (String field : new String[] {"id", "name", "version", "properties", "notes", "credentials",
        "selfUri"}) {
      assertThat(merged.get(field)).as(field).isEqualTo(current.get(field));
    }
    JsonNode advanced = merged.get("advanced");
    assertThat(advanced.get("owner").textValue()).isEqualTo("team-a");
    assertThat(advanced.get("traffic_split").intValue()).isEqualTo(50);
    assertThat(advanced.get("policy_fingerprint").textValue()).isEqualTo(SEED.fingerprint().value());
    assertThat(advanced.at("/retry_policy/jitter")).isEqualTo(json("{\"mode\":\"proportional\",\"factor\":0.1}"));

    AppliedPolicy applied = GenesysTrees.readApplied(merged).orElseThrow();
    assertThat(applied.policy()).isEqualTo(SEED);
    assertThat(applied.trafficSplit()).isEqualTo(TrafficSplit.ofPercent(50));
    assertThat(applied.fingerprintMatches()).isTrue();
    assertThat(GenesysTrees.readApplied(current)).isEmpty();
  }

  @Test
  void readAppliedReportsAHandEditedBlockWithPathsIntoTheConfiguration() throws Exception {
    JsonNode merged = GenesysTrees.mergeIntoConfiguration(
        json("{\"version\": 3}"), SEED, TrafficSplit.ofPercent(50));
    for (String[] edit : new String[][] {
        {"/advanced/policy_fingerprint", "\"sha256:ABC\"", "$.advanced.policy_fingerprint"},
        {"/advanced/traffic_split", "150", "$.advanced.traffic_split"},
        {"/advanced/traffic_split", "50.9", "$.advanced.traffic_split"},
        {"/advanced/traffic_split", "\"50\"", "$.advanced.traffic_split"},
        {"/advanced/retry_policy/max_retries", "0", "$.advanced.retry_policy.max_retries"},
        {"/advanced/destination_constraints/storage_class", "\"cold\"",
            "$.advanced.destination_constraints.storage_class"}}) {
      com.fasterxml.jackson.databind.node.ObjectNode edited = merged.deepCopy();
      String parent = edit[0].substring(0, edit[0].lastIndexOf('/'));
      String field = edit[0].substring(edit[0].lastIndexOf('/') + 1);
      ((com.fasterxml.jackson.databind.node.ObjectNode) edited.at(parent)).set(field, json(edit[1]));
      assertThatThrownBy(() -> GenesysTrees.readApplied(edited))
          .as(edit[0] + " = " + edit[1])
          .isInstanceOfSatisfying(io.github.eventretry.core.PolicyValidationException.class, e ->
              assertThat(e.violations()).extracting(io.github.eventretry.core.Violation::path)
                  .containsExactly(edit[2]));
    }
    com.fasterxml.jackson.databind.node.ObjectNode noFingerprint = merged.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) noFingerprint.get("advanced"))
        .remove("policy_fingerprint");
    assertThat(GenesysTrees.readApplied(noFingerprint).orElseThrow().fingerprintMatches()).isFalse();
  }

  @Test
  void mergeCreatesAdvancedWhenAbsentAndRefusesNonObjects() throws Exception {
    JsonNode merged = GenesysTrees.mergeIntoConfiguration(
        json("{\"version\": 1, \"advanced\": null}"), SEED, TrafficSplit.FULL);
    assertThat(merged.at("/advanced/traffic_split").intValue()).isEqualTo(100);
    assertThatThrownBy(() -> GenesysTrees.mergeIntoConfiguration(
            json("{\"advanced\": []}"), SEED, TrafficSplit.FULL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("advanced must be an object");
    assertThatThrownBy(() -> GenesysTrees.mergeIntoConfiguration(json("[]"), SEED, TrafficSplit.FULL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publicFormsAreTheTreesAsText() throws Exception {
    assertThat(json(GenesysPayloads.advancedBlock(SEED, TrafficSplit.ofPercent(10))))
        .hasToString(GenesysTrees.advancedBlock(SEED, TrafficSplit.ofPercent(10)).toString());
    String merged = GenesysPayloads.mergeIntoConfiguration("{\"version\": 4}", SEED, TrafficSplit.FULL);
    assertThat(GenesysPayloads.readApplied(merged).orElseThrow().policy()).isEqualTo(SEED);
    assertThat(GenesysPayloads.blockFields()).containsExactly("retry_policy", "dead_letter_queue",
        "destination_constraints", "traffic_split", "policy_fingerprint");
  }

  @Test
  void eventBridgeAgeCoversTheWorstCaseWindowWithinAwsLimits() throws Exception {
    // 550 + 1100 + 2200 + 4400 + 8800 ms = 17.05 s, below EventBridge's minimum of 60 s.
    assertThat(json(EventBridgeTarget.from(SEED).toJson())).hasToString(json("""
        {"RetryPolicy": {"MaximumRetryAttempts": 5, "MaximumEventAgeInSeconds": 60},
         "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq"}}""").toString());
    RetryPolicy slow = SEED.toBuilder().maxRetries(10).baseDelay(Duration.ofMinutes(5))
        .maxDelay(Duration.ofHours(1)).jitter(Jitter.none()).noDeadLetterQueue().build();
    // 5+10+20+40+60*6 minutes = 435 minutes.
    assertThat(EventBridgeTarget.from(slow).maximumEventAgeSeconds()).isEqualTo(435 * 60);
    assertThat(json(EventBridgeTarget.from(slow).toJson()).has("DeadLetterConfig")).isFalse();
    RetryPolicy huge = slow.toBuilder().baseDelay(Duration.ofHours(24)).maxDelay(Duration.ofHours(24))
        .build();
    assertThat(EventBridgeTarget.from(huge).maximumEventAgeSeconds()).isEqualTo(86_400);
  }
}
