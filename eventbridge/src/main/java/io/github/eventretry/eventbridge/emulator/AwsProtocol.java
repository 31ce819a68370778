package io.github.eventretry.eventbridge.emulator;

/**
 * The wire protocol a request to the {@link AwsEmulator} came in, and that its answer goes out in.
 * Thread-safe: an enum.
 */
public enum AwsProtocol {
  /** EventBridge: {@code POST /}, {@code application/x-amz-json-1.1}, {@code X-Amz-Target: AWSEvents.*}. */
  AWS_JSON_1_1,
  /**
   * CloudWatch in AWS JSON 1.0: {@code POST /}, {@code application/x-amz-json-1.0},
   * {@code X-Amz-Target: GraniteServiceVersion20100801.*}.
   */
  AWS_JSON_1_0,
  /**
   * CloudWatch in Smithy RPC v2 CBOR, what the AWS SDK for Java sends since 2.40.7:
   * {@code POST /service/GraniteServiceVersion20100801/operation/<Operation>},
   * {@code application/cbor}.
   */
  RPC_V2_CBOR,
  /** CloudWatch in the query protocol of older SDKs and CLIs: {@code Action=…&Version=2010-08-01}. */
  QUERY,
  /** Anything else: answered with an unknown-operation error. */
  UNKNOWN
}
