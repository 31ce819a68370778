package io.github.eventretry.simulator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.eventretry.core.PolicyJson;
import io.github.eventretry.core.PolicyValidationException;
import io.github.eventretry.core.RetryPolicy;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What the arbitraries promise, and the example property of docs/simulator.md. */
class PolicyArbitrariesProperties {

  @Property
  void everyValidPolicyRoundTrips(@ForAll("policies") RetryPolicy policy) {
    assertThat(PolicyJson.read(PolicyJson.write(policy))).isEqualTo(policy);
  }

  @Provide
  Arbitrary<RetryPolicy> policies() {
    return PolicyArbitraries.validPolicies();
  }

  @Property
  void brokenPoliciesAreRejectedAtTheBrokenField(@ForAll("broken") BrokenPolicy broken) {
    PolicyValidationException e = catchThrowableOfType(
        PolicyValidationException.class, () -> PolicyJson.read(broken.json()));
    assertThat(e.violations()).singleElement()
        .satisfies(v -> assertThat(v.path()).isEqualTo(broken.path()));
  }

  @Provide
  Arbitrary<BrokenPolicy> broken() {
    return PolicyArbitraries.brokenInOneField();
  }
}
