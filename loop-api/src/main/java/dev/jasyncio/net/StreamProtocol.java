package dev.jasyncio.net;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Future;
import dev.jasyncio.Task;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayDeque;

/**
 * The protocol between a transport and the stream API: feeds a {@link BufferedStreamReader}, keeps
 * the write flow control that {@link StreamWriter#drain()} waits on, and, on a server, starts the
 * {@link ClientConnected} task of each connection.
 */
final class StreamProtocol implements Protocol {
    /*
     * Overview: asyncio's StreamReaderProtocol plus FlowControlMixin. The transport calls
     * pauseWriting/resumeWriting; drain() waits while paused. connectionLost ends the reader
     * (EOF or the error), wakes every drain waiter and every waitClosed waiter.
     *
     * Invariants: (1) drainWaiters and closeWaiters are empty once lost; (2) the reader gets
     * exactly one of feedEof / setException from connectionLost.
     *
     * Threading: loop thread only.
     */

    private final EventLoop loop;
    private BufferedStreamReader reader;
    private final ClientConnected clientConnected;
    private Transport transport;
    private boolean overTls;
    private boolean writingPaused;
    private boolean lost;
    /** The error the connection ended with, or null. */
    private Throwable lostError;
    private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> closeWaiters = new ArrayDeque<>();

    StreamProtocol(EventLoop loop, BufferedStreamReader reader, ClientConnected clientConnected) {
        this.loop = loop;
        this.reader = reader;
        this.clientConnected = clientConnected;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        overTls = t.getExtraInfo(Transport.SSLCONTEXT) != null;
        if (reader != null) {
            reader.setTransport(t);
        }
        if (clientConnected != null) {
            BufferedStreamReader r = reader;
            StreamWriter writer = new TransportStreamWriter(t, this, r);
            Task<Void> task = loop.createTask(() -> {
                clientConnected.handle(r, writer);
                return null;
            });
            task.addDoneCallback(f -> {
                if (!f.isCancelled() && f.exception() != null) {
                    loop.callExceptionHandler(ExceptionContext.of("Unhandled exception in client_connected_cb", f.exception())
                        .with("transport", t).with("protocol", this));
                    t.close();
                }
            });
        }
    }

    @Override
    public void connectionLost(Throwable error) {
        BufferedStreamReader r = reader;
        if (r != null) {
            if (error == null) {
                r.feedEof();
            } else {
                r.setException(error);
            }
        }
        lost = true;
        lostError = error;
        wakeAll(drainWaiters);
        wakeAll(closeWaiters);
        reader = null;
    }

    @Override
    public void dataReceived(byte[] data) {
        BufferedStreamReader r = reader;
        if (r != null) {
            r.feedOwnedData(data);
        }
    }

    @Override
    public boolean eofReceived() {
        BufferedStreamReader r = reader;
        if (r != null) {
            r.feedEof();
        }
        // Over TLS a half-closed connection is not possible: let the transport close.
        return !overTls;
    }

    @Override
    public void pauseWriting() {
        writingPaused = true;
    }

    @Override
    public void resumeWriting() {
        writingPaused = false;
        wakeAll(drainWaiters);
    }

    private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
        Future<Void> w;
        while ((w = waiters.poll()) != null) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    /** Suspends the current task while writing is paused; throws if the connection is gone. */
    void drainHelper() throws IOException {
        if (lost) {
            throw connectionLostError();
        }
        if (!writingPaused) {
            return;
        }
        Future<Void> w = loop.createFuture();
        drainWaiters.add(w);
        try {
            Async.await(w);
        } finally {
            drainWaiters.remove(w);
        }
        if (lost && lostError != null) {
            throw asIOException(lostError);
        }
    }

    /** Suspends the current task until the connection is lost; throws the error it ended with. */
    void waitClosed() throws IOException {
        if (!lost) {
            Future<Void> w = loop.createFuture();
            closeWaiters.add(w);
            try {
                Async.await(w);
            } finally {
                closeWaiters.remove(w);
            }
        }
        if (lostError != null) {
            throw asIOException(lostError);
        }
    }

    private IOException connectionLostError() {
        SocketException e = new SocketException("Connection lost");
        if (lostError != null) {
            e.initCause(lostError);
        }
        return e;
    }

    static IOException asIOException(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IOException(t);
    }

    Transport transport() {
        return transport;
    }

    /** Whether this is the protocol of a server's connection (it starts a ClientConnected task). */
    boolean isServerSide() {
        return clientConnected != null;
    }

    /** After startTls: the new transport carries the connection, over TLS. */
    void replaceTransport(Transport upgraded) {
        transport = upgraded;
        overTls = true;
        BufferedStreamReader r = reader;
        if (r != null) {
            r.replaceTransport(upgraded);
        }
    }

    @Override
    public String toString() {
        return "StreamProtocol[" + (lost ? "lost" : writingPaused ? "writing paused" : "open") + "]";
    }
}
