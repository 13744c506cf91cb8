package dev.jasyncio.net;

import java.util.Objects;

/**
 * What {@link Datagrams#createDatagramEndpoint} returns: the transport of the new endpoint and the
 * protocol the factory made for it (whose {@link DatagramProtocol#connectionMade} has run).
 *
 * @param transport the endpoint's transport
 * @param protocol the protocol the factory made
 * @param <P> the protocol type
 * @apiNote asyncio: the {@code (transport, protocol)} pair of {@code loop.create_datagram_endpoint()}.
 */
public record DatagramEndpoint<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {
    /** Checks that both are given. */
    public DatagramEndpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
    }
}
