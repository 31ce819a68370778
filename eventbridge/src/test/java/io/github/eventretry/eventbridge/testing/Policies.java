package io.github.eventretry.eventbridge.testing;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.RetryPolicy;

/** The example policies of {@code examples/policies}, inline. */
public final class Policies {
  private Policies() {}

  /** 5 retries, exponential from 500 ms, a DLQ, 150 rps: EventBridge age 60 s. */
  public static RetryPolicy seed() {
    return PolicyJson.read("{\"max_retries\": 5, \"backoff_strategy\": \"exponential\","
        + " \"base_delay_ms\": 500, \"max_delay_ms\": 60000,"
        + " \"jitter\": {\"mode\": \"proportional\", \"factor\": 0.1},"
        + " \"dead_letter_queue_arn\": \"arn:aws:sqs:us-east-1:123456789012:eventbridge-dlq\","
        + " \"destination_rate_limit_rps\": 150.0, \"storage_availability_class\": \"standard\"}");
  }

  /** 2 retries, no DLQ: too few for a 20 s outage. */
  public static RetryPolicy aggressive() {
    return PolicyJson.read("{\"max_retries\": 2, \"backoff_strategy\": \"exponential\","
        + " \"base_delay_ms\": 100, \"max_delay_ms\": 200, \"jitter\": {\"mode\": \"none\"},"
        + " \"destination_rate_limit_rps\": 150.0, \"storage_availability_class\": \"standard\"}");
  }
}
