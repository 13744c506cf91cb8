package dev.jasyncio.bench.peers;

import dev.jasyncio.Async;
import dev.jasyncio.net.BaseProtocol;
import dev.jasyncio.net.BufferedProtocol;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Protocol;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.StreamReader;
import dev.jasyncio.net.StreamWriter;
import dev.jasyncio.net.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * W7's Jasyncio echo servers, written as an asyncio user would write them: a {@link Protocol}
 * that writes back what it receives ({@code loop.create_server}), a {@link BufferedProtocol} that
 * receives into one buffer of its own and writes back from it (no allocation per read), or a
 * stream handler that reads up to 64 KiB, writes it and drains ({@code asyncio.start_server}).
 * The backend is the default loop's, so {@code -Djasyncio.loop} chooses it.
 */
final class JasyncioEcho {
    private JasyncioEcho() {}

    enum Api { PROTOCOL, BUFFERED, STREAMS }

    /** As asyncio's {@code reader.read(65536)}: at most this many bytes per read. */
    private static final int READ_SIZE = 64 * 1024;

    static void serve(Api api) {
        Async.run(() -> {
            Server server = switch (api) {
                case PROTOCOL -> Net.createServer(EchoProtocol::new, "127.0.0.1", 0);
                case BUFFERED -> Net.createServer(BufferedEcho::new, "127.0.0.1", 0);
                case STREAMS -> Net.startServer(JasyncioEcho::echoStreams, "127.0.0.1", 0);
            };
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

    /** What both echo protocols share: they stop reading while the peer does not take the echo. */
    private abstract static class Echo implements BaseProtocol {
        Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
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

    /** Writes back whatever arrives. */
    private static final class EchoProtocol extends Echo implements Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /**
     * Receives into one direct buffer of its own and writes each arrival back from it: the
     * transport copies what it reads into this buffer and what is written out of it, but no
     * array is allocated per read.
     */
    private static final class BufferedEcho extends Echo implements BufferedProtocol {
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(READ_SIZE);

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            return buffer.clear();
        }

        @Override
        public void bufferUpdated(int bytes) {
            transport.write(buffer.flip());
        }
    }
}
