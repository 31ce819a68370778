package io.github.eventretry.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's build, on the module path: a named module that requires eventretry's modules compiles and
 * runs against the published jars, and cannot reach an internal package. Proves the module
 * descriptors export what the API needs, open what the frameworks need, and require what they use.
 */
class ModulePathConsumerIT {
  /** The library modules and their run-time dependencies, as a user's module path would hold them. */
  private static final List<String> LIBRARY_JARS = List.of(
      "eventretry-core", "eventretry-simulator", "eventretry-genesys-client", "eventretry-state",
      "jackson-", "jakarta.validation-api", "hibernate-validator", "jboss-logging", "classmate",
      "slf4j-api", "eventretry-eventbridge", "reactive-streams",
      "eventretry-micrometer", "micrometer-core", "micrometer-commons", "micrometer-observation",
      "jspecify", "HdrHistogram");

  @TempDir Path dir;

  private static String modulePath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> LIBRARY_JARS.stream().anyMatch(name -> Path.of(e).getFileName().toString()
            .startsWith(name)) || e.replace(File.separatorChar, '/').contains("/software/amazon/awssdk/"))
        .filter(e -> e.endsWith(".jar"))
        // state's test jar (its test PostgreSQL server, for StateDatabaseIT) is no library jar.
        .filter(e -> !e.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private String compile(Path src, Path out) throws IOException {
    return compile(src, out, modulePath());
  }

  private String compile(Path src, Path out, String modulePath) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    // In-process javac defaults its class path to this JVM's; a user's build has only the module path.
    Path emptyClassPath = Files.createDirectories(dir.resolve("empty"));
    List<String> args = new ArrayList<>(List.of("--release", "17", "--module-path", modulePath,
        "-classpath", emptyClassPath.toString(), "-d", out.toString()));
    try (var files = Files.walk(src)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    String text = diagnostics.toString(StandardCharsets.UTF_8);
    return rc == 0 ? "" : text.isEmpty() ? "failed" : text;
  }

  /** JUnit Jupiter's API and engine and the JUnit Platform's launcher, as a user's test run has them. */
  private static final List<String> JUNIT_JARS = List.of("junit-jupiter-api-", "junit-jupiter-engine-",
      "junit-platform-commons-", "junit-platform-engine-", "junit-platform-launcher-", "opentest4j-",
      "apiguardian-api-");

  private static String junitModulePath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.endsWith(".jar"))
        .filter(e -> JUNIT_JARS.stream().anyMatch(Path.of(e).getFileName().toString()::startsWith))
        .distinct()
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Runs {@code consumer/consumer.Main} on the module path; it must exit 0. Returns its stdout lines. */
  private List<String> runMain(Path out) throws IOException, InterruptedException {
    return runMain(out, modulePath());
  }

  private List<String> runMain(Path out, String modulePath) throws IOException, InterruptedException {
    Path stderr = Files.createTempFile(dir, "stderr", ".txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", out + File.pathSeparator + modulePath, "-m", "consumer/consumer.Main")
        .redirectError(stderr.toFile())
        .start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(stderr)).isZero();
    return stdout.lines().toList();
  }

  private Path module(String name, String moduleInfo, String mainSource) throws IOException {
    Path src = dir.resolve(name + "-src");
    Files.createDirectories(src.resolve("consumer"));
    Files.writeString(src.resolve("module-info.java"), moduleInfo);
    Files.writeString(src.resolve("consumer/Main.java"), mainSource);
    return src;
  }

  @Test
  void aNamedModuleUsesThePublishedApi() throws Exception {
    assertThat(modulePath()).contains("eventretry-core");
    Path src = module("good", "module consumer { requires io.github.eventretry.core; }", """
        package consumer;

        import io.github.eventretry.core.PolicyJson;
        import io.github.eventretry.core.PolicyValidationException;
        import io.github.eventretry.core.RetryPolicy;

        public class Main {
          public static void main(String[] args) {
            RetryPolicy p = PolicyJson.read("{\\"max_retries\\": 5, \\"backoff_strategy\\":"
                + " \\"exponential\\", \\"base_delay_ms\\": 500, \\"max_delay_ms\\": 60000,"
                + " \\"destination_rate_limit_rps\\": 150, \\"storage_availability_class\\": \\"standard\\"}");
            System.out.println(p.fingerprint());
            try {
              PolicyJson.read("{\\"max_retries\\": 0}");
            } catch (PolicyValidationException e) {
              System.out.println(e.violations().size() + " violations");
            }
            // The schema in core's jar: META-INF is no package, so the module does not hide it.
            try (java.io.InputStream in = PolicyJson.class.getModule()
                .getResourceAsStream(PolicyJson.SCHEMA_RESOURCE)) {
              System.out.println(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                  .contains("\\"$id\\": \\"" + PolicyJson.SCHEMA_ID + "\\""));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        }
        """);
    Path out = dir.resolve("good-out");
    assertThat(compile(src, out)).isEmpty();

    List<String> stdout = runMain(out);
    assertThat(stdout).hasSize(3);
    assertThat(stdout.get(0)).matches("sha256:[0-9a-f]{64}");
    assertThat(stdout.get(1)).isEqualTo("6 violations");
    assertThat(stdout.get(2)).isEqualTo("true");
  }

  @Test
  void theSimulatorRunsOnTheModulePathWithoutJqwik() throws Exception {
    assertThat(modulePath()).contains("eventretry-simulator").doesNotContain("jqwik");
    Path src = module("sim", "module consumer { requires io.github.eventretry.simulator; }", """
        package consumer;

        import io.github.eventretry.core.PolicyJson;
        import io.github.eventretry.core.RetryPolicy;
        import io.github.eventretry.simulator.DelaySchedule;
        import io.github.eventretry.simulator.RetryStorm;
        import io.github.eventretry.simulator.StormScenario;
        import java.time.Duration;
        import java.util.SplittableRandom;

        public class Main {
          public static void main(String[] args) {
            RetryPolicy p = PolicyJson.read("{\\"max_retries\\": 5, \\"backoff_strategy\\":"
                + " \\"exponential\\", \\"base_delay_ms\\": 500, \\"max_delay_ms\\": 60000,"
                + " \\"destination_rate_limit_rps\\": 150, \\"storage_availability_class\\": \\"standard\\"}");
            System.out.println(DelaySchedule.of(p).sample(new SplittableRandom(1)).length);
            System.out.println(RetryStorm.monteCarlo(p, StormScenario.of(1000, Duration.ofMinutes(1)), 1L, 2)
                .dropped());
          }
        }
        """);
    Path out = dir.resolve("sim-out");
    assertThat(compile(src, out)).isEmpty();
    List<String> stdout = runMain(out);
    assertThat(stdout).containsExactly("5", "1000.0");

    Path bad = module("sim-bad", "module consumer { requires io.github.eventretry.simulator; }", """
        package consumer;

        public class Main {
          public static void main(String[] args) {
            System.out.println(io.github.eventretry.simulator.internal.MonteCarloEngine.CHUNK);
          }
        }
        """);
    assertThat(compile(bad, dir.resolve("sim-bad-out")))
        .contains("io.github.eventretry.simulator.internal").contains("does not export");
  }

  @Test
  void eventBridgeTargetsAndTheAwsEmulatorRunOnTheModulePath() throws Exception {
    assertThat(modulePath()).contains("eventretry-eventbridge").contains("url-connection-client")
        .doesNotContain("netty").doesNotContain("apache-client");
    Path src = module("aws", "module consumer { requires io.github.eventretry.eventbridge; }", """
        package consumer;

        import io.github.eventretry.core.PolicyJson;
        import io.github.eventretry.core.RetryPolicy;
        import io.github.eventretry.core.TrafficSplit;
        import io.github.eventretry.eventbridge.AwsConnection;
        import io.github.eventretry.eventbridge.CloudWatchDeliveryMetrics;
        import io.github.eventretry.eventbridge.EventBridgeTargets;
        import io.github.eventretry.eventbridge.emulator.AwsEmulator;
        import java.time.Instant;

        public class Main {
          public static void main(String[] args) throws Exception {
            try (AwsEmulator e = AwsEmulator.builder().seedGenesysExample().start()) {
              AwsConnection c = AwsConnection.builder().endpoint(e.endpoint()).region(e.region())
                  .credentials(AwsEmulator.DEFAULT_ACCESS_KEY_ID, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY)
                  .maxAttempts(1).build();
              RetryPolicy p = PolicyJson.read("{\\"max_retries\\": 5, \\"backoff_strategy\\":"
                  + " \\"exponential\\", \\"base_delay_ms\\": 500, \\"max_delay_ms\\": 60000,"
                  + " \\"destination_rate_limit_rps\\": 150, \\"storage_availability_class\\": \\"standard\\"}");
              try (EventBridgeTargets t = EventBridgeTargets.builder().connection(c).build();
                  CloudWatchDeliveryMetrics m = CloudWatchDeliveryMetrics.builder().connection(c)
                      .rulesOf(t).build()) {
                System.out.println(t.read("i").target());
                t.apply("i", p, TrafficSplit.FULL);
                System.out.println(t.drift(p).hasDrift());
                Instant now = Instant.now();
                System.out.println(m.fetch("i", now.minusSeconds(3600), now).sampleSize() >= 0);
              }
            }
          }
        }
        """);
    Path out = dir.resolve("aws-out");
    assertThat(compile(src, out)).isEmpty();
    assertThat(runMain(out)).containsExactly("eventbridge", "false", "true");

    Path bad = module("aws-bad", "module consumer { requires io.github.eventretry.eventbridge; }", """
        package consumer;

        public class Main {
          public static void main(String[] args) {
            System.out.println(io.github.eventretry.eventbridge.emulator.internal.Cbor.class);
          }
        }
        """);
    assertThat(compile(bad, dir.resolve("aws-bad-out")))
        .contains("io.github.eventretry.eventbridge.emulator.internal").contains("does not export");
  }

  @Test
  void theEmulatorsAndTheirJUnitPackagesCostNothingWithoutJUnit() throws Exception {
    assertThat(Arrays.stream(modulePath().split(File.pathSeparator)).map(e -> Path.of(e).getFileName()
        .toString())).isNotEmpty().noneMatch(jar -> jar.startsWith("junit-") || jar.startsWith("opentest4j"));
    Path src = module("no-junit", """
        module consumer {
          requires io.github.eventretry.genesys;
          requires io.github.eventretry.eventbridge;
        }""", """
        package consumer;

        import io.github.eventretry.eventbridge.emulator.AwsEmulator;
        import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
        import java.lang.module.ModuleDescriptor;
        import java.util.TreeSet;

        public class Main {
          public static void main(String[] args) throws Exception {
            System.out.println(ModuleLayer.boot().findModule("org.junit.jupiter.api").isPresent());
            for (Class<?> emulator : new Class<?>[] {GenesysCloudEmulator.class, AwsEmulator.class}) {
              ModuleDescriptor d = emulator.getModule().getDescriptor();
              System.out.println(d.name() + " " + d.requires().stream()
                  .filter(r -> r.name().equals("org.junit.jupiter.api"))
                  .map(r -> new TreeSet<>(r.modifiers()).toString()).findFirst().orElse("-") + " "
                  + d.exports().stream().anyMatch(e -> e.source().equals(emulator.getPackageName() + ".junit")));
            }
            try (GenesysCloudEmulator g = GenesysCloudEmulator.start(); AwsEmulator a = AwsEmulator.start()) {
              System.out.println(g.port() > 0 && a.port() > 0);
            }
            for (String extension : new String[] {
                "io.github.eventretry.genesys.emulator.junit.GenesysEmulatorExtension",
                "io.github.eventretry.eventbridge.emulator.junit.AwsEmulatorExtension"}) {
              try {
                Class.forName(extension);
                System.out.println("loaded");
              } catch (NoClassDefFoundError e) {
                System.out.println("needs " + e.getMessage());
              }
            }
          }
        }
        """);
    Path out = dir.resolve("no-junit-out");
    assertThat(compile(src, out)).isEmpty();
    assertThat(runMain(out)).containsExactly(
        "false",
        "io.github.eventretry.genesys [STATIC] true",
        "io.github.eventretry.eventbridge [STATIC] true",
        "true",
        "needs org/junit/jupiter/api/extension/BeforeAllCallback",
        "needs org/junit/jupiter/api/extension/BeforeAllCallback");
  }

  @Test
  void aUsersTestsRunWithTheEmulatorExtensionsOnTheModulePath() throws Exception {
    String modulePath = modulePath() + File.pathSeparator + junitModulePath();
    assertThat(junitModulePath()).contains("junit-jupiter-engine").contains("junit-platform-launcher");
    Path src = module("junit", """
        module consumer {
          requires io.github.eventretry.genesys;
          requires io.github.eventretry.eventbridge;
          requires org.junit.jupiter.api;
          requires org.junit.platform.launcher;
          opens consumer to org.junit.platform.commons;
        }""", """
        package consumer;

        import org.junit.platform.engine.discovery.DiscoverySelectors;
        import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
        import org.junit.platform.launcher.core.LauncherFactory;
        import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
        import org.junit.platform.launcher.listeners.TestExecutionSummary;

        public class Main {
          public static void main(String[] args) {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(EmulatorsTest.class)).build(), listener);
            TestExecutionSummary summary = listener.getSummary();
            summary.getFailures().forEach(f -> System.out.println("failed: "
                + f.getTestIdentifier().getDisplayName() + ": " + f.getException()));
            System.out.println(summary.getTestsSucceededCount() + " succeeded, "
                + summary.getTestsFailedCount() + " failed");
          }
        }
        """);
    Files.writeString(src.resolve("consumer/EmulatorsTest.java"), """
        package consumer;

        import static org.junit.jupiter.api.Assertions.assertEquals;
        import static org.junit.jupiter.api.Assertions.assertSame;

        import io.github.eventretry.eventbridge.AwsConnection;
        import io.github.eventretry.eventbridge.EventBridgeTargets;
        import io.github.eventretry.eventbridge.emulator.AwsEmulator;
        import io.github.eventretry.eventbridge.emulator.junit.AwsEmulatorExtension;
        import io.github.eventretry.genesys.ClientCredentials;
        import io.github.eventretry.genesys.HttpGenesysClient;
        import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
        import io.github.eventretry.genesys.emulator.junit.GenesysEmulatorTest;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.RegisterExtension;

        @GenesysEmulatorTest
        class EmulatorsTest {
          @RegisterExtension
          static AwsEmulatorExtension aws = AwsEmulatorExtension.builder()
              .lifecycle(AwsEmulatorExtension.Lifecycle.PER_METHOD)
              .configure(AwsEmulator.Builder::seedGenesysExample)
              .build();

          @Test
          void genesys(GenesysCloudEmulator genesys) {
            HttpGenesysClient client = HttpGenesysClient.builder().baseUri(genesys.baseUri())
                .credentials(new ClientCredentials(GenesysCloudEmulator.DEFAULT_CLIENT_ID,
                    GenesysCloudEmulator.DEFAULT_CLIENT_SECRET))
                .build();
            assertEquals(1, client.getConfiguration(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID).version());
          }

          @Test
          void eventBridge(AwsEmulator emulator) {
            assertSame(aws.emulator(), emulator);
            AwsConnection c = AwsConnection.builder().endpoint(emulator.endpoint()).region(emulator.region())
                .credentials(AwsEmulator.DEFAULT_ACCESS_KEY_ID, AwsEmulator.DEFAULT_SECRET_ACCESS_KEY)
                .maxAttempts(1).build();
            try (EventBridgeTargets t = EventBridgeTargets.builder().connection(c)
                .genesysPartnerBus(AwsEmulator.GENESYS_ORG_ID, AwsEmulator.GENESYS_EVENT_SOURCE_SUFFIX)
                .rules(AwsEmulator.GENESYS_RULE).build()) {
              assertEquals("eventbridge", t.read("i").target());
            }
          }
        }
        """);
    Path out = dir.resolve("junit-out");
    assertThat(compile(src, out, modulePath)).isEmpty();
    assertThat(runMain(out, modulePath)).containsExactly("2 succeeded, 0 failed");
  }

  @Test
  void internalPackagesAreNotReachable() throws Exception {
    Path src = module("bad", "module consumer { requires io.github.eventretry.core; }", """
        package consumer;

        public class Main {
          public static void main(String[] args) {
            System.out.println(io.github.eventretry.core.internal.PolicyRules.MIN_DELAY_MS);
          }
        }
        """);
    String errors = compile(src, dir.resolve("bad-out"));
    assertThat(errors).contains("io.github.eventretry.core.internal").contains("does not export");
  }

  @Test
  void theGenesysClientAndItsEmulatorRunOnTheModulePath() throws Exception {
    assertThat(modulePath()).contains("eventretry-genesys-client");
    Path src = module("genesys", "module consumer { requires io.github.eventretry.genesys; }", """
        package consumer;

        import io.github.eventretry.core.PolicyJson;
        import io.github.eventretry.core.TrafficSplit;
        import io.github.eventretry.genesys.ClientCredentials;
        import io.github.eventretry.genesys.GenesysApiException;
        import io.github.eventretry.genesys.GenesysClient;
        import io.github.eventretry.genesys.HttpGenesysClient;
        import io.github.eventretry.genesys.emulator.Fault;
        import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;

        public class Main {
          public static void main(String[] args) throws Exception {
            try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
              GenesysClient c = HttpGenesysClient.builder()
                  .baseUri(e.baseUri())
                  .credentials(new ClientCredentials(GenesysCloudEmulator.DEFAULT_CLIENT_ID,
                      GenesysCloudEmulator.DEFAULT_CLIENT_SECRET))
                  .build();
              String id = GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;
              System.out.println(c.apply(id, PolicyJson.read("{\\"max_retries\\": 5,"
                  + " \\"backoff_strategy\\": \\"exponential\\", \\"base_delay_ms\\": 500,"
                  + " \\"max_delay_ms\\": 60000, \\"destination_rate_limit_rps\\": 150,"
                  + " \\"storage_availability_class\\": \\"standard\\"}"),
                  TrafficSplit.ofPercent(10)).configurationVersion());
              e.enqueue(Fault.error(404, "not.found", "gone"));
              try {
                c.getIntegration(id);
              } catch (GenesysApiException.NotFound nf) {
                System.out.println(nf.code().orElse("?"));
              }
            }
          }
        }
        """);
    Path out = dir.resolve("genesys-out");
    assertThat(compile(src, out)).isEmpty();
    List<String> stdout = runMain(out);
    assertThat(stdout).containsExactly("2", "not.found");

    Path bad = module("genesys-bad", "module consumer { requires io.github.eventretry.genesys; }", """
        package consumer;

        public class Main {
          public static void main(String[] args) {
            System.out.println(io.github.eventretry.genesys.internal.Endpoints.class);
          }
        }
        """);
    assertThat(compile(bad, dir.resolve("genesys-bad-out")))
        .contains("io.github.eventretry.genesys.internal").contains("does not export");
  }

  @Test
  void theWholeLibraryWiredAsAHostWould() throws Exception {
    assertThat(modulePath()).contains("eventretry-state");
    Path src = module("host", """
        module consumer {
          requires io.github.eventretry.genesys;
          requires io.github.eventretry.state;
          requires io.github.eventretry.simulator;
        }""", """
        package consumer;

        import io.github.eventretry.core.PolicyJson;
        import io.github.eventretry.core.RetryPolicy;
        import io.github.eventretry.genesys.ClientCredentials;
        import io.github.eventretry.genesys.HttpGenesysClient;
        import io.github.eventretry.genesys.TutorialMetricsSource;
        import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
        import io.github.eventretry.simulator.RetryStorm;
        import io.github.eventretry.simulator.StormScenario;
        import io.github.eventretry.state.InMemoryStateStore;
        import io.github.eventretry.state.audit.InMemoryAuditLog;
        import io.github.eventretry.state.rollout.RolloutEngine;
        import io.github.eventretry.state.rollout.RolloutPlan;
        import java.time.Clock;
        import java.time.Duration;

        public class Main {
          public static void main(String[] args) throws Exception {
            RetryPolicy policy = PolicyJson.read("{\\"max_retries\\": 5,"
                + " \\"backoff_strategy\\": \\"exponential\\", \\"base_delay_ms\\": 500,"
                + " \\"max_delay_ms\\": 60000, \\"destination_rate_limit_rps\\": 150,"
                + " \\"storage_availability_class\\": \\"standard\\"}");
            System.out.println(RetryStorm.analytic(policy,
                StormScenario.of(1000, Duration.ofSeconds(5))).delivered() > 0);
            try (GenesysCloudEmulator e = GenesysCloudEmulator.start()) {
              HttpGenesysClient c = HttpGenesysClient.builder()
                  .baseUri(e.baseUri())
                  .credentials(new ClientCredentials(GenesysCloudEmulator.DEFAULT_CLIENT_ID,
                      GenesysCloudEmulator.DEFAULT_CLIENT_SECRET))
                  .build();
              RolloutEngine engine = RolloutEngine.builder()
                  .target(c).metrics(TutorialMetricsSource.of(c))
                  .stateStore(new InMemoryStateStore())
                  .auditLog(new InMemoryAuditLog(Clock.systemUTC()))
                  .sleeper(d -> { })
                  .build();
              System.out.println(engine.deploy(GenesysCloudEmulator.DEFAULT_INTEGRATION_ID, policy,
                  RolloutPlan.allAtOnce().withMinimumSample(1), "host", "module path").outcome());
            }
          }
        }
        """);
    Path out = dir.resolve("host-out");
    assertThat(compile(src, out)).isEmpty();
    List<String> stdout = runMain(out);
    assertThat(stdout).containsExactly("true", "COMPLETED");
  }

  @Test
  void aHostRecordsRolloutsInMicrometerOnTheModulePath() throws Exception {
    assertThat(modulePath()).contains("eventretry-micrometer").contains("micrometer-core");
    // micrometer.core comes with eventretry's module (requires transitive): the host names only ours.
    Path src = module("micrometer", "module consumer { requires io.github.eventretry.micrometer; }", """
        package consumer;

        import io.github.eventretry.core.PolicyJson;
        import io.github.eventretry.core.TrafficSplit;
        import io.github.eventretry.core.spi.ApplyResult;
        import io.github.eventretry.core.spi.DeliveryMetrics;
        import io.github.eventretry.core.spi.PolicyTarget;
        import io.github.eventretry.core.spi.RestoreResult;
        import io.github.eventretry.core.spi.TargetSnapshot;
        import io.github.eventretry.micrometer.RolloutMetrics;
        import io.github.eventretry.state.InMemoryStateStore;
        import io.github.eventretry.state.audit.InMemoryAuditLog;
        import io.github.eventretry.state.rollout.RolloutEngine;
        import io.github.eventretry.state.rollout.RolloutPlan;
        import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
        import java.time.Clock;
        import java.time.Duration;

        public class Main {
          public static void main(String[] args) {
            PolicyTarget target = new PolicyTarget() {
              TargetSnapshot held = TargetSnapshot.of("host", "{}");
              public TargetSnapshot read(String id) { return held; }
              public ApplyResult apply(String id, io.github.eventretry.core.RetryPolicy p, TrafficSplit s) {
                return new ApplyResult(id, p.fingerprint(), s, 1);
              }
              public RestoreResult restore(String id, TargetSnapshot s) { return new RestoreResult(id, s, 2); }
            };
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            RolloutEngine engine = RolloutEngine.builder()
                .target(target)
                .metrics((id, from, to) -> new DeliveryMetrics(id, from, to, 500, 0.98, 0, Duration.ZERO))
                .stateStore(new InMemoryStateStore())
                .auditLog(new InMemoryAuditLog(Clock.systemUTC()))
                .sleeper(d -> { })
                .listener(RolloutMetrics.of(registry))
                .build();
            System.out.println(engine.deploy("host-integration", PolicyJson.read("{\\"max_retries\\": 5,"
                + " \\"backoff_strategy\\": \\"exponential\\", \\"base_delay_ms\\": 500,"
                + " \\"max_delay_ms\\": 60000, \\"destination_rate_limit_rps\\": 150,"
                + " \\"storage_availability_class\\": \\"standard\\"}"), RolloutPlan.canary(), "host", "")
                .outcome());
            System.out.println(registry.get(RolloutMetrics.ENDED).tag("outcome", "completed").counter().count());
            System.out.println(registry.get(RolloutMetrics.CHECK_SUCCESS_RATE).gauge().value());
          }
        }
        """);
    Path out = dir.resolve("micrometer-out");
    assertThat(compile(src, out)).isEmpty();
    assertThat(runMain(out)).containsExactly("COMPLETED", "1.0", "0.98");
  }
}
