package dev.jasyncio.net;

import dev.jasyncio.Future;
import dev.jasyncio.spi.NetworkBackend;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The file of a listening Unix socket: a stale one is removed before binding, and the server
 * removes its own when it stops listening, unless another file has replaced it meanwhile.
 */
final class UnixSocketFile {
    /** {@code S_IFMT} and {@code S_IFSOCK} of {@code stat(2)}'s mode. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private UnixSocketFile() {}

    /**
     * Removes a socket file at {@code path} (nobody can listen on it once we bind there); refuses
     * any other kind of file, which is never removed.
     *
     * @throws BindException if a file that is not a socket is at {@code path}
     */
    static void removeStale(Path path) throws IOException {
        boolean socket;
        try {
            socket = isSocket(path);
        } catch (NoSuchFileException nothingThere) {
            return;
        }
        if (!socket) {
            throw new BindException("cannot listen on " + path + ": a file that is not a socket is in the way"
                + " (only a stale socket file is removed): remove it or choose another path");
        }
        Files.deleteIfExists(path);
    }

    private static boolean isSocket(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return (mode & S_IFMT) == S_IFSOCK;
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            // Neither regular file, directory nor link: on such a system, take it for a socket.
            return Files.readAttributes(path, BasicFileAttributes.class).isOther();
        }
    }

    /** The identity (device and inode) of the file at {@code path}, or null if there is none. */
    static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    /**
     * {@code listener}, just bound at {@code path}, made to remove the socket file when it
     * closes if the file is still the one it bound.
     */
    static NetworkBackend.Listener removedOnClose(NetworkBackend.Listener listener, Path path) {
        return new Owner(listener, path, fileKey(path));
    }

    /**
     * Gives up the cancelled listen {@code binding} at {@code path}: closes the listener if it
     * was made all the same (the cancel came too late to stop it), and removes the socket file
     * if it is still {@code bound}, the one the backend bound. A listen that failed bound
     * nothing: the file there, if any, is someone else's.
     */
    static void abandon(Future<NetworkBackend.Listener> binding, Path path, Object bound) {
        if (binding.isDone() && !binding.isCancelled()) {
            if (binding.exception() != null) {
                return;
            }
            binding.result().close();
        }
        removeIfStill(path, bound);
    }

    /** Removes the file at {@code path} if its identity is {@code key}; a null key (unknown) leaves it alone. */
    private static void removeIfStill(Path path, Object key) {
        if (key != null && Objects.equals(key, fileKey(path))) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                System.getLogger("dev.jasyncio.net").log(System.Logger.Level.DEBUG,
                    "could not remove the socket file {0}", path, e);
            }
        }
    }

    /** A listener that removes its own socket file on close. */
    private static final class Owner implements NetworkBackend.Listener {
        private final NetworkBackend.Listener listener;
        private final Path path;
        /** The bound file's identity; null if it could not be read (then it is left alone). */
        private final Object key;

        Owner(NetworkBackend.Listener listener, Path path, Object key) {
            this.listener = listener;
            this.path = path;
            this.key = key;
        }

        @Override
        public SocketAddress localAddress() {
            return listener.localAddress();
        }

        @Override
        public void startAccepting() {
            listener.startAccepting();
        }

        @Override
        public void close() {
            listener.close();
            removeIfStill(path, key);
        }
    }
}
