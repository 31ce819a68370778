/**
 * Delay schedules ({@link io.github.eventretry.simulator.DelaySchedule}), retry storms
 * ({@link io.github.eventretry.simulator.RetryStorm}) with their results and findings, and the chart
 * ({@link io.github.eventretry.simulator.StormChart}). Every type here is pure: the same inputs and
 * seed give the same output on every JVM.
 */
package io.github.eventretry.simulator;
