/**
 * eventretry simulator: delay schedules and jitter draws, retry-storm simulation (Monte Carlo,
 * analytic, closed loop against a rate-limited destination), findings, and an SVG chart. Pure and
 * deterministic: no I/O, no clock, every random draw from a generator the caller passes or seeds.
 *
 * <p>{@code io.github.eventretry.simulator.testing} holds jqwik arbitraries for users' own property
 * tests; jqwik is an optional dependency, needed only by that package.
 */
module io.github.eventretry.simulator {
  requires transitive io.github.eventretry.core;
  // StormResult.toJson writes with Jackson behind the API (internal.ResultJson); core no longer
  // passes Jackson on, and no Jackson type is in this module's API, so it is not transitive.
  requires com.fasterxml.jackson.databind;
  requires static net.jqwik.api;

  exports io.github.eventretry.simulator;
  exports io.github.eventretry.simulator.testing;
}
