package dev.jasyncio.process;

/**
 * A started subprocess as the protocol API returns it: the transport that controls it and the
 * protocol that receives its events.
 *
 * @param transport the process and its pipes
 * @param protocol the protocol the factory made, already connected
 * @param <P> the protocol type
 * @apiNote asyncio: the {@code (transport, protocol)} pair of {@code loop.subprocess_exec()}.
 */
public record SubprocessConnection<P extends SubprocessProtocol>(SubprocessTransport transport, P protocol) {
}
