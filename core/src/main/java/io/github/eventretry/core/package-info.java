/**
 * The retry-policy model: {@link io.github.eventretry.core.RetryPolicy} and the values it is made of,
 * {@link io.github.eventretry.core.PolicyJson} for its JSON form, and
 * {@link io.github.eventretry.core.PolicyFingerprint}, the stable name of a policy.
 *
 * <p>Every type in this package is immutable and safe to share between threads unless its
 * documentation says otherwise. No method accepts or returns {@code null}.
 */
package io.github.eventretry.core;
