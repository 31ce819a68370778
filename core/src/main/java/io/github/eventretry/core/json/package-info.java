/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one byte-exact form of a JSON value, used for the policy
 * fingerprint and the audit log's hash chain.
 */
package io.github.eventretry.core.json;
