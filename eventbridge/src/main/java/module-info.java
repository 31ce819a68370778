/**
 * eventretry's AWS side of delivery, where retries really happen: a policy applied to Amazon
 * EventBridge rule targets ({@code RetryPolicy}, {@code DeadLetterConfig}) as a {@code PolicyTarget},
 * rollouts judged by CloudWatch's {@code AWS/Events} metrics as a {@code DeliveryMetricsSource}, drift,
 * and a loopback AWS emulator (EventBridge and CloudWatch).
 *
 * <p>Exports the API ({@code io.github.eventretry.eventbridge}) and the emulator
 * ({@code io.github.eventretry.eventbridge.emulator}); the {@code internal} packages are not exported.
 * The AWS SDK's HTTP client and credentials provider types appear in the builder of
 * {@code AwsConnection} only, for callers who pass their own.
 *
 * <p>{@code io.github.eventretry.eventbridge.emulator.junit} holds the emulator's JUnit Jupiter
 * extension; JUnit is an optional dependency ({@code requires static}), needed only by that package, so
 * an application that does not test with JUnit neither needs nor gets it.
 */
module io.github.eventretry.eventbridge {
  requires transitive io.github.eventretry.core;
  requires transitive software.amazon.awssdk.http;
  requires transitive software.amazon.awssdk.auth;
  requires transitive software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.retries.api;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.services.eventbridge;
  requires software.amazon.awssdk.services.cloudwatch;
  requires software.amazon.awssdk.http.urlconnection;
  requires com.fasterxml.jackson.databind;
  requires jdk.httpserver;
  requires org.slf4j;
  // Optional: only the emulator.junit package uses JUnit. Not transitive, although JUnit's types are in
  // that package's API: "requires static transitive" makes javac demand JUnit from every consumer that
  // reads this module, with or without JUnit ("module not found", ModulePathConsumerIT); a consumer
  // that uses the extension requires org.junit.jupiter.api itself, as it must to write a test.
  requires static org.junit.jupiter.api;

  exports io.github.eventretry.eventbridge;
  exports io.github.eventretry.eventbridge.emulator;
  exports io.github.eventretry.eventbridge.emulator.junit;
}
