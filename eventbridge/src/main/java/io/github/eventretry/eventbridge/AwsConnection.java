package io.github.eventretry.eventbridge;

import io.github.eventretry.core.text.SafeText;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * How to reach AWS: region, endpoint, credentials, HTTP client and how many attempts the AWS SDK makes
 * per call. Everything left unset is the AWS SDK's default: the region and credentials of its default
 * chains ({@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}, profiles,
 * instance roles), AWS's public endpoint, the JDK {@code HttpURLConnection} client, and the SDK's
 * standard retries (3 attempts, throttling included).
 *
 * <p>The AWS SDK's {@link SdkHttpClient} and {@link AwsCredentialsProvider} appear here, and only here,
 * for callers who pass their own; a passed HTTP client stays the caller's to close.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows a secret.
 */
public final class AwsConnection {
  private final Optional<String> region;
  private final Optional<URI> endpoint;
  private final Optional<AwsCredentialsProvider> credentials;
  private final boolean staticCredentials;
  private final Optional<SdkHttpClient> httpClient;
  private final OptionalInt maxAttempts;
  private final Optional<Duration> callTimeout;

  private AwsConnection(Builder b) {
    this.region = Optional.ofNullable(b.region);
    this.endpoint = Optional.ofNullable(b.endpoint);
    this.credentials = Optional.ofNullable(b.credentials);
    this.staticCredentials = b.staticCredentials;
    this.httpClient = Optional.ofNullable(b.httpClient);
    this.maxAttempts = b.maxAttempts == 0 ? OptionalInt.empty() : OptionalInt.of(b.maxAttempts);
    this.callTimeout = Optional.ofNullable(b.callTimeout);
  }

  /**
   * Returns a connection with every setting the AWS SDK's default.
   *
   * @return the connection
   */
  public static AwsConnection defaults() {
    return builder().build();
  }

  /**
   * Returns a new builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the region.
   *
   * @return such as {@code us-east-1}, or empty for the SDK's default chain
   */
  public Optional<String> region() {
    return region;
  }

  /**
   * Returns the endpoint both EventBridge and CloudWatch are called at.
   *
   * @return such as {@code http://127.0.0.1:4566}, or empty for AWS's endpoints
   */
  public Optional<URI> endpoint() {
    return endpoint;
  }

  /**
   * Returns the credentials provider.
   *
   * @return the provider, or empty for the SDK's default chain
   */
  public Optional<AwsCredentialsProvider> credentialsProvider() {
    return credentials;
  }

  /**
   * Returns the HTTP client.
   *
   * @return the caller's client, or empty for one of the SDK's {@code url-connection-client}
   */
  public Optional<SdkHttpClient> httpClient() {
    return httpClient;
  }

  /**
   * Returns how many attempts the AWS SDK makes per call, its retries included.
   *
   * @return 1 or more, or empty for the SDK's standard retries
   */
  public OptionalInt maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns how long one call may take, its retries included.
   *
   * @return the timeout, or empty for none
   */
  public Optional<Duration> callTimeout() {
    return callTimeout;
  }

  /**
   * Describes the connection without credentials.
   *
   * @return such as {@code AwsConnection[region=us-east-1, endpoint=http://127.0.0.1:4566,
   *     credentials=static, …]}
   */
  @Override
  public String toString() {
    return "AwsConnection[region=" + region.orElse("(default chain)") + ", endpoint="
        + endpoint.map(URI::toString).orElse("(AWS)") + ", credentials="
        + (credentials.isEmpty() ? "(default chain)" : staticCredentials ? "static" : "provider")
        + ", httpClient=" + (httpClient.isPresent() ? "caller's" : "url-connection") + ", maxAttempts="
        + (maxAttempts.isPresent() ? Integer.toString(maxAttempts.getAsInt()) : "(standard)") + "]";
  }

  /**
   * Builds an {@link AwsConnection}. Each setting can be set once; a second set is an
   * {@link IllegalStateException} naming the setting (never a credential). Not thread-safe.
   */
  public static final class Builder {
    private String region;
    private URI endpoint;
    private AwsCredentialsProvider credentials;
    private boolean staticCredentials;
    private SdkHttpClient httpClient;
    private int maxAttempts;
    private Duration callTimeout;
    private final Set<String> set = new HashSet<>();

    private Builder() {}

    private void once(String name, Object current) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set" + (current == null ? "" : " to "
            + current));
      }
    }

    /**
     * Sets the region.
     *
     * @param region such as {@code eu-west-1}: lower-case letters, digits and dashes
     * @return this builder
     * @throws IllegalArgumentException if not such a name
     * @throws IllegalStateException if already set
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}")) {
        throw new IllegalArgumentException("region must be an AWS region such as us-east-1 (rejected: "
            + SafeText.quote(region) + ")");
      }
      once("region", this.region);
      this.region = region;
      return this;
    }

    /**
     * Sets the endpoint both EventBridge and CloudWatch are called at: an emulator, or a VPC endpoint.
     *
     * @param endpoint an absolute {@code http} or {@code https} URI with a host and no user
     *     information
     * @return this builder
     * @throws IllegalArgumentException if it is not such a URI (the message shows no user information)
     * @throws IllegalStateException if already set
     */
    public Builder endpoint(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme();
      if (endpoint.getRawUserInfo() != null) {
        throw new IllegalArgumentException("endpoint must not carry user information (rejected: "
            + scheme + "://…@" + SafeText.quote(String.valueOf(endpoint.getHost())) + ")");
      }
      if (!endpoint.isAbsolute() || endpoint.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException("endpoint must be an absolute http or https URL with a host"
            + " (rejected: " + SafeText.quote(endpoint.toString()) + ")");
      }
      once("endpoint", this.endpoint);
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets fixed credentials.
     *
     * @param accessKeyId the access key id, not blank
     * @param secretAccessKey the secret access key, not blank
     * @return this builder
     * @throws IllegalArgumentException if either is blank
     * @throws IllegalStateException if credentials were already set
     */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
        throw new IllegalArgumentException("access key id and secret access key must not be blank");
      }
      once("credentials", null);
      this.credentials = StaticCredentialsProvider.create(
          AwsBasicCredentials.create(accessKeyId, secretAccessKey));
      this.staticCredentials = true;
      return this;
    }

    /**
     * Sets a credentials provider of the AWS SDK.
     *
     * @param provider the provider
     * @return this builder
     * @throws IllegalStateException if credentials were already set
     */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      Objects.requireNonNull(provider, "provider");
      once("credentials", null);
      this.credentials = provider;
      return this;
    }

    /**
     * Sets the HTTP client the AWS SDK uses. The caller keeps it and closes it.
     *
     * @param client the client
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder httpClient(SdkHttpClient client) {
      Objects.requireNonNull(client, "client");
      once("httpClient", null);
      this.httpClient = client;
      return this;
    }

    /**
     * Sets how many attempts the AWS SDK makes per call (1: no retries). Tests against an emulator set
     * 1, since the SDK's standard retries back off for seconds after throttling.
     *
     * @param attempts 1..10
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 10) {
        throw new IllegalArgumentException("maxAttempts must be 1..10 (rejected: " + attempts + ")");
      }
      once("maxAttempts", this.maxAttempts);
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets how long one call may take, its retries included.
     *
     * @param timeout 1 ms to 10 minutes
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder callTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException(
            "callTimeout must be 1 ms to 10 minutes (rejected: " + timeout + ")");
      }
      once("callTimeout", this.callTimeout);
      this.callTimeout = timeout;
      return this;
    }

    /**
     * Builds the connection.
     *
     * @return the connection
     */
    public AwsConnection build() {
      return new AwsConnection(this);
    }
  }
}
