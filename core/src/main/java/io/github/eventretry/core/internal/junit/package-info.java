/**
 * The lifecycle both emulators' JUnit Jupiter extensions share. Not part of eventretry's API: exported
 * to eventretry's emulator modules only; JUnit is an optional dependency of core, needed only here.
 */
package io.github.eventretry.core.internal.junit;
