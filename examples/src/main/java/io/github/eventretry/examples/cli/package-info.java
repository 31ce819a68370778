/**
 * The {@code eventretry} command line. Exit codes: 0 success, 1 the operation ran and failed, 2 bad
 * input or usage. Results go to standard output, progress and errors to standard error, one line each;
 * never a stack trace (set {@code EVENTRETRY_DEBUG=1} to get one).
 */
package io.github.eventretry.examples.cli;
