package io.github.eventretry.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;
import io.github.eventretry.eventbridge.emulator.AwsEmulator;
import io.github.eventretry.eventbridge.emulator.DeliveryModel;
import io.github.eventretry.genesys.emulator.Fault;
import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * deploy --target eventbridge|both, rollback, drift, history and diff from the shaded jar, against an
 * AWS emulator (and a Genesys Cloud emulator) started here.
 */
class EventBridgeCommandsIT {
  private static final String INTEGRATION = GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
  private static final String BUS = AwsEmulator.genesysPartnerBus(AwsEmulator.GENESYS_ORG_ID,
      AwsEmulator.GENESYS_EVENT_SOURCE_SUFFIX);
  private static final String RULE = AwsEmulator.GENESYS_RULE;

  /**
   * 100 events a second to every target; a target whose RetryPolicy gives up after fewer than 3
   * retries loses half of them, any other delivers all. The same whatever the minute, so a 1 s bake is
   * judged the same as a long one.
   */
  private static final DeliveryModel MODEL = (t, from, to) -> {
    long n = Math.max(1, Duration.between(from, to).toMillis() / 10);
    boolean givesUp = t.maximumRetryAttempts().isPresent() && t.maximumRetryAttempts().getAsInt() < 3;
    return new DeliveryModel.Deliveries(n, givesUp ? n / 2 : 0, givesUp ? n : 0, 0, 120.0);
  };

  @TempDir Path dir;
  private AwsEmulator aws;
  private EventBridgeClient eb;
  private Path seed;
  private Path aggressive;

  @BeforeEach
  void start() throws Exception {
    aws = AwsEmulator.builder().seedGenesysExample().deliveryModel(MODEL).start();
    eb = EventBridgeClient.builder().endpointOverride(aws.endpoint()).region(Region.of(aws.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            AwsEmulator.DEFAULT_ACCESS_KEY_ID, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    seed = Files.writeString(dir.resolve("seed.json"), PolicyCommandsIT.SEED);
    aggressive = Files.writeString(dir.resolve("aggressive.json"), """
        {"max_retries": 2, "backoff_strategy": "exponential", "base_delay_ms": 100, "max_delay_ms": 200,
         "jitter": {"mode": "none"}, "destination_rate_limit_rps": 150.0,
         "storage_availability_class": "standard"}
        """);
  }

  @AfterEach
  void stop() {
    eb.close();
    aws.close();
  }

  private Map<String, String> env(String secret) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", AwsEmulator.DEFAULT_ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", secret);
    env.put("AWS_REGION", aws.region());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
    return env;
  }

  private JarRunner.Run eventretry(String... args) throws Exception {
    return JarRunner.run(dir, env(AwsEmulator.DEFAULT_SECRET_ACCESS_KEY), args);
  }

  private List<Target> targets(String rule) {
    return eb.listTargetsByRule(b -> b.rule(rule).eventBusName(BUS)).targets();
  }

  private void addRule(String rule, int targets) {
    eb.putRule(b -> b.name(rule).eventBusName(BUS).eventPattern("{\"source\":[{\"prefix\":\"aws.partner\"}]}"));
    List<Target> list = new java.util.ArrayList<>();
    for (int i = 1; i <= targets; i++) {
      String id = rule + "-q" + i;
      list.add(Target.builder().id(id).arn("arn:aws:sqs:us-east-1:123456789012:" + id)
          .inputPath("$.detail").build());
    }
    eb.putTargets(b -> b.rule(rule).eventBusName(BUS).targets(list));
  }

  @Test
  void aCanaryOnTenTargetsGivesEachStageMoreTargetsThenDriftHistoryAndDiffKnowThem() throws Exception {
    addRule("orders-a", 5);
    addRule("orders-b", 5);
    String state = dir.resolve("state").toString();
    String endpoint = aws.endpoint().toString();
    JarRunner.Run deploy = eventretry("deploy", seed.toString(), "--target", "eventbridge",
        "--aws-endpoint", endpoint, "--integration", INTEGRATION, "--rule-prefix", "orders-",
        "--state", state, "--plan", "canary", "--bake", "1s", "--min-sample", "1");
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    assertThat(deploy.out()).startsWith("completed: v1 deployed; success rate 1.0000 >= 0.9500");
    assertThat(deploy.err()).contains("(EventBridge) by 10% -> 50% -> 100%")
        .contains("v1 10%: stage 1/3").contains("v1 50%: stage 2/3").contains("v1 100%: stage 3/3");
    for (String rule : List.of("orders-a", "orders-b")) {
      assertThat(targets(rule)).hasSize(5).allSatisfy(t -> {
        assertThat(t.retryPolicy().maximumRetryAttempts()).isEqualTo(5);
        assertThat(t.deadLetterConfig().arn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq");
        assertThat(t.inputPath()).as("every other member as read").isEqualTo("$.detail");
      });
    }
    assertThat(targets(RULE)).as("a rule the prefix does not match").allSatisfy(t ->
        assertThat(Optional.ofNullable(t.retryPolicy()).map(r -> r.maximumRetryAttempts())).isNotEqualTo(
            Optional.of(5)));

    JarRunner.Run clean = eventretry("drift", "--state", state, "--aws-endpoint", endpoint);
    assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
    assertThat(clean.out()).contains("eventbridge: 10 targets hold what v1 sets").endsWith("no drift\n");

    Target edited = targets("orders-b").get(2);
    eb.putTargets(b -> b.rule("orders-b").eventBusName(BUS).targets(edited.toBuilder()
        .retryPolicy(r -> r.maximumRetryAttempts(185).maximumEventAgeInSeconds(86_400)).build()));
    JarRunner.Run drifted = eventretry("drift", "--state", state, "--aws-endpoint", endpoint);
    assertThat(drifted.exitCode()).as(drifted.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(drifted.out()).contains("eventbridge: rule orders-b, target " + edited.id()
        + ": RetryPolicy.MaximumRetryAttempts: expected 5, found 185").contains("2 differences");

    // No --integration, no --target: the folder's one integration, and the targets its baseline names.
    JarRunner.Run others = eventretry("deploy", seed.toString(), "--aws-endpoint", endpoint, "--state",
        state, "--rule", RULE, "--bake", "1s", "--min-sample", "1");
    assertThat(others.exitCode()).as(others.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(others.errLines()).containsExactly("eventretry deploy: the state of " + INTEGRATION + " in "
        + state + " is of the targets of rules orders-a, orders-b on event bus " + BUS + " (its baseline"
        + " v0); these options choose rules " + RULE + " on " + BUS + ". Leave out --event-bus, --rule and"
        + " --rule-prefix to deploy to the state's targets, or keep the others in another --state folder");

    JarRunner.Run history = eventretry("history", "--state", state);
    assertThat(history.out()).contains("deployed to EventBridge (rules orders-a, orders-b on event bus "
        + BUS + ")");
    JarRunner.Run diff = eventretry("diff", "v0", "v1", "--state", state);
    assertThat(diff.out()).contains("eventbridge orders-a/orders-a-q1 RetryPolicy.MaximumRetryAttempts:"
        + " (not set) -> 5");
  }

  @Test
  void aBadPolicyRollsBackAndTheTargetsHoldExactlyWhatTheyHeldBefore() throws Exception {
    List<Target> before = targets(RULE);
    String state = dir.resolve("state").toString();
    String endpoint = aws.endpoint().toString();
    JarRunner.Run deploy = eventretry("deploy", aggressive.toString(), "--target", "eventbridge",
        "--aws-endpoint", endpoint, "--integration", INTEGRATION, "--state", state, "--plan", "50,100",
        "--bake", "1s", "--min-sample", "1");
    assertThat(deploy.exitCode()).as(deploy.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(deploy.out()).startsWith("rolled back: rolled back v1 to v0 (the baseline): stage 1 (50%)"
        + " failed its check 1 of 1: success rate 0.75");
    assertThat(targets(RULE)).as("every member of every target, absent ones included").isEqualTo(before);

    JarRunner.Run drift = eventretry("drift", "--state", state, "--aws-endpoint", endpoint);
    assertThat(drift.exitCode()).as(drift.out() + drift.err()).isZero();
    assertThat(drift.out()).contains("with the baseline v0, which is active")
        .contains("eventbridge: 2 targets hold what the baseline v0 recorded");

    JarRunner.Run genesys = eventretry("deploy", seed.toString(), "--target", "genesys", "--emulator",
        "http://127.0.0.1:9", "--state", state);
    assertThat(genesys.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(genesys.errLines()).containsExactly("eventretry deploy: the state of " + INTEGRATION
        + " in " + state + " records deployments to EventBridge (--target eventbridge; its baseline v0"
        + " was read there), so a rollback could not restore Genesys Cloud. Deploy with --target"
        + " eventbridge, or keep --target genesys deployments in another --state folder");
  }

  @Test
  void bothIsOneRolloutWithOneRollbackOverBothTargets() throws Exception {
    try (GenesysCloudEmulator genesys = GenesysCloudEmulator.builder().noRateLimit().start()) {
      Optional<String> advancedBefore = genesys.configuration(INTEGRATION).member("advanced");
      List<Target> before = targets(RULE);
      String state = dir.resolve("state").toString();
      String[] common = {"--emulator", genesys.baseUri().toString(), "--aws-endpoint",
          aws.endpoint().toString(), "--state", state, "--plan", "50,100", "--bake", "1s",
          "--min-sample", "1"};
      JarRunner.Run first = eventretry(concat(new String[] {"deploy", seed.toString(), "--target",
          "both"}, common));
      assertThat(first.exitCode()).as(first.err()).isZero();
      RetryPolicy seedPolicy = PolicyJson.read(PolicyCommandsIT.SEED);
      assertThat(genesys.configuration(INTEGRATION).appliedPolicy().orElseThrow().policy())
          .isEqualTo(seedPolicy);
      assertThat(targets(RULE)).allSatisfy(t -> assertThat(t.retryPolicy().maximumRetryAttempts())
          .isEqualTo(5));

      // The state says where: no --target needed, and the bad policy turns back on both.
      JarRunner.Run bad = eventretry(concat(new String[] {"deploy", aggressive.toString()}, common));
      assertThat(bad.exitCode()).as(bad.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(bad.out()).startsWith("rolled back: rolled back v2 to v1");
      assertThat(genesys.configuration(INTEGRATION).appliedPolicy().orElseThrow().policy())
          .isEqualTo(seedPolicy);
      assertThat(targets(RULE)).allSatisfy(t -> assertThat(t.retryPolicy().maximumRetryAttempts())
          .isEqualTo(5));

      JarRunner.Run back = eventretry("rollback", "--emulator", genesys.baseUri().toString(),
          "--aws-endpoint", aws.endpoint().toString(), "--state", state);
      assertThat(back.exitCode()).as(back.err()).isZero();
      assertThat(back.out()).startsWith("rolled back: rolled back v1 to v0");
      assertThat(targets(RULE)).isEqualTo(before);
      assertThat(genesys.configuration(INTEGRATION).member("advanced")).isEqualTo(advancedBefore);

      JarRunner.Run drift = eventretry("drift", "--emulator", genesys.baseUri().toString(),
          "--aws-endpoint", aws.endpoint().toString(), "--state", state);
      assertThat(drift.exitCode()).as(drift.out() + drift.err()).isZero();
      assertThat(drift.out()).contains("eventbridge: 2 targets hold what the baseline v0 recorded")
          .contains("genesys: integration " + INTEGRATION + " holds what the baseline v0 recorded");
      genesys.editConfiguration(INTEGRATION, json -> {
        try {
          var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
          var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
          root.with("advanced").put("edited_by_hand", true);
          return mapper.writeValueAsString(root);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      JarRunner.Run edited = eventretry("drift", "--emulator", genesys.baseUri().toString(),
          "--aws-endpoint", aws.endpoint().toString(), "--state", state);
      assertThat(edited.exitCode()).as(edited.out() + edited.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(edited.out()).contains("genesys: integration " + INTEGRATION + ": advanced: expected"
          + " what the baseline v0 recorded");

      JarRunner.Run history = eventretry("history", "--state", state);
      assertThat(history.out()).contains("deployed to EventBridge (rule " + RULE + " on event bus " + BUS
          + ") and Genesys Cloud");
    }
  }

  @Test
  void whenGenesysCloudRefusesTheEventBridgeTargetsArePutBack() throws Exception {
    try (GenesysCloudEmulator genesys = GenesysCloudEmulator.builder().noRateLimit().start()) {
      AtomicBoolean refused = new AtomicBoolean();
      genesys.dispatcher(r -> r.method().equals("PUT") && refused.compareAndSet(false, true)
          ? Optional.of(Fault.error(400, "bad.request", "refused by the test")) : Optional.empty());
      List<Target> before = targets(RULE);
      Optional<String> advancedBefore = genesys.configuration(INTEGRATION).member("advanced");
      JarRunner.Run deploy = eventretry("deploy", seed.toString(), "--target", "both", "--emulator",
          genesys.baseUri().toString(), "--aws-endpoint", aws.endpoint().toString(), "--state",
          dir.resolve("state").toString(), "--plan", "50,100", "--bake", "1s", "--min-sample", "1");
      assertThat(deploy.exitCode()).as(deploy.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(deploy.err()).contains("the EventBridge rule targets were put back to what they held"
          + " before");
      assertThat(targets(RULE)).isEqualTo(before);
      assertThat(genesys.configuration(INTEGRATION).member("advanced")).isEqualTo(advancedBefore);
    }
  }

  @Test
  void anInterruptedRolloutIsResumedOnTheSameTargets() throws Exception {
    String state = dir.resolve("state").toString();
    String endpoint = aws.endpoint().toString();
    DeploymentLifecycleIT.Running r = DeploymentLifecycleIT.Running.start(dir,
        env(AwsEmulator.DEFAULT_SECRET_ACCESS_KEY), "deploy", seed.toString(), "--target", "eventbridge",
        "--aws-endpoint", endpoint, "--integration", INTEGRATION, "--state", state, "--plan", "50,100",
        "--bake", "30s", "--min-sample", "1");
    assertThat(r.awaitLine("applied to 50%", 60)).as(r.lines().toString()).isTrue();

    r.signal("TERM");

    assertThat(r.finish(60)).isEqualTo(143);
    assertThat(targets(RULE)).filteredOn(t -> t.retryPolicy() != null
        && Integer.valueOf(5).equals(t.retryPolicy().maximumRetryAttempts())).hasSize(1);
    JarRunner.Run resumed = eventretry("resume", "--aws-endpoint", endpoint, "--state", state);
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("resuming v1 at stage 1 of 2 (baking)").contains("applied to 100%");
    assertThat(resumed.out()).startsWith("completed: v1 deployed");
    assertThat(targets(RULE)).allSatisfy(t -> assertThat(t.retryPolicy().maximumRetryAttempts())
        .isEqualTo(5));
  }

  @Test
  void aWrongSecretIsAwsSignatureErrorInWordsAndNothingIsDeployed() throws Exception {
    String secret = "not-the-emulators-secret-5f1e";
    JarRunner.Run r = JarRunner.run(dir, env(secret), "deploy", seed.toString(), "--target",
        "eventbridge", "--aws-endpoint", aws.endpoint().toString(), "--integration", INTEGRATION,
        "--state", dir.resolve("state").toString(), "--bake", "1s", "--min-sample", "1");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.errLines()).hasSize(2);
    assertThat(r.errLines().get(0)).startsWith("deploying ");
    assertThat(r.errLines().get(1)).isEqualTo("eventretry deploy: AWS refused the credentials: \"The"
        + " request signature we calculated does not match the signature you provided\""
        + " (AWS_SECRET_ACCESS_KEY is not the secret of AWS_ACCESS_KEY_ID, or the profile's keys are not"
        + " a pair); nothing was deployed");
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).doesNotContain(secret).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(aws.requests("PutTargets")).isEmpty();
    JarRunner.Run history = eventretry("history", "--state", dir.resolve("state").toString());
    assertThat(history.exitCode()).as("no version was spent").isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anEndpointThatIsDownIsNamed() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    JarRunner.Run r = eventretry("deploy", seed.toString(), "--target", "eventbridge", "--aws-endpoint",
        "http://127.0.0.1:" + closed, "--integration", INTEGRATION, "--state",
        dir.resolve("state").toString(), "--bake", "1s", "--min-sample", "1");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.errLines()).hasSize(2);
    assertThat(r.errLines().get(1))
        .startsWith("eventretry deploy: cannot read what " + INTEGRATION + " holds now, so nothing was"
            + " deployed: ")
        .endsWith("could not connect to the AWS endpoint http://127.0.0.1:" + closed
            + " (connection refused)");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
