package dev.jasyncio.bench.peers;

import dev.jasyncio.Async;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Protocol;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.StreamReader;
import dev.jasyncio.net.StreamWriter;
import dev.jasyncio.net.Transport;
import java.io.IOException;

/**
 * W7's Jasyncio echo servers, written as an asyncio user would write them: a {@link Protocol}
 * that writes back what it receives ({@code loop.create_server}), or a stream handler that reads
 * up to 64 KiB, writes it and drains ({@code asyncio.start_server}). The backend is the default
 * loop's, so {@code -Djasyncio.loop} chooses it.
 */
final class JasyncioEcho {
    private JasyncioEcho() {}

    enum Api { PROTOCOL, STREAMS }

    /** As asyncio's {@code reader.read(65536)}: at most this many bytes per read. */
    private static final int READ_SIZE = 64 * 1024;

    static void serve(Api api) {
        Async.run(() -> {
            Server server = api == Api.PROTOCOL
                ? Net.createServer(EchoProtocol::new, "127.0.0.1", 0)
                : Net.startServer(JasyncioEcho::echoStreams, "127.0.0.1", 0);
            EchoServer.announce(server.sockets().get(0).getPort(),
                "jasyncio " + api.name().toLowerCase(java.util.Locale.ROOT) + " on the " + Async.getRunningLoop().providerName() + " loop");
            server.serveForever();
            return null;
        });
    }

    /** Echoes until the client's EOF; a client that resets the connection just ends it. */
    private static void echoStreams(StreamReader reader, StreamWriter writer) {
        try {
            for (byte[] data = reader.read(READ_SIZE); data.length > 0; data = reader.read(READ_SIZE)) {
                writer.write(data);
                writer.drain();
            }
        } catch (IOException clientGone) {
            // as asyncio's handler catching ConnectionError: nothing to answer
        } finally {
            writer.close();
        }
    }

    /** Writes back whatever arrives; stops reading while the peer does not take the echo. */
    private static final class EchoProtocol implements Protocol {
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
            transport.pauseReading();
        }

        @Override
        public void resumeWriting() {
            transport.resumeReading();
        }
    }
}
