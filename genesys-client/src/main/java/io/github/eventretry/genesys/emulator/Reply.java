package io.github.eventretry.genesys.emulator;

/**
 * What the emulator plays for one request: a {@link Response} (Genesys's normal answer, possibly
 * changed, or one of a test's own) or a {@link Fault}. {@link GenesysCloudEmulator#enqueue} queues
 * them; a {@link Dispatcher} returns them.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface Reply permits Response, Fault {}
