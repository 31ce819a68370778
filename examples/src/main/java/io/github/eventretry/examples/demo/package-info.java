/**
 * The end-to-end demo: the tutorial's whole flow against the embedded Genesys Cloud emulator and a
 * loopback telemetry collector.
 */
package io.github.eventretry.examples.demo;
