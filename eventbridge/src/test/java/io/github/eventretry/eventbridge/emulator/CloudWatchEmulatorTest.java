package io.github.eventretry.eventbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventretry.eventbridge.testing.Aws;
import io.github.eventretry.eventbridge.testing.ManualClock;
import io.github.eventretry.eventbridge.testing.SignedHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Drives the emulator's CloudWatch with the real AWS SDK for Java (Smithy RPC v2 CBOR) and with
 * hand-built AWS JSON 1.0 and query-protocol requests signed by the SDK's SigV4 signer.
 */
class CloudWatchEmulatorTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final String BUS = Aws.genesysBus();

  private final ManualClock clock = new ManualClock(T0);
  private AwsEmulator emulator;
  private CloudWatchClient cw;

  private void start(AwsEmulator.Builder b) throws Exception {
    emulator = b.clock(clock).start();
    cw = Aws.cloudWatch(emulator);
  }

  @AfterEach
  void stop() {
    if (cw != null) {
      cw.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private static MetricDataQuery events(String id, String metric, String stat) {
    return MetricDataQuery.builder().id(id).metricStat(s -> s.metric(m -> m.namespace("AWS/Events")
        .metricName(metric).dimensions(
            Dimension.builder().name("EventBusName").value(BUS).build(),
            Dimension.builder().name("RuleName").value(AwsEmulator.GENESYS_RULE).build()))
        .period(60).stat(stat)).build();
  }

  @Test
  void putsAndGetsMetricsInCborWithTheSdk() throws Exception {
    start(AwsEmulator.builder());
    cw.putMetricData(b -> b.namespace("Shop").metricData(
        d -> d.metricName("Orders").value(3.0).timestamp(T0.minusSeconds(90)),
        d -> d.metricName("Orders").value(5.0).timestamp(T0.minusSeconds(80)),
        d -> d.metricName("Orders").value(7.0).timestamp(T0.minusSeconds(10))));
    GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(T0.minusSeconds(600)).endTime(T0)
        .scanBy(ScanBy.TIMESTAMP_ASCENDING)
        .metricDataQueries(q -> q.id("sum").metricStat(s -> s.metric(m -> m.namespace("Shop")
            .metricName("Orders")).period(60).stat("Sum")),
            q -> q.id("avg").metricStat(s -> s.metric(m -> m.namespace("Shop").metricName("Orders"))
                .period(60).stat("Average")).label("mean")));
    MetricDataResult sum = r.metricDataResults().get(0);
    assertThat(sum.timestamps()).containsExactly(Instant.parse("2026-03-02T09:58:00Z"),
        Instant.parse("2026-03-02T09:59:00Z"));
    assertThat(sum.values()).containsExactly(8.0, 7.0);
    assertThat(sum.statusCodeAsString()).isEqualTo("Complete");
    assertThat(r.metricDataResults().get(1).label()).isEqualTo("mean");
    assertThat(r.metricDataResults().get(1).values()).containsExactly(4.0, 7.0);
    RecordedRequest req = emulator.requests("GetMetricData").get(0);
    assertThat(req.protocol()).isEqualTo(AwsProtocol.RPC_V2_CBOR);
    assertThat(req.path()).isEqualTo("/service/GraniteServiceVersion20100801/operation/GetMetricData");
    assertThat(req.header("smithy-protocol")).hasValue("rpc-v2-cbor");
    assertThat(req.header("Authorization").orElseThrow()).contains("/us-east-1/monitoring/aws4_request");
  }

  @Test
  void derivesAwsEventsMetricsOnlyWhenNotZeroAndOnlyForBothDimensions() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample().deliveryModel(DeliveryModel.destination(
        Destination.builder().eventsPerMinute(60).outagePerMinute(Duration.ofSeconds(10)).build())));
    clock.advance(Duration.ofMinutes(5));
    Instant now = clock.instant();
    GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(T0).endTime(now)
        .scanBy(ScanBy.TIMESTAMP_ASCENDING)
        .metricDataQueries(events("inv", "Invocations", "Sum"), events("failed", "FailedInvocations", "Sum"),
            events("dlq", "InvocationsSentToDlq", "Sum"), events("lat",
                "IngestionToInvocationSuccessLatency", "Average")));
    assertThat(r.metricDataResults().get(0).values()).hasSize(5).allMatch(v -> v == 120.0);
    assertThat(r.metricDataResults().get(1).values())
        .as("AWS's defaults (185 retries, 24 h) outlast a 10 s outage: no failure, no datapoint").isEmpty();
    assertThat(r.metricDataResults().get(2).values()).isEmpty();
    assertThat(r.metricDataResults().get(3).values()).allMatch(v -> v > 120.0);
    GetMetricDataResponse ruleOnly = cw.getMetricData(b -> b.startTime(T0).endTime(now)
        .metricDataQueries(q -> q.id("inv").metricStat(s -> s.metric(m -> m.namespace("AWS/Events")
            .metricName("Invocations").dimensions(d -> d.name("RuleName").value(AwsEmulator.GENESYS_RULE)))
            .period(60).stat("Sum"))));
    assertThat(ruleOnly.metricDataResults().get(0).values())
        .as("a rule on a partner bus has no metric dimensioned by RuleName alone").isEmpty();
  }

  @Test
  void pagesGetMetricDataAndListMetrics() throws Exception {
    start(AwsEmulator.builder().seedGenesysExample().pageSize(3));
    clock.advance(Duration.ofMinutes(5));
    Instant now = clock.instant();
    List<Double> values = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    cw.getMetricDataPaginator(b -> b.startTime(T0).endTime(now)
        .metricDataQueries(events("inv", "Invocations", "Sum"))).forEach(p -> p.metricDataResults()
        .forEach(m -> {
          values.addAll(m.values());
          statuses.add(m.statusCodeAsString());
        }));
    assertThat(values).hasSize(5);
    assertThat(statuses).containsExactly("PartialData", "Complete");
    List<Metric> metrics = new ArrayList<>();
    cw.listMetricsPaginator(b -> b.namespace("AWS/Events")).forEach(p -> metrics.addAll(p.metrics()));
    assertThat(metrics).extracting(Metric::metricName).contains("Invocations", "FailedInvocations",
        "RetryInvocationAttempts", "InvocationsSentToDlq", "IngestionToInvocationSuccessLatency");
    assertThat(emulator.requests("ListMetrics")).hasSizeGreaterThan(1);
  }

  @Test
  void refusesBadQueriesWithCloudWatchErrors() throws Exception {
    start(AwsEmulator.builder());
    assertThatThrownBy(() -> cw.getMetricData(b -> b.startTime(T0).endTime(T0.minusSeconds(60))
        .metricDataQueries(events("inv", "Invocations", "Sum"))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("The parameter StartTime must be less than the parameter EndTime.");
    assertThatThrownBy(() -> cw.getMetricData(b -> b.startTime(T0.minusSeconds(600)).endTime(T0)
        .metricDataQueries(events("Bad-Id", "Invocations", "Sum"))))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThatThrownBy(() -> cw.putMetricData(b -> b.namespace("AWS/Events")
        .metricData(d -> d.metricName("Invocations").value(1.0))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Namespace");
  }

  @Test
  void throttlingAndAWrongSecretInCbor() throws Exception {
    start(AwsEmulator.builder());
    emulator.enqueue("ListMetrics", AwsFault.throttle());
    assertThatThrownBy(() -> cw.listMetrics(b -> b.namespace("X")))
        .isInstanceOf(CloudWatchException.class)
        .satisfies(e -> {
          assertThat(((CloudWatchException) e).awsErrorDetails().errorCode()).isEqualTo("Throttling");
          assertThat(((CloudWatchException) e).isThrottlingException()).isTrue();
        });
    try (CloudWatchClient wrong = Aws.cloudWatch(emulator, "wrong")) {
      assertThatThrownBy(() -> wrong.listMetrics(b -> b.namespace("X")))
          .isInstanceOf(CloudWatchException.class)
          .satisfies(e -> {
            assertThat(((CloudWatchException) e).awsErrorDetails().errorCode())
                .isEqualTo("SignatureDoesNotMatch");
            assertThat(((CloudWatchException) e).statusCode()).isEqualTo(403);
          });
    }
  }

  @Test
  void servesAwsJson10() throws Exception {
    start(AwsEmulator.builder());
    var put = SignedHttp.json10(emulator, "PutMetricData", "{\"Namespace\":\"Shop\",\"MetricData\":"
        + "[{\"MetricName\":\"Orders\",\"Value\":2.5,\"Timestamp\":" + (T0.getEpochSecond() - 30) + "}]}");
    assertThat(put.status()).isEqualTo(200);
    var get = SignedHttp.json10(emulator, "GetMetricData", "{\"StartTime\":" + (T0.getEpochSecond() - 600)
        + ",\"EndTime\":" + T0.getEpochSecond() + ",\"MetricDataQueries\":[{\"Id\":\"m\",\"MetricStat\":"
        + "{\"Metric\":{\"Namespace\":\"Shop\",\"MetricName\":\"Orders\"},\"Period\":60,\"Stat\":\"Sum\"}}]}");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.header("Content-Type")).isEqualTo("application/x-amz-json-1.0");
    assertThat(get.body()).contains("\"Values\":[2.5]").contains("\"Timestamps\":[" + (T0.getEpochSecond() - 60)
        + "]");
    var list = SignedHttp.json10(emulator, "ListMetrics", "{\"Namespace\":\"Shop\"}");
    assertThat(list.body()).contains("\"MetricName\":\"Orders\"");
    assertThat(emulator.requests("ListMetrics").get(0).protocol()).isEqualTo(AwsProtocol.AWS_JSON_1_0);
    var bad = SignedHttp.json10(emulator, "GetMetricData", "{\"StartTime\":10,\"EndTime\":5,"
        + "\"MetricDataQueries\":[{\"Id\":\"m\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"Shop\","
        + "\"MetricName\":\"Orders\"},\"Period\":60,\"Stat\":\"Sum\"}}]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("\"__type\":\"com.amazonaws.cloudwatch#InvalidParameterValueException\"");
    assertThat(bad.header("x-amzn-query-error")).isEqualTo("InvalidParameterValue;Sender");
    var wrong = SignedHttp.json10(emulator, "wrong-secret", "ListMetrics", "{}");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.header("x-amzn-query-error")).isEqualTo("SignatureDoesNotMatch;Sender");
  }

  @Test
  void servesTheQueryProtocol() throws Exception {
    start(AwsEmulator.builder());
    var put = SignedHttp.query(emulator, "Action=PutMetricData&Version=2010-08-01&Namespace=Shop"
        + "&MetricData.member.1.MetricName=Orders&MetricData.member.1.Value=4"
        + "&MetricData.member.1.Timestamp=2026-03-02T09%3A59%3A30Z"
        + "&MetricData.member.1.Dimensions.member.1.Name=Store&MetricData.member.1.Dimensions.member.1.Value=A");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body()).startsWith("<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/"
        + "2010-08-01/\"><ResponseMetadata><RequestId>");
    var get = SignedHttp.query(emulator, "Action=GetMetricData&Version=2010-08-01"
        + "&StartTime=2026-03-02T09%3A50%3A00Z&EndTime=2026-03-02T10%3A00%3A00Z"
        + "&MetricDataQueries.member.1.Id=m&MetricDataQueries.member.1.MetricStat.Period=60"
        + "&MetricDataQueries.member.1.MetricStat.Stat=Sum"
        + "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=Shop"
        + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=Orders"
        + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=Store"
        + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=A");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.header("Content-Type")).isEqualTo("text/xml");
    assertThat(get.body()).contains("<GetMetricDataResult><MetricDataResults><member><Id>m</Id>"
        + "<Label>Orders</Label><Timestamps><member>2026-03-02T09:59:00Z</member></Timestamps>"
        + "<Values><member>4.0</member></Values><StatusCode>Complete</StatusCode>");
    var list = SignedHttp.query(emulator, "Action=ListMetrics&Version=2010-08-01&Namespace=Shop");
    assertThat(list.body()).contains("<MetricName>Orders</MetricName>");
    assertThat(emulator.requests("ListMetrics").get(0).protocol()).isEqualTo(AwsProtocol.QUERY);
    var missing = SignedHttp.query(emulator, "Action=GetMetricData&Version=2010-08-01");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("<Type>Sender</Type><Code>MissingParameter</Code>");
    var wrong = SignedHttp.query(emulator, "wrong-secret", "Action=ListMetrics&Version=2010-08-01");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.body()).contains("<Code>SignatureDoesNotMatch</Code>")
        .contains("<Message>The request signature we calculated does not match");
    emulator.enqueue(AwsFault.throttle());
    var throttled = SignedHttp.query(emulator, "Action=ListMetrics&Version=2010-08-01");
    assertThat(throttled.status()).isEqualTo(400);
    assertThat(throttled.body()).contains("<Code>Throttling</Code><Message>Rate exceeded</Message>");
  }
}
