package dev.jasyncio.examples;

import dev.jasyncio.Async;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Protocol;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Transport;
import java.io.IOException;

/**
 * Two echo servers, the two ways asyncio offers: a {@link Protocol} whose callbacks run on the
 * loop thread, and a stream handler that runs as a task per connection and awaits as it reads.
 * Run this class to serve both until Ctrl-C:
 * {@snippet lang=shell :
 * ./mvn25 -q package -DskipTests exec:exec -pl examples -am -Ddemo.main=dev.jasyncio.examples.EchoServers
 * # then: nc 127.0.0.1 8888   (protocol)   or   nc 127.0.0.1 8889   (streams)
 * }
 */
public final class EchoServers {
    private EchoServers() {}

    /** The protocol variant: writes back whatever arrives; flow control is the peer's TCP window. */
    static final class EchoProtocol implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }

        @Override
        public void pauseWriting() {
            // The peer reads slower than it writes: stop reading it until our buffer drains.
            transport.pauseReading();
        }

        @Override
        public void resumeWriting() {
            transport.resumeReading();
        }
    }

    /** Starts the protocol echo server on {@code host}:{@code port} (0: any free port). Inside a task. */
    public static Server protocolEcho(String host, int port) throws IOException {
        return Net.createServer(EchoProtocol::new, host, port);
    }

    /** Starts the stream echo server: one task per connection, line by line, with drain. Inside a task. */
    public static Server streamsEcho(String host, int port) throws IOException {
        return Net.startServer((reader, writer) -> {
            for (byte[] line : reader) {
                writer.write(line);
                writer.drain();
            }
            writer.close();
        }, host, port);
    }

    /** Serves both on 127.0.0.1 (protocol on 8888, streams on 8889, or the ports given) until interrupted. */
    public static void main(String[] args) {
        int protocolPort = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        int streamsPort = args.length > 1 ? Integer.parseInt(args[1]) : 8889;
        Async.run(() -> {
            Server protocol = protocolEcho("127.0.0.1", protocolPort);
            Server streams = streamsEcho("127.0.0.1", streamsPort);
            System.out.println("echo servers on the '" + Async.getRunningLoop().providerName() + "' loop: protocol "
                + protocol.sockets() + ", streams " + streams.sockets() + " (Ctrl-C to stop)");
            Async.await(Async.gather(Async.createTask(() -> {
                protocol.serveForever();
                return null;
            }), Async.createTask(() -> {
                streams.serveForever();
                return null;
            })));
            return null;
        });
    }
}
