package dev.jasyncio.net;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.spi.NetworkBackend;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * UDP on the running loop: endpoints that send and receive datagrams through a
 * {@link DatagramProtocol}. Call it inside a task; host names are resolved on the loop's default
 * executor, never on the loop thread.
 *
 * {@snippet :
 * DatagramEndpoint<Echo> server = Datagrams.createDatagramEndpoint(Echo::new, DatagramOptions.local("127.0.0.1", 9999));
 * DatagramEndpoint<Client> client = Datagrams.createDatagramEndpoint(Client::new, DatagramOptions.remote("127.0.0.1", 9999));
 * client.transport().sendto("ping".getBytes(StandardCharsets.US_ASCII));
 * }
 *
 * <p>The loop must come from a backend that does network I/O ({@code nio}, {@code epoll}).
 *
 * @apiNote asyncio: {@code loop.create_datagram_endpoint}, as a static method on the running loop
 *     (a sibling of {@link Net}, which holds the TCP methods).
 */
public final class Datagrams {
    private Datagrams() {}

    /**
     * Opens a UDP endpoint as {@code options} say: bound to its local address (if any),
     * connected to its remote address (if any). Both are resolved first; with both, each local
     * address is paired with each remote one of the same family and the pairs are tried in turn.
     * Once the socket is ready, takes one protocol from the factory, calls its
     * {@link DatagramProtocol#connectionMade}, starts receiving, and returns.
     *
     * @throws IllegalArgumentException if {@code options} have neither a local nor a remote
     *     address, or no local address has the family of a remote one
     * @throws java.net.UnknownHostException if a host cannot be resolved
     * @throws java.net.BindException if the local address cannot be bound
     * @throws IOException for any other failure to open the socket (one per pair tried, the
     *     others suppressed, when they differ)
     * @throws UnsupportedOperationException if the running loop has no network I/O
     * @throws IllegalStateException outside a task
     * @apiNote asyncio: {@code loop.create_datagram_endpoint(protocol_factory, local_addr=...,
     *     remote_addr=..., reuse_port=..., allow_broadcast=...)}.
     */
    public static <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(Supplier<P> protocolFactory,
            DatagramOptions options) throws IOException {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        if (options.localHost() == null && options.remoteHost() == null) {
            throw new IllegalArgumentException("createDatagramEndpoint needs a local address, a remote address or both:"
                + " use DatagramOptions.local(host, port) or DatagramOptions.remote(host, port)");
        }
        EventLoop loop = Async.getRunningLoop();
        NetworkBackend backend = Net.backend(loop);
        List<InetSocketAddress[]> pairs = pairs(options);
        List<IOException> errors = new ArrayList<>();
        for (InetSocketAddress[] pair : pairs) {
            List<P> made = new ArrayList<>(1);
            Future<DatagramTransport> attempt = backend.openDatagram(pair[0], pair[1], options, () -> {
                P p = Objects.requireNonNull(protocolFactory.get(), "the protocol factory returned null");
                made.add(p);
                return p;
            });
            try {
                DatagramTransport transport = Net.awaitIo(attempt);
                return new DatagramEndpoint<>(transport, made.get(0));
            } catch (IOException e) {
                errors.add(e);
            }
        }
        throw Net.combined(errors);
    }

    /** The (local, remote) pairs to try, either possibly null, in asyncio's order. */
    private static List<InetSocketAddress[]> pairs(DatagramOptions options) throws IOException {
        List<InetSocketAddress> locals = options.localHost() == null ? null : Net.resolve(options.localHost(), options.localPort());
        List<InetSocketAddress> remotes = options.remoteHost() == null ? null
            : Net.resolve(options.remoteHost(), options.remotePort());
        List<InetSocketAddress[]> pairs = new ArrayList<>();
        if (locals == null) {
            remotes.forEach(r -> pairs.add(new InetSocketAddress[] {null, r}));
        } else if (remotes == null) {
            locals.forEach(l -> pairs.add(new InetSocketAddress[] {l, null}));
        } else {
            for (InetSocketAddress l : locals) {
                for (InetSocketAddress r : remotes) {
                    if (isIpv4(l) == isIpv4(r)) {
                        pairs.add(new InetSocketAddress[] {l, r});
                    }
                }
            }
            if (pairs.isEmpty()) {
                throw new IllegalArgumentException("no local address of the same family (IPv4 or IPv6) as a remote one: local "
                    + locals + ", remote " + remotes);
            }
        }
        return pairs;
    }

    private static boolean isIpv4(InetSocketAddress a) {
        return a.getAddress() instanceof Inet4Address;
    }
}
