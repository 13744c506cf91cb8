package dev.jasyncio.conformance.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A peer built on the JDK's blocking sockets, in a thread of its own, for what our transports
 * never do on purpose: reset a connection (SO_LINGER 0, then close sends an RST).
 */
final class RawPeer implements AutoCloseable {
    /** What the peer does with a connected socket. */
    @FunctionalInterface
    interface Script {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket listening;
    private final Thread thread;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private RawPeer(ServerSocket listening, Script script) {
        this.listening = listening;
        this.thread = new Thread(() -> {
            try (Socket s = listening.accept()) {
                script.run(s);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "raw-peer");
        thread.setDaemon(true);
    }

    /** Listens on 127.0.0.1 and runs {@code script} with the first connection. */
    static RawPeer serve(Script script) throws IOException {
        ServerSocket s = new ServerSocket(0, 1, loopback());
        RawPeer peer = new RawPeer(s, script);
        peer.thread.start();
        return peer;
    }

    /** Connects to 127.0.0.1:{@code port} from a thread of its own and runs {@code script} there. */
    static CompletableFuture<Void> connect(int port, Script script) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(loopback(), port), 5_000);
                script.run(s);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "raw-client");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** Sends an RST: closes {@code s} with a zero linger time. */
    static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    }

    int port() {
        return listening.getLocalPort();
    }

    /** Waits (from a thread that is not a loop's) for the script to end, and rethrows its failure. */
    void await() throws Exception {
        done.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        listening.close();
    }
}
