package dev.jasyncio.net;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Objects;

/** The checks of {@link Net#sendfile} before the transport takes over. */
final class FileSending {
    private FileSending() {}

    static long send(Transport transport, FileChannel file, long offset, long count, boolean fallback) throws IOException {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(file, "file");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be a non-negative integer (got " + offset + ")");
        }
        if (count <= 0) {
            throw new IllegalArgumentException("count must be a positive integer (got " + count + ")");
        }
        if (!file.isOpen()) {
            throw new IllegalArgumentException("file is closed: " + file);
        }
        if (transport.isClosing()) {
            throw new IllegalStateException("Transport is closing: " + transport);
        }
        return transport.sendfile(file, offset, count, fallback);
    }
}
