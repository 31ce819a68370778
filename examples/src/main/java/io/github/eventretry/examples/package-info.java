/**
 * Runnable examples of eventretry, each compiled with the project so that the snippets in the docs
 * cannot rot.
 */
package io.github.eventretry.examples;
