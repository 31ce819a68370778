package io.github.eventretry.eventbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.eventbridge.testing.Aws;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ConcurrentModificationException;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** Drives the emulator's EventBridge with the real AWS SDK for Java, one operation and fault at a time. */
class EventBridgeEmulatorTest {
  private static final String BUS = Aws.genesysBus();
  private static final String RULE = AwsEmulator.GENESYS_RULE;

  private AwsEmulator emulator;
  private EventBridgeClient eb;

  private void start(AwsEmulator.Builder b) throws Exception {
    emulator = b.start();
    eb = Aws.eventBridge(emulator);
  }

  @AfterEach
  void stop() {
    if (eb != null) {
      eb.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private static Target sqs(String id) {
    return Target.builder().id(id).arn("arn:aws:sqs:us-east-1:123456789012:" + id).build();
  }

  @Test
  void seedsTheGenesysPartnerBusWithOneRuleAndTwoTargets() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample());
    var bus = eb.describeEventBus(b -> b.name(BUS));
    assertThat(bus.arn()).isEqualTo("arn:aws:events:us-east-1:123456789012:event-bus/" + BUS);
    var rule = eb.describeRule(b -> b.name(RULE).eventBusName(BUS));
    assertThat(rule.arn()).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/" + BUS + "/" + RULE);
    assertThat(rule.stateAsString()).isEqualTo("ENABLED");
    List<Target> targets = eb.listTargetsByRule(b -> b.rule(RULE).eventBusName(BUS)).targets();
    assertThat(targets).extracting(Target::id).containsExactly("sqs-queue", "api-destination");
    assertThat(targets.get(0).retryPolicy().maximumRetryAttempts()).isEqualTo(185);
    assertThat(targets.get(1).retryPolicy()).isNull();
    assertThat(targets.get(1).httpParameters().headerParameters()).containsEntry("X-Source", "genesys");
    var api = eb.describeApiDestination(b -> b.name("genesys-webhook"));
    assertThat(api.apiDestinationArn()).isEqualTo(targets.get(1).arn());
    assertThat(api.invocationRateLimitPerSecond()).isEqualTo(300);
    var req = emulator.requests().get(0);
    assertThat(req.protocol()).isEqualTo(AwsProtocol.AWS_JSON_1_1);
    assertThat(req.header("X-Amz-Target")).hasValue("AWSEvents.DescribeEventBus");
    assertThat(req.header("Content-Type")).hasValue("application/x-amz-json-1.1");
    assertThat(req.header("Authorization").orElseThrow()).contains("/us-east-1/events/aws4_request");
    assertThat(req.toString()).doesNotContain("Signature=");
  }

  @Test
  void createsBusesRulesAndListsThemByPrefixPageByPage() throws Exception {
    start(AwsEmulator.builder().pageSize(2));
    eb.createEventBus(b -> b.name("orders"));
    eb.createEventBus(b -> b.name("payments"));
    assertThatThrownBy(() -> eb.createEventBus(b -> b.name("orders")))
        .isInstanceOf(EventBridgeException.class)
        .satisfies(e -> assertThat(((EventBridgeException) e).awsErrorDetails().errorCode())
            .isEqualTo("ResourceAlreadyExistsException"));
    List<String> buses = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = eb.listEventBuses(b -> b.limit(100).nextToken(next));
      page.eventBuses().forEach(x -> buses.add(x.name()));
      token = page.nextToken();
    } while (token != null);
    assertThat(emulator.requests("ListEventBuses")).hasSize(2);
    assertThat(buses).containsExactly("default", "orders", "payments");
    for (String name : List.of("genesys-a", "genesys-b", "genesys-c", "other")) {
      eb.putRule(b -> b.name(name).eventBusName("orders").eventPattern("{\"source\":[\"x\"]}"));
    }
    var page1 = eb.listRules(b -> b.eventBusName("orders").namePrefix("genesys-"));
    assertThat(page1.rules()).extracting(Rule::name).containsExactly("genesys-a", "genesys-b");
    assertThat(page1.nextToken()).isNotNull();
    var page2 = eb.listRules(b -> b.eventBusName("orders").namePrefix("genesys-").nextToken(page1.nextToken()));
    assertThat(page2.rules()).extracting(Rule::name).containsExactly("genesys-c");
    assertThat(page2.nextToken()).isNull();
    assertThat(eb.listRules(b -> b.eventBusName("orders")).rules()).hasSize(2);
  }

  @Test
  void putTargetsReplacesATargetWholeAndListsThemPageByPage() throws Exception {
    start(AwsEmulator.builder().pageSize(2).seedGenesysExample());
    eb.putTargets(b -> b.rule(RULE).eventBusName(BUS).targets(sqs("third"), sqs("sqs-queue")));
    List<Target> all = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = eb.listTargetsByRule(b -> b.rule(RULE).eventBusName(BUS).nextToken(next));
      all.addAll(page.targets());
      token = page.nextToken();
    } while (token != null);
    assertThat(all).extracting(Target::id).containsExactly("sqs-queue", "api-destination", "third");
    assertThat(all.get(0).retryPolicy()).as("PutTargets replaces the whole target").isNull();
    assertThat(emulator.requests("ListTargetsByRule")).hasSize(2);
    eb.removeTargets(b -> b.rule(RULE).eventBusName(BUS).ids("third"));
    assertThat(eb.listTargetsByRule(b -> b.rule(RULE).eventBusName(BUS)).targets()).hasSize(2);
  }

  @Test
  void refusesOutOfRangeRetryPoliciesWithAwsMessages() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample());
    Target bad = sqs("sqs-queue").toBuilder()
        .retryPolicy(r -> r.maximumRetryAttempts(186).maximumEventAgeInSeconds(0)).build();
    assertThatThrownBy(() -> eb.putTargets(b -> b.rule(RULE).eventBusName(BUS).targets(bad)))
        .isInstanceOf(EventBridgeException.class)
        .satisfies(e -> {
          var d = ((EventBridgeException) e).awsErrorDetails();
          assertThat(d.errorCode()).isEqualTo("ValidationException");
          assertThat(((EventBridgeException) e).statusCode()).isEqualTo(400);
          assertThat(d.errorMessage()).isEqualTo("2 validation errors detected: Value '186' at"
              + " 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint:"
              + " Member must have value less than or equal to 185; Value '0' at"
              + " 'targets.1.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint:"
              + " Member must have value greater than or equal to 60");
        });
    var body = emulator.requests("PutTargets").get(0);
    assertThat(body.bodyText()).contains("\"MaximumRetryAttempts\":186");
  }

  @Test
  void refusesABadRuleNameAFifoQueueSixTargetsAndElevenEntries() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample());
    assertThatThrownBy(() -> eb.putRule(b -> b.name("no spaces").eventBusName(BUS).eventPattern("{}")))
        .hasMessageContaining("Value 'no spaces' at 'name' failed to satisfy constraint: Member must satisfy"
            + " regular expression pattern: [\\.\\-_A-Za-z0-9]+");
    Target fifo = sqs("sqs-queue").toBuilder()
        .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:123456789012:dlq.fifo")).build();
    assertThatThrownBy(() -> eb.putTargets(b -> b.rule(RULE).eventBusName(BUS).targets(fifo)))
        .hasMessageContaining("SQS FIFO is not supported by Dead Letter Queues.");
    assertThatThrownBy(() -> eb.putTargets(b -> b.rule(RULE).eventBusName(BUS)
        .targets(sqs("a"), sqs("b"), sqs("c"), sqs("d"))))
        .isInstanceOf(LimitExceededException.class);
    List<Target> eleven = IntStream.range(0, 11).mapToObj(i -> sqs("t" + i)).toList();
    assertThatThrownBy(() -> eb.putTargets(b -> b.rule(RULE).eventBusName(BUS).targets(eleven)))
        .hasMessageContaining("Member must have length less than or equal to 10");
    assertThat(eb.listTargetsByRule(b -> b.rule(RULE).eventBusName(BUS)).targets()).hasSize(2);
  }

  @Test
  void answersMissingRulesAndBusesWithResourceNotFound() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample());
    assertThatThrownBy(() -> eb.listTargetsByRule(b -> b.rule("nope").eventBusName(BUS)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Rule nope does not exist on EventBus " + BUS + ".");
    assertThatThrownBy(() -> eb.describeEventBus(b -> b.name("absent")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void aScriptedEntryFailureIsAPartialFailureOfAnHttp200() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample());
    emulator.enqueue(AwsFault.concurrentModification("sqs-queue"));
    PutTargetsResponse r = eb.putTargets(b -> b.rule(RULE).eventBusName(BUS)
        .targets(sqs("sqs-queue"), sqs("third")));
    assertThat(r.failedEntryCount()).isEqualTo(1);
    assertThat(r.failedEntries()).singleElement().satisfies(f -> {
      assertThat(f.targetId()).isEqualTo("sqs-queue");
      assertThat(f.errorCode()).isEqualTo("ConcurrentModificationException");
    });
    List<Target> now = eb.listTargetsByRule(b -> b.rule(RULE).eventBusName(BUS)).targets();
    assertThat(now).extracting(Target::id).containsExactly("sqs-queue", "api-destination", "third");
    assertThat(now.get(0).retryPolicy()).as("the failed entry left the target as it was").isNotNull();
  }

  @Test
  void scriptedErrorsThrottlingAndDroppedConnections() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample());
    emulator.enqueue("PutTargets", AwsFault.error(400, "ConcurrentModificationException", "busy"));
    assertThatThrownBy(() -> eb.putTargets(b -> b.rule(RULE).eventBusName(BUS).targets(sqs("x"))))
        .isInstanceOf(ConcurrentModificationException.class);
    emulator.enqueue(AwsFault.throttle());
    assertThatThrownBy(() -> eb.listRules(b -> b.eventBusName(BUS)))
        .isInstanceOf(EventBridgeException.class)
        .satisfies(e -> {
          assertThat(((EventBridgeException) e).awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
          assertThat(((EventBridgeException) e).isThrottlingException()).isTrue();
        });
    emulator.enqueue(AwsFault.dropConnection());
    assertThatThrownBy(() -> eb.listRules(b -> b.eventBusName(BUS))).isInstanceOf(SdkClientException.class);
    assertThat(eb.listRules(b -> b.eventBusName(BUS)).rules()).hasSize(1);
  }

  @Test
  void apiDestinationsAreCreatedDescribedAndUpdated() throws Exception {
    start(AwsEmulator.builder());
    String connection = "arn:aws:events:us-east-1:123456789012:connection/auth/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
    var created = eb.createApiDestination(b -> b.name("hook").connectionArn(connection)
        .invocationEndpoint("https://hooks.example.com/x").httpMethod("POST"));
    assertThat(created.apiDestinationArn()).startsWith("arn:aws:events:us-east-1:123456789012:api-destination/hook/");
    assertThat(eb.describeApiDestination(b -> b.name("hook")).invocationRateLimitPerSecond()).isEqualTo(300);
    eb.updateApiDestination(b -> b.name("hook").invocationRateLimitPerSecond(25));
    assertThat(eb.describeApiDestination(b -> b.name("hook")).invocationRateLimitPerSecond()).isEqualTo(25);
    assertThatThrownBy(() -> eb.updateApiDestination(b -> b.name("hook").invocationRateLimitPerSecond(0)))
        .hasMessageContaining("Member must have value greater than or equal to 1");
    assertThatThrownBy(() -> eb.describeApiDestination(b -> b.name("absent")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void aWrongSecretGetsAwsSignatureError() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample());
    try (EventBridgeClient wrong = Aws.eventBridge(emulator, "not-the-secret")) {
      assertThatThrownBy(() -> wrong.listRules(b -> b.eventBusName(BUS)))
          .isInstanceOf(EventBridgeException.class)
          .satisfies(e -> {
            var d = ((EventBridgeException) e).awsErrorDetails();
            assertThat(d.errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(d.errorMessage()).startsWith("The request signature we calculated does not match"
                + " the signature you provided.");
            assertThat(e.getMessage()).doesNotContain("not-the-secret");
          });
    }
  }

  @Test
  void anUnknownKeyAndAnotherRegionAreRefused() throws Exception {
    start(AwsEmulator.builder().credentials("AKIAOTHERKEY00000000", "other-secret"));
    assertThatThrownBy(() -> eb.listRules(b -> b.eventBusName("default")))
        .satisfies(e -> assertThat(((EventBridgeException) e).awsErrorDetails().errorCode())
            .isEqualTo("UnrecognizedClientException"));
    try (EventBridgeClient elsewhere = EventBridgeClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAOTHERKEY00000000",
                "other-secret")))
        .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy
            .doNotRetry()))
        .build()) {
      assertThatThrownBy(() -> elsewhere.listRules(b -> b.eventBusName("default")))
          .hasMessageContaining("Credential should be scoped to a valid region.");
    }
  }

  @Test
  void aSignatureTooFarFromTheClockHasExpired() throws Exception {
    start(AwsEmulator.builder().signingClock(java.time.Clock.offset(java.time.Clock.systemUTC(),
        java.time.Duration.ofMinutes(20))));
    assertThatThrownBy(() -> eb.listRules(b -> b.eventBusName("default")))
        .hasMessageContaining("Signature expired:");
  }
}
