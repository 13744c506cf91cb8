package dev.jasyncio.net;

import java.util.Objects;

/**
 * What {@link Net#createConnection} returns: the transport of the new connection and the
 * protocol the factory made for it (whose {@link BaseProtocol#connectionMade} has run).
 *
 * @param transport the connection's transport
 * @param protocol the protocol the factory made
 * @param <P> the protocol type
 * @apiNote asyncio: the {@code (transport, protocol)} pair of {@code loop.create_connection()}.
 */
public record Connection<P extends BaseProtocol>(Transport transport, P protocol) {
    /** Checks that both are given. */
    public Connection {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
    }
}
