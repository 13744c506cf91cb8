package dev.jasyncio.examples;

import dev.jasyncio.Async;
import dev.jasyncio.Task;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.StreamReader;
import dev.jasyncio.net.StreamWriter;
import dev.jasyncio.queue.Queue;
import dev.jasyncio.queue.QueueFullException;
import dev.jasyncio.queue.QueueShutDownException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line chat over the stream API: every line a client sends goes to all the other clients as
 * {@code name: line}, and everyone hears {@code * name joined} and {@code * name left}. A new
 * client is greeted with {@code welcome, name}.
 *
 * <p><b>Slow clients do not hold the others up.</b> Each client has an outbox (a bounded
 * {@link Queue}) drained by a task of its own, which writes and awaits {@code drain()}; a
 * broadcast only puts the line in each outbox, without waiting, then lets the senders run. A
 * client that stays paused (it does not read) while its outbox fills up ({@link #DEFAULT_BACKLOG}
 * lines, on top of the 64 KiB its transport buffers and what the sockets hold) is disconnected,
 * rather than silently skipped: the others then hear that it left.
 *
 * {@snippet lang=shell :
 * ./mvn25 -q package -DskipTests exec:exec -pl examples -am -Ddemo.main=dev.jasyncio.examples.ChatServer
 * # then, in several terminals: nc 127.0.0.1 8890
 * }
 */
public final class ChatServer {
    /** Lines waiting for one client before it counts as stuck and is disconnected. */
    public static final int DEFAULT_BACKLOG = 256;

    /** The clients in the order they joined. Loop thread only, like everything here. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final int backlog;
    private int joined;

    private ChatServer(int backlog) {
        this.backlog = backlog;
    }

    /** Starts a chat server on {@code host}:{@code port} (0: any free port). Inside a task. */
    public static Server start(String host, int port) throws IOException {
        return start(host, port, DEFAULT_BACKLOG);
    }

    /** Starts a chat server whose clients may fall {@code backlog} lines behind before they are disconnected. Inside a task. */
    public static Server start(String host, int port, int backlog) throws IOException {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be >= 1, was " + backlog);
        }
        ChatServer chat = new ChatServer(backlog);
        return Net.startServer(chat::serve, host, port);
    }

    /** One client: its name, its writer, and the lines waiting for it. */
    private final class Member {
        final String name;
        final StreamWriter writer;
        final Queue<byte[]> outbox = new Queue<>(backlog);

        Member(String name, StreamWriter writer) {
            this.name = name;
            this.writer = writer;
        }

        /** The member's own task: writes what arrives in the outbox, at the pace the client reads. */
        void sendAll() {
            try {
                while (true) {
                    writer.write(outbox.get());
                    writer.drain();
                }
            } catch (QueueShutDownException left) {
                // Left, or disconnected: what was queued before a normal leave has been written.
            } catch (IOException lost) {
                // The connection is gone; its reader ends too, and the member leaves.
            } finally {
                writer.close();
            }
        }
    }

    /** The task of one connection: join, relay its lines, leave. */
    private void serve(StreamReader reader, StreamWriter writer) {
        Member me = new Member("guest" + ++joined, writer);
        me.outbox.putNowait(ascii("welcome, " + me.name + "\n"));
        Task<Void> sending = Async.createTask(() -> {
            me.sendAll();
            return null;
        }, "chat-send-" + me.name);
        broadcast(me, "* " + me.name + " joined\n");
        members.put(me.name, me);
        try {
            for (byte[] line : reader) {
                String text = new String(line, StandardCharsets.UTF_8);
                broadcast(me, me.name + ": " + (text.endsWith("\n") ? text : text + "\n"));
                // Let the senders take this line before the next: lines that arrived in one burst
                // must not fill the outbox of a client that reads as fast as it can.
                Async.sleep(Duration.ZERO);
            }
        } catch (UncheckedIOException reset) {
            // The client vanished (a reset): it leaves like any other.
        } finally {
            if (members.remove(me.name) != null) {
                broadcast(me, "* " + me.name + " left\n");
            }
            me.outbox.shutdown();
            Async.await(sending);
        }
    }

    /** Puts {@code text} in the outbox of everyone but {@code from}; disconnects whoever has no room left. */
    private void broadcast(Member from, String text) {
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        List<Member> stuck = new ArrayList<>();
        for (Member m : members.values()) {
            if (m == from) {
                continue;
            }
            try {
                m.outbox.putNowait(line);
            } catch (QueueFullException full) {
                stuck.add(m);
            }
        }
        for (Member m : stuck) {
            disconnect(m);
        }
    }

    /** A client that stays behind: drop what it has not been sent and close its connection at once. */
    private void disconnect(Member m) {
        if (members.remove(m.name) == null) {
            return;
        }
        m.outbox.shutdown(true);
        m.writer.transport().abort();
        broadcast(m, "* " + m.name + " left (too slow)\n");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Serves on 127.0.0.1:8890 (or the port given) until killed. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8890;
        Async.run(() -> {
            Server server = start("127.0.0.1", port);
            System.out.println("chat on " + server.sockets() + " (Ctrl-C to stop): nc 127.0.0.1 " + port);
            server.serveForever();
            return null;
        });
    }
}
