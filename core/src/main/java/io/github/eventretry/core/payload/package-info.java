/**
 * The payloads a policy becomes: the block Genesys Cloud keeps in an integration's configuration, the
 * tutorial's integration shape, and the target retry policy and dead-letter queue of AWS EventBridge.
 * Every method returns a new JSON tree that the caller owns; the classes are stateless and thread-safe.
 */
package io.github.eventretry.core.payload;
