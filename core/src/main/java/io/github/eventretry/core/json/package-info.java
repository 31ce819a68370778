/**
 * eventretry's JSON machinery for its own modules only (a qualified export, not API): RFC 8785 JSON
 * Canonicalization Scheme (JCS) for the policy fingerprint and the audit log's hash chain, the policy's
 * JSON trees, and the Genesys configuration block as a tree. Public Java types here may change in any
 * release; applications use {@link io.github.eventretry.core.PolicyJson} and
 * {@link io.github.eventretry.core.payload.GenesysPayloads}, whose signatures carry no Jackson type.
 */
package io.github.eventretry.core.json;
