package io.github.eventretry.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.PolicyValidationException;
import io.github.eventretry.core.Violation;
import org.junit.jupiter.api.Test;

/**
 * A host that brings its own Expression Language implementation (here Eclipse Expressly, on this
 * module's test class path; core's own tests run without one) gets the same validation: eventretry
 * interpolates its messages without EL, and a value that looks like an EL expression is never
 * evaluated.
 */
class ValidationWithExpressionLanguageTest {
  @Test
  void expressionLanguageOnTheClassPathChangesNothing() throws Exception {
    assertThat(Class.forName("org.glassfish.expressly.ExpressionFactoryImpl")).isNotNull();
    PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class, () ->
        PolicyJson.read("{\"max_retries\": 0, \"backoff_strategy\": \"${1+1}\","
            + " \"base_delay_ms\": 500, \"max_delay_ms\": 500,"
            + " \"dead_letter_queue_arn\": \"arn:aws:sqs:us-east-1:123456789012:#{2*3}\","
            + " \"destination_rate_limit_rps\": 1, \"storage_availability_class\": \"standard\"}"));
    assertThat(e.violations()).extracting(Violation::toString).containsExactly(
        "$.max_retries: must be between 1 and 10 (rejected: 0)",
        "$.backoff_strategy: must be one of: exponential, linear (rejected: \"${1+1}\")",
        "$.dead_letter_queue_arn: must be an SQS queue ARN: arn:<partition>:sqs:<region>:<12-digit"
            + " account>:<queue name of 1-80 letters, digits, '-' or '_'>"
            + " (rejected: \"arn:aws:sqs:us-east-1:123456789012:#{2*3}\")");
  }
}
