/**
 * The hash-chained audit log: {@link io.github.eventretry.state.audit.AuditRecord}s appended to a
 * {@link io.github.eventretry.state.audit.FileAuditLog} (or an
 * {@link io.github.eventretry.state.audit.InMemoryAuditLog}) and verified record by record, and against
 * what the deployment state expects ({@link io.github.eventretry.state.audit.AuditExpectation}), so a
 * cut or emptied log is found with no key.
 */
package io.github.eventretry.state.audit;
