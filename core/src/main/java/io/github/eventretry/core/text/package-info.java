/**
 * Text helpers eventretry's own modules share (exported to them only, not API): escaping of values
 * echoed to a terminal or a log.
 */
package io.github.eventretry.core.text;
