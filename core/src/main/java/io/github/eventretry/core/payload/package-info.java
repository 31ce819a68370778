/**
 * The payloads a policy becomes: the block Genesys Cloud keeps in an integration's configuration, the
 * tutorial's integration shape, and the target retry policy and dead-letter queue of AWS EventBridge.
 * Payloads are JSON text (no JSON library type appears here); the classes are immutable or stateless
 * and thread-safe.
 */
package io.github.eventretry.core.payload;
