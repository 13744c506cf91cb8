package dev.jasyncio.net;

import dev.jasyncio.Async;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The {@link StreamWriter} of the stream API: writes go straight to the transport; drain waits on
 * the {@link StreamProtocol}'s flow control.
 */
final class TransportStreamWriter implements StreamWriter {
    /** Replaced by startTls. */
    private Transport transport;
    private final StreamProtocol protocol;
    /** The reader of the same connection, whose error drain() reports first; may be null. */
    private final BufferedStreamReader reader;

    TransportStreamWriter(Transport transport, StreamProtocol protocol, BufferedStreamReader reader) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
    }

    @Override
    public void write(byte[] data) {
        transport.write(data);
    }

    @Override
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    @Override
    public void writelines(Iterable<byte[]> data) {
        transport.writelines(data);
    }

    @Override
    public void drain() throws IOException {
        if (reader != null) {
            Throwable e = reader.exception();
            if (e != null) {
                throw StreamProtocol.asIOException(e);
            }
        }
        if (transport.isClosing()) {
            // Give connectionLost a chance to run, so that the wait below sees a lost connection
            // instead of waiting for a resume that will never come.
            Async.sleep(Duration.ZERO);
        }
        protocol.drainHelper();
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public void waitClosed() throws IOException {
        protocol.waitClosed();
    }

    @Override
    public boolean isClosing() {
        return transport.isClosing();
    }

    @Override
    public void writeEof() {
        transport.writeEof();
    }

    @Override
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    @Override
    public void startTls(javax.net.ssl.SSLContext context, String serverHostname) throws IOException {
        drain();
        boolean serverSide = protocol.isServerSide();
        Transport upgraded = Net.startTls(transport, protocol, context, serverSide, serverHostname);
        transport = upgraded;
        protocol.replaceTransport(upgraded);
    }

    @Override
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "StreamWriter[" + transport + "]";
    }
}
