package dev.jasyncio.net;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.gen.AsyncIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The {@link StreamReader} of the stream API: a {@link ByteQueue} fed by the protocol, and at most
 * one waiting read.
 */
final class BufferedStreamReader implements StreamReader {
    /*
     * Overview (asyncio's StreamReader): feedData appends and wakes the waiter; reads take from
     * the head of the buffer or wait for more. Flow control: once the buffer holds more than
     * 2 × limit, reading from the transport is paused; a read that brings it to limit or below
     * (or that has to wait) resumes it.
     *
     * Invariants: (1) waiter != null only while a read is suspended on it; (2) paused implies
     * transport != null; (3) after eof, nothing is appended.
     *
     * Threading: loop thread only (the protocol callbacks and the reading task).
     */

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    private final int limit;
    private final ByteQueue buffer = new ByteQueue();
    private boolean eof;
    /** Completed (with null) when data, the end or an error arrives. */
    private Future<Void> waiter;
    private Throwable exception;
    /** Whose reading is paused while the buffer is full; null when fed by hand. */
    private Transport transport;
    private boolean paused;

    BufferedStreamReader(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Limit cannot be <= 0, was " + limit);
        }
        this.limit = limit;
    }

    void setTransport(Transport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        this.transport = transport;
    }

    /** After startTls: pause and resume the new transport (the old one is paused no more). */
    void replaceTransport(Transport upgraded) {
        transport = upgraded;
        paused = false;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public Throwable exception() {
        return exception;
    }

    @Override
    public void setException(Throwable error) {
        exception = error;
        wakeWaiter();
    }

    @Override
    public void feedEof() {
        eof = true;
        wakeWaiter();
    }

    @Override
    public boolean atEof() {
        return eof && buffer.isEmpty();
    }

    @Override
    public void feedData(byte[] data) {
        feed(data, false);
    }

    /** Feeds {@code data}, which the caller gives up (a protocol's own array): the reader may keep it. */
    void feedOwnedData(byte[] data) {
        feed(data, true);
    }

    private void feed(byte[] data, boolean owned) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        if (data.length == 0) {
            return;
        }
        if (owned) {
            buffer.appendOwned(data);
        } else {
            buffer.append(data, 0, data.length);
        }
        wakeWaiter();
        if (transport != null && !paused && buffer.size() > 2L * limit) {
            try {
                transport.pauseReading();
                paused = true;
            } catch (UnsupportedOperationException cannotPause) {
                // A transport that cannot pause: let the buffer grow, as asyncio does.
                transport = null;
            }
        }
    }

    private void wakeWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    private void maybeResumeTransport() {
        if (paused && buffer.size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /** Suspends the current task until data, the end or an error arrives. */
    private void waitForData(String operation) {
        if (waiter != null) {
            throw new IllegalStateException(operation
                + "() called while another task is already waiting for incoming data on this reader");
        }
        if (eof) {
            throw new IllegalStateException(operation + "(): waiting for data after the end of the stream");
        }
        // Waiting with a paused transport would deadlock: the data is held back by the pause.
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        EventLoop loop = Async.getRunningLoop();
        Future<Void> w = loop.createFuture();
        waiter = w;
        try {
            Async.await(w);
        } finally {
            if (waiter == w) {
                waiter = null;
            }
        }
    }

    private void throwIfFailed() throws IOException {
        Throwable e = exception;
        if (e == null) {
            return;
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IOException(e);
    }

    @Override
    public byte[] read(int n) throws IOException {
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        if (n < 0) {
            // Block by block, so that a peer sending more than the limit never stalls on the pause.
            List<byte[]> blocks = new ArrayList<>();
            long total = 0;
            while (true) {
                byte[] block = read(limit);
                if (block.length == 0) {
                    break;
                }
                blocks.add(block);
                total += block.length;
            }
            return concat(blocks, total);
        }
        if (buffer.isEmpty() && !eof) {
            waitForData("read");
            throwIfFailed();
        }
        byte[] data = buffer.take(Math.min(n, buffer.size()));
        maybeResumeTransport();
        return data;
    }

    private static byte[] concat(List<byte[]> blocks, long total) {
        if (blocks.size() == 1) {
            return blocks.get(0);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("read(): the stream holds more than 2 GiB");
        }
        byte[] all = new byte[(int) total];
        int at = 0;
        for (byte[] b : blocks) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }

    @Override
    public byte[] readline() throws IOException {
        try {
            return readuntil(NEWLINE);
        } catch (IncompleteReadException e) {
            return e.partial();
        } catch (LimitOverrunException e) {
            int consumed = (int) e.consumed();
            if (buffer.startsWith(NEWLINE, consumed)) {
                buffer.discard(consumed + NEWLINE.length);
            } else {
                buffer.clear();
            }
            maybeResumeTransport();
            throw e;
        }
    }

    @Override
    public byte[] readexactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero: " + n);
        }
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        while (buffer.size() < n) {
            if (eof) {
                throw new IncompleteReadException(buffer.takeAll(), n);
            }
            waitForData("readexactly");
            throwIfFailed();
        }
        byte[] data = buffer.take(n);
        maybeResumeTransport();
        return data;
    }

    @Override
    public byte[] readuntil(byte[] separator) throws IOException {
        return readuntil(List.of(separator));
    }

    @Override
    public byte[] readuntil(List<byte[]> separators) throws IOException {
        if (separators.isEmpty()) {
            throw new IllegalArgumentException("Separator should contain at least one element");
        }
        List<byte[]> seps = new ArrayList<>(separators);
        seps.sort(Comparator.comparingInt(s -> s.length));
        int minLength = seps.get(0).length;
        int maxLength = seps.get(seps.size() - 1).length;
        if (minLength == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        throwIfFailed();
        // `offset`: how many bytes from the head are known to hold no separator.
        int offset = 0;
        int matchStart;
        int matchEnd;
        while (true) {
            int size = buffer.size();
            if (size - offset >= minLength) {
                matchStart = -1;
                matchEnd = -1;
                for (byte[] sep : seps) {
                    int at = buffer.indexOf(sep, offset);
                    if (at >= 0 && (matchEnd < 0 || at + sep.length < matchEnd)) {
                        matchStart = at;
                        matchEnd = at + sep.length;
                    }
                }
                if (matchEnd >= 0) {
                    break;
                }
                offset = Math.max(0, size + 1 - maxLength);
                if (offset > limit) {
                    throw new LimitOverrunException("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            // A complete chunk may be buffered even after the end: look before giving up.
            if (eof) {
                throw new IncompleteReadException(buffer.takeAll(), -1);
            }
            waitForData("readuntil");
            throwIfFailed();
        }
        if (matchStart > limit) {
            throw new LimitOverrunException("Separator is found, but chunk is longer than limit", matchStart);
        }
        byte[] chunk = buffer.take(matchEnd);
        maybeResumeTransport();
        return chunk;
    }

    @Override
    public AsyncIterator<byte[]> iterator() {
        return new Lines();
    }

    /** The lines of the stream: readline() until it returns nothing. */
    private final class Lines implements AsyncIterator<byte[]> {
        private byte[] next;
        private boolean ended;

        @Override
        public boolean hasNext() {
            if (next == null && !ended) {
                try {
                    byte[] line = readline();
                    if (line.length == 0) {
                        ended = true;
                    } else {
                        next = line;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return next != null;
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the stream has ended");
            }
            byte[] line = next;
            next = null;
            return line;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StreamReader[");
        if (!buffer.isEmpty()) {
            sb.append(buffer.size()).append(" bytes");
        }
        if (eof) {
            sb.append(sb.length() > 13 ? ", " : "").append("eof");
        }
        if (limit != DEFAULT_LIMIT) {
            sb.append(sb.length() > 13 ? ", " : "").append("limit=").append(limit);
        }
        if (waiter != null) {
            sb.append(sb.length() > 13 ? ", " : "").append("waiter");
        }
        if (exception != null) {
            sb.append(sb.length() > 13 ? ", " : "").append("exception=").append(exception);
        }
        if (paused) {
            sb.append(sb.length() > 13 ? ", " : "").append("paused");
        }
        return sb.append(']').toString();
    }
}
