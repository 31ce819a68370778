package io.github.eventretry.eventbridge;

import io.github.eventretry.core.text.SafeText;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Builds the AWS SDK clients of a connection and turns the SDK's failures into {@link AwsException}. */
final class Clients {
  private Clients() {}

  static EventBridgeClient eventBridge(AwsConnection c) {
    var b = EventBridgeClient.builder();
    configure(b, c);
    return build(b::build);
  }

  static CloudWatchClient cloudWatch(AwsConnection c) {
    var b = CloudWatchClient.builder();
    configure(b, c);
    return build(b::build);
  }

  private static <T> T build(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (SdkClientException e) {
      throw AwsException.builder("configure", "no AWS region is configured: set AWS_REGION, a"
          + " profile's region, or the connection's region").build(e);
    }
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> void configure(B b,
      AwsConnection c) {
    c.region().ifPresent(r -> b.region(Region.of(r)));
    c.endpoint().ifPresent(b::endpointOverride);
    c.credentialsProvider().ifPresent(b::credentialsProvider);
    if (c.httpClient().isPresent()) {
      b.httpClient(c.httpClient().get());
    } else {
      b.httpClientBuilder(UrlConnectionHttpClient.builder());
    }
    b.overrideConfiguration(o -> {
      c.maxAttempts().ifPresent(n -> o.retryStrategy(n == 1 ? AwsRetryStrategy.doNotRetry()
          : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(n).build()));
      c.callTimeout().ifPresent(o::apiCallTimeout);
    });
  }

  /**
   * Turns an SDK failure into an {@link AwsException}.
   *
   * @param e the failure
   * @param operation the operation, such as {@code PutTargets}
   * @param what what was being done, in a person's words, such as {@code putting targets on rule x}
   * @return a builder with the message, code, status and request id filled in
   */
  static AwsException.Builder failure(SdkException e, String operation, String what) {
    if (e instanceof AwsServiceException s) {
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      String message = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
      String text = what + ": AWS answered " + (code == null ? "an error" : code) + " (HTTP "
          + s.statusCode() + ")" + (message == null || message.isBlank() ? ""
          : ": " + SafeText.quote(message, 400));
      return AwsException.builder(operation, text).errorCode(code).statusCode(s.statusCode())
          .requestId(s.requestId());
    }
    String reason = clientReason(e);
    return AwsException.builder(operation, what + ": " + reason);
  }

  private static String clientReason(SdkException e) {
    if (e instanceof ApiCallTimeoutException) {
      return "the call timed out";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "could not connect to AWS (connection refused)";
      }
      if (t instanceof UnknownHostException) {
        return "could not connect to AWS (unknown host)";
      }
      if (t instanceof SocketTimeoutException) {
        return "AWS did not answer in time";
      }
    }
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.contains("Unable to load credentials")) {
      return "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile";
    }
    if (m.contains("Unable to execute HTTP request")) {
      return "the connection to AWS failed";
    }
    return "the AWS call failed (" + SafeText.quote(m.lines().findFirst().orElse("no detail"), 200) + ")";
  }
}
