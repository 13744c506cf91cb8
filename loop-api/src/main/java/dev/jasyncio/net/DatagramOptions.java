package dev.jasyncio.net;

import java.util.Objects;

/**
 * Where and how {@link Datagrams#createDatagramEndpoint} opens a UDP endpoint: immutable; each
 * setter returns a modified copy. At least one of the local and the remote address must be set.
 *
 * {@snippet :
 * DatagramOptions server = DatagramOptions.local("127.0.0.1", 9999);
 * DatagramOptions client = DatagramOptions.remote("127.0.0.1", 9999);
 * }
 *
 * @apiNote asyncio: the arguments of {@code loop.create_datagram_endpoint()}: {@code local_addr},
 *     {@code remote_addr}, {@code reuse_port}, {@code allow_broadcast}. There is no
 *     {@code reuse_address}, which asyncio refuses for UDP since 3.11 (SO_REUSEADDR would let
 *     another process steal the datagrams).
 */
public final class DatagramOptions {
    private final String localHost;
    private final int localPort;
    private final String remoteHost;
    private final int remotePort;
    private final boolean reusePort;
    private final boolean allowBroadcast;

    private DatagramOptions(String localHost, int localPort, String remoteHost, int remotePort, boolean reusePort,
            boolean allowBroadcast) {
        this.localHost = localHost;
        this.localPort = localPort;
        this.remoteHost = remoteHost;
        this.remotePort = remotePort;
        this.reusePort = reusePort;
        this.allowBroadcast = allowBroadcast;
    }

    /**
     * An endpoint bound to {@code host}:{@code port} (port 0: a free port), not connected: it
     * receives from anyone and sends with an explicit address.
     *
     * @throws IllegalArgumentException if the port is out of range
     * @apiNote asyncio: {@code local_addr=(host, port)}.
     */
    public static DatagramOptions local(String host, int port) {
        return new DatagramOptions(Objects.requireNonNull(host, "host"), port(port), null, 0, false, false);
    }

    /**
     * An endpoint connected to {@code host}:{@code port}, bound to a free local port: it sends
     * there without an address and receives from there only.
     *
     * @throws IllegalArgumentException if the port is out of range
     * @apiNote asyncio: {@code remote_addr=(host, port)}.
     */
    public static DatagramOptions remote(String host, int port) {
        return new DatagramOptions(null, 0, Objects.requireNonNull(host, "host"), port(port), false, false);
    }

    /**
     * Also bind to {@code host}:{@code port}.
     *
     * @apiNote asyncio: {@code local_addr=(host, port)}.
     */
    public DatagramOptions localAddress(String host, int port) {
        return new DatagramOptions(Objects.requireNonNull(host, "host"), port(port), remoteHost, remotePort, reusePort,
            allowBroadcast);
    }

    /**
     * Also connect to {@code host}:{@code port}.
     *
     * @apiNote asyncio: {@code remote_addr=(host, port)}.
     */
    public DatagramOptions remoteAddress(String host, int port) {
        return new DatagramOptions(localHost, localPort, Objects.requireNonNull(host, "host"), port(port), reusePort,
            allowBroadcast);
    }

    /**
     * SO_REUSEPORT: several sockets (of this or other processes) bind the same address and the
     * kernel spreads the datagrams over them.
     *
     * @apiNote asyncio: {@code reuse_port}.
     */
    public DatagramOptions reusePort(boolean on) {
        return new DatagramOptions(localHost, localPort, remoteHost, remotePort, on, allowBroadcast);
    }

    /**
     * SO_BROADCAST: allow sending to broadcast addresses.
     *
     * @apiNote asyncio: {@code allow_broadcast}.
     */
    public DatagramOptions allowBroadcast(boolean on) {
        return new DatagramOptions(localHost, localPort, remoteHost, remotePort, reusePort, on);
    }

    /** The local host to bind to, or null to bind to a free port of any interface. */
    public String localHost() {
        return localHost;
    }

    /** The local port (0: a free port). */
    public int localPort() {
        return localPort;
    }

    /** The remote host to connect to, or null for an endpoint that is not connected. */
    public String remoteHost() {
        return remoteHost;
    }

    /** The remote port. */
    public int remotePort() {
        return remotePort;
    }

    /** Whether SO_REUSEPORT is set. */
    public boolean reusePort() {
        return reusePort;
    }

    /** Whether SO_BROADCAST is set. */
    public boolean allowBroadcast() {
        return allowBroadcast;
    }

    private static int port(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    @Override
    public String toString() {
        return "DatagramOptions[local=" + localHost + ":" + localPort + ", remote=" + remoteHost + ":" + remotePort
            + (reusePort ? ", reusePort" : "") + (allowBroadcast ? ", allowBroadcast" : "") + "]";
    }
}
