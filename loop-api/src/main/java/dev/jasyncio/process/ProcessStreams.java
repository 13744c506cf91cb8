package dev.jasyncio.process;

import dev.jasyncio.net.StreamReader;
import dev.jasyncio.net.StreamWriter;
import dev.jasyncio.net.Transport;

/**
 * The protocol under a {@link Subprocess}: makes the stream of each pipe, feeds the readers, and
 * closes the transport once the process has exited and its output pipes are closed. (stdin's
 * writer keeps its own flow control, through the pipe's protocol.)
 */
final class ProcessStreams implements SubprocessProtocol {
    private final int limit;
    private SubprocessTransport transport;
    private StreamWriter stdin;
    private StreamReader stdout;
    private StreamReader stderr;
    /** Output pipes not yet closed (stdout, stderr). */
    private int openOutputs;
    private boolean exited;

    ProcessStreams(int limit) {
        this.limit = limit;
    }

    @Override
    public void connectionMade(SubprocessTransport t) {
        transport = t;
        Transport out = t.getPipeTransport(1);
        if (out != null) {
            stdout = StreamReader.create(limit, out);
            openOutputs++;
        }
        Transport err = t.getPipeTransport(2);
        if (err != null) {
            stderr = StreamReader.create(limit, err);
            openOutputs++;
        }
        Transport in = t.getPipeTransport(0);
        if (in != null) {
            stdin = StreamWriter.create(in);
        }
    }

    @Override
    public void pipeDataReceived(int fd, byte[] data) {
        StreamReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public void pipeConnectionLost(int fd, Throwable error) {
        if (fd == 0) {
            // The writer has heard of it through the pipe's protocol.
            return;
        }
        StreamReader reader = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (reader != null) {
            if (error == null) {
                reader.feedEof();
            } else {
                reader.setException(error);
            }
        }
        openOutputs--;
        maybeCloseTransport();
    }

    @Override
    public void processExited() {
        exited = true;
        maybeCloseTransport();
    }

    private void maybeCloseTransport() {
        if (openOutputs == 0 && exited && transport != null) {
            transport.close();
            transport = null;
        }
    }

    StreamWriter stdin() {
        return stdin;
    }

    StreamReader stdout() {
        return stdout;
    }

    StreamReader stderr() {
        return stderr;
    }
}
