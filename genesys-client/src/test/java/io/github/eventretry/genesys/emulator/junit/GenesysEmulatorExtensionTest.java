package io.github.eventretry.genesys.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.genesys.emulator.GenesysCloudEmulator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension as a build runs it: each sample class below is run through JUnit's launcher
 * ({@link SampleRun}) and what its tests saw is checked here. The samples run only from here.
 */
class GenesysEmulatorExtensionTest {
  private static final String ID = GenesysCloudEmulator.DEFAULT_INTEGRATION_ID;

  /** What the samples saw, in order; cleared before each run. */
  static final List<GenesysCloudEmulator> SEEN = Collections.synchronizedList(new ArrayList<>());
  static final List<Long> VERSIONS = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void clear() {
    SEEN.clear();
    VERSIONS.clear();
  }

  private static void assertAllSucceeded(SampleRun run, String... names) {
    assertThat(run.failed).as("failures").isEmpty();
    assertThat(run.succeeded).contains(names);
  }

  // ------------------------------------------------------------------------------ per class

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  @GenesysEmulatorTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClassSample {
    @BeforeAll
    static void beforeAll(GenesysCloudEmulator genesys) {
      SEEN.add(genesys);
    }

    @Test
    @Order(1)
    void writes(GenesysCloudEmulator genesys) {
      SEEN.add(genesys);
      VERSIONS.add(genesys.editConfiguration(ID, json -> json));
    }

    @Test
    @Order(2)
    void seesTheWrite(GenesysCloudEmulator genesys) {
      SEEN.add(genesys);
      VERSIONS.add(genesys.configuration(ID).version());
    }

    @AfterAll
    static void afterAll(GenesysCloudEmulator genesys) throws Exception {
      SEEN.add(genesys);
      assertThat(SampleRun.closed(genesys.port())).as("closed before @AfterAll").isFalse();
    }
  }

  @Test
  void perClassIsOneEmulatorForTheClassKeepingStateAndStoppedAfterIt() throws Exception {
    SampleRun run = SampleRun.of(PerClassSample.class);

    assertAllSucceeded(run, "writes", "seesTheWrite", "PerClassSample");
    assertThat(SEEN).hasSize(4);
    assertThat(SEEN).allSatisfy(e -> assertThat(e).isSameAs(SEEN.get(0)));
    assertThat(VERSIONS).containsExactly(2L, 2L);
    assertThat(SampleRun.closed(SEEN.get(0).port())).as("port closed after the class").isTrue();
  }

  // ------------------------------------------------------------------------------ per method

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  @GenesysEmulatorTest(lifecycle = GenesysEmulatorExtension.Lifecycle.PER_METHOD)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerMethodSample {
    GenesysCloudEmulator fromBeforeEach;

    @BeforeEach
    void setUp(GenesysCloudEmulator genesys) {
      fromBeforeEach = genesys;
    }

    @Test
    @Order(1)
    void writes(GenesysCloudEmulator genesys) {
      assertThat(genesys).isSameAs(fromBeforeEach);
      SEEN.add(genesys);
      VERSIONS.add(genesys.editConfiguration(ID, json -> json));
    }

    @Test
    @Order(2)
    void startsFromTheDefaults(GenesysCloudEmulator genesys) throws Exception {
      assertThat(genesys).isSameAs(fromBeforeEach);
      SEEN.add(genesys);
      VERSIONS.add(genesys.configuration(ID).version());
      assertThat(genesys.requestCount()).isZero();
      assertThat(SampleRun.closed(SEEN.get(0).port())).as("the first test's emulator").isTrue();
    }
  }

  @Test
  void perMethodIsAFreshEmulatorForEveryTestStoppedAfterIt() throws Exception {
    SampleRun run = SampleRun.of(PerMethodSample.class);

    assertAllSucceeded(run, "writes", "startsFromTheDefaults");
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
    assertThat(VERSIONS).containsExactly(2L, 1L);
    assertThat(SampleRun.closed(SEEN.get(1).port())).isTrue();
  }

  // ------------------------------------------------------------------------ registered, built

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  static class ConfiguredSample {
    @RegisterExtension
    static GenesysEmulatorExtension genesys = GenesysEmulatorExtension.builder()
        .configure(emulator -> emulator.client("shop", "shop-secret").integration("orders"))
        .build();

    @Test
    void usesTheBuildersSettings(GenesysCloudEmulator emulator) {
      SEEN.add(emulator);
      assertThat(genesys.emulator()).isSameAs(emulator);
      assertThat(emulator.configuration("orders").version()).isEqualTo(1);
      assertThatThrownBy(() -> emulator.configuration(ID))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void injectsByTypeOnly(Object anything) {
      // never runs: nothing resolves an Object parameter
    }
  }

  @Test
  void aBuiltExtensionStartsTheEmulatorWithItsConfigurationAndInjectsByTypeOnly() {
    SampleRun run = SampleRun.of(ConfiguredSample.class);

    assertThat(run.succeeded).contains("usesTheBuildersSettings");
    assertThat(run.failed).containsOnlyKeys("injectsByTypeOnly");
    assertThat(run.failed.get("injectsByTypeOnly"))
        .hasMessageContaining("No ParameterResolver registered for parameter [java.lang.Object");
    assertThat(SEEN).hasSize(1);
  }

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  static class InstanceFieldPerMethodSample {
    @RegisterExtension
    GenesysEmulatorExtension genesys = GenesysEmulatorExtension.builder()
        .lifecycle(GenesysEmulatorExtension.Lifecycle.PER_METHOD)
        .build();

    @Test
    void one(GenesysCloudEmulator emulator) {
      assertThat(genesys.emulator()).isSameAs(emulator);
      SEEN.add(emulator);
    }

    @Test
    void two(GenesysCloudEmulator emulator) {
      assertThat(genesys.emulator()).isSameAs(emulator);
      SEEN.add(emulator);
    }
  }

  @Test
  void onAnInstanceFieldPerMethodWorks() {
    SampleRun run = SampleRun.of(InstanceFieldPerMethodSample.class);

    assertAllSucceeded(run, "one", "two");
    assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
  }

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  static class InstanceFieldPerClassSample {
    @RegisterExtension
    GenesysEmulatorExtension genesys = GenesysEmulatorExtension.builder().build();

    @Test
    void test(GenesysCloudEmulator emulator) {
      SEEN.add(emulator);
    }
  }

  @Test
  void perClassOnAnInstanceFieldIsRefusedSayingWhy() {
    SampleRun run = SampleRun.of(InstanceFieldPerClassSample.class);

    assertThat(run.failed.get("test")).hasMessage("The Genesys Cloud emulator was to start once for"
        + " InstanceFieldPerClassSample.test() (PER_CLASS), but this extension never heard the class"
        + " start: JUnit tells only an extension on a static field (or registered by"
        + " @GenesysEmulatorTest). Make the field static, or build the extension with"
        + " lifecycle(PER_METHOD)");
    assertThat(SEEN).isEmpty();
  }

  // -------------------------------------------------------------------------- nested classes

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  @GenesysEmulatorTest
  static class OuterSample {
    static final Map<String, GenesysCloudEmulator> BY_TEST = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void outer(GenesysCloudEmulator genesys) {
      BY_TEST.put("outer", genesys);
    }

    @Nested
    class Inner {
      @Test
      void inner(GenesysCloudEmulator genesys) {
        BY_TEST.put("inner", genesys);
      }

      @Nested
      class Deeper {
        @Test
        void deeper(GenesysCloudEmulator genesys) {
          BY_TEST.put("deeper", genesys);
        }
      }
    }

    @Nested
    @GenesysEmulatorTest(lifecycle = GenesysEmulatorExtension.Lifecycle.PER_METHOD)
    class Fresh {
      @Test
      void fresh1(GenesysCloudEmulator genesys) {
        BY_TEST.put("fresh1", genesys);
      }

      @Test
      void fresh2(GenesysCloudEmulator genesys) {
        BY_TEST.put("fresh2", genesys);
      }
    }
  }

  @Test
  void nestedClassesShareTheEnclosingEmulatorUnlessAnnotatedPerMethod() throws Exception {
    OuterSample.BY_TEST.clear();
    SampleRun run = SampleRun.of(OuterSample.class);

    assertAllSucceeded(run, "outer", "inner", "deeper", "fresh1", "fresh2");
    Map<String, GenesysCloudEmulator> seen = OuterSample.BY_TEST;
    assertThat(seen.get("inner")).isSameAs(seen.get("outer"));
    assertThat(seen.get("deeper")).isSameAs(seen.get("outer"));
    assertThat(seen.get("fresh1")).isNotSameAs(seen.get("outer")).isNotSameAs(seen.get("fresh2"));
    assertThat(seen.get("fresh2")).isNotSameAs(seen.get("outer"));
    for (GenesysCloudEmulator e : seen.values()) {
      assertThat(SampleRun.closed(e.port())).isTrue();
    }
  }

  // ---------------------------------------------------------------------- parallel execution

  private static final Map<String, String> PARALLEL = Map.of(
      "junit.jupiter.execution.parallel.enabled", "true",
      "junit.jupiter.execution.parallel.mode.default", "concurrent",
      "junit.jupiter.execution.parallel.config.strategy", "fixed",
      "junit.jupiter.execution.parallel.config.fixed.parallelism", "8");

  /** Four tests that each wait until all four run at once: proof that they ran in parallel. */
  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  static class ParallelPerMethodSample {
    static final CyclicBarrier ALL_RUNNING = new CyclicBarrier(4);
    static final CyclicBarrier ALL_CHECKED = new CyclicBarrier(4);
    static final AtomicReference<Throwable> FROM_OTHER_THREAD = new AtomicReference<>();

    @RegisterExtension
    static GenesysEmulatorExtension genesys = GenesysEmulatorExtension.builder()
        .lifecycle(GenesysEmulatorExtension.Lifecycle.PER_METHOD)
        .build();

    private static void run(GenesysCloudEmulator emulator, boolean askFromAnotherThread)
        throws Exception {
      ALL_RUNNING.await(30, TimeUnit.SECONDS);
      assertThat(genesys.emulator()).isSameAs(emulator);
      SEEN.add(emulator);
      if (askFromAnotherThread) {
        Thread t = new Thread(() -> {
          try {
            genesys.emulator();
          } catch (Throwable e) {
            FROM_OTHER_THREAD.set(e);
          }
        });
        t.start();
        t.join(30_000);
      }
      ALL_CHECKED.await(30, TimeUnit.SECONDS);
    }

    @Test
    void a(GenesysCloudEmulator emulator) throws Exception {
      run(emulator, true);
    }

    @Test
    void b(GenesysCloudEmulator emulator) throws Exception {
      run(emulator, false);
    }

    @Test
    void c(GenesysCloudEmulator emulator) throws Exception {
      run(emulator, false);
    }

    @Test
    void d(GenesysCloudEmulator emulator) throws Exception {
      run(emulator, false);
    }
  }

  @Test
  void inParallelPerMethodEveryTestHasItsOwnEmulator() throws Exception {
    ParallelPerMethodSample.ALL_RUNNING.reset();
    ParallelPerMethodSample.ALL_CHECKED.reset();
    SampleRun run = SampleRun.of(ParallelPerMethodSample.class, PARALLEL);

    assertAllSucceeded(run, "a", "b", "c", "d");
    assertThat(SEEN).hasSize(4).doesNotHaveDuplicates();
    assertThat(ParallelPerMethodSample.FROM_OTHER_THREAD.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("4 Genesys Cloud emulators of this extension are running at once, one for each"
            + " test running in parallel, and this thread runs none of those tests: take the"
            + " emulator as a parameter of the test method");
    for (GenesysCloudEmulator e : SEEN) {
      assertThat(SampleRun.closed(e.port())).isTrue();
    }
  }

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  @GenesysEmulatorTest
  static class ParallelPerClassSample {
    static final CyclicBarrier ALL_RUNNING = new CyclicBarrier(3);

    @Test
    void a(GenesysCloudEmulator emulator) throws Exception {
      ALL_RUNNING.await(30, TimeUnit.SECONDS);
      SEEN.add(emulator);
    }

    @Test
    void b(GenesysCloudEmulator emulator) throws Exception {
      ALL_RUNNING.await(30, TimeUnit.SECONDS);
      SEEN.add(emulator);
    }

    @Test
    void c(GenesysCloudEmulator emulator) throws Exception {
      ALL_RUNNING.await(30, TimeUnit.SECONDS);
      SEEN.add(emulator);
    }
  }

  @Test
  void inParallelPerClassTheTestsShareTheClasssEmulator() throws Exception {
    ParallelPerClassSample.ALL_RUNNING.reset();
    SampleRun run = SampleRun.of(ParallelPerClassSample.class, PARALLEL);

    assertAllSucceeded(run, "a", "b", "c");
    assertThat(SEEN).hasSize(3).allSatisfy(e -> assertThat(e).isSameAs(SEEN.get(0)));
    assertThat(SampleRun.closed(SEEN.get(0).port())).isTrue();
  }

  // ------------------------------------------------------------------------- failure to start

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  static class BadPortSample {
    @RegisterExtension
    static GenesysEmulatorExtension genesys = GenesysEmulatorExtension.builder()
        .configure(emulator -> emulator.port(70_000))
        .build();

    @Test
    void neverRuns(GenesysCloudEmulator emulator) {
      SEEN.add(emulator);
    }
  }

  @Test
  void aRejectedSettingFailsTheClassNamingIt() {
    SampleRun run = SampleRun.of(BadPortSample.class);

    assertThat(run.failed).containsOnlyKeys("BadPortSample");
    assertThat(run.failed.get("BadPortSample"))
        .hasMessage("The Genesys Cloud emulator is misconfigured for BadPortSample: port must be"
            + " 0..65535 (rejected: 70000)")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(run.succeeded).doesNotContain("neverRuns");
    assertThat(SEEN).isEmpty();
  }

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  static class DomainWithoutTlsSample {
    @RegisterExtension
    static GenesysEmulatorExtension genesys = GenesysEmulatorExtension.builder()
        .lifecycle(GenesysEmulatorExtension.Lifecycle.PER_METHOD)
        .configure(emulator -> emulator.domain("example.test"))
        .build();

    @Test
    void neverRuns(GenesysCloudEmulator emulator) {
      SEEN.add(emulator);
    }
  }

  @Test
  void aMisconfigurationPerMethodFailsTheTestNamingIt() {
    SampleRun run = SampleRun.of(DomainWithoutTlsSample.class);

    assertThat(run.failed.get("neverRuns")).hasMessage("The Genesys Cloud emulator is misconfigured"
        + " for DomainWithoutTlsSample.neverRuns(): domain(...) names the hosts of TLS mode; set"
        + " tls(folder) too");
    assertThat(SEEN).isEmpty();
  }

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  static class PortInUseSample {
    static final AtomicInteger PORT = new AtomicInteger();

    @RegisterExtension
    static GenesysEmulatorExtension genesys = GenesysEmulatorExtension.builder()
        .configure(emulator -> emulator.port(PORT.get()))
        .build();

    @Test
    void neverRuns(GenesysCloudEmulator emulator) {
      SEEN.add(emulator);
    }
  }

  @Test
  void aPortInUseFailsTheClassInWords() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      PortInUseSample.PORT.set(taken.getLocalPort());
      SampleRun run = SampleRun.of(PortInUseSample.class);

      assertThat(run.failed.get("PortInUseSample"))
          .hasMessageStartingWith("The Genesys Cloud emulator did not start for PortInUseSample: it"
              + " could not listen on 127.0.0.1 (")
          .hasMessageEndingWith("); the default port, 0, takes a free one")
          .hasMessageContaining("in use");
      assertThat(SEEN).isEmpty();
    }
  }

  @ExtendWith(SampleRun.OnlyInSampleRun.class)
  @GenesysEmulatorTest(lifecycle = GenesysEmulatorExtension.Lifecycle.PER_METHOD)
  static class AskedTooEarlySample {
    @BeforeAll
    static void tooEarly(GenesysCloudEmulator genesys) {
      SEEN.add(genesys);
    }

    @Test
    void test() {}
  }

  @Test
  void askingWhereNoneRunsSaysWhereToAsk() {
    SampleRun run = SampleRun.of(AskedTooEarlySample.class);

    assertThat(run.failed.get("AskedTooEarlySample")).hasMessage("No Genesys Cloud emulator runs for"
        + " AskedTooEarlySample.tooEarly(): with PER_METHOD it starts before each test, after the"
        + " test instance is made and after @BeforeAll methods. Take it as a parameter of the test"
        + " method, or of a @BeforeEach or @AfterEach method");
    assertThat(SEEN).isEmpty();
  }

  @Test
  void theBuilderSetsEachSettingOnce() {
    GenesysEmulatorExtension.Builder b = GenesysEmulatorExtension.builder()
        .lifecycle(GenesysEmulatorExtension.Lifecycle.PER_METHOD)
        .configure(emulator -> { });
    assertThatThrownBy(() -> b.lifecycle(GenesysEmulatorExtension.Lifecycle.PER_CLASS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("lifecycle was already set to PER_METHOD");
    assertThatThrownBy(() -> b.configure(emulator -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("configure was already set to a function");
    assertThatThrownBy(() -> GenesysEmulatorExtension.builder().lifecycle(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("lifecycle");
  }

  @Test
  void outsideATestThereIsNoEmulator() {
    assertThatThrownBy(() -> GenesysEmulatorExtension.builder().build().emulator())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("No Genesys Cloud emulator of this extension is running now");
  }
}
