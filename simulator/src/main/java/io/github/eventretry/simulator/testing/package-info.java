/**
 * jqwik arbitraries for property tests of code that takes a {@link io.github.eventretry.core.RetryPolicy}:
 * {@link io.github.eventretry.simulator.testing.PolicyArbitraries}. jqwik ({@code net.jqwik:jqwik-api})
 * is an optional dependency of this module: add jqwik to your test dependencies to use this package.
 */
package io.github.eventretry.simulator.testing;
