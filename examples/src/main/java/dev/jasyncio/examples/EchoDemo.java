package dev.jasyncio.examples;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Streams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An echo server and a bounded load against it, all on one loop: starts the two echo servers of
 * {@link EchoServers} on 127.0.0.1, runs N clients that each send a line and wait for it to come
 * back, as fast as they can, for about a second per server, then prints round trips per second,
 * MiB/s and the backend, and exits.
 *
 * {@snippet lang=shell :
 * ./mvn25 -q package -DskipTests exec:exec -pl examples -am -Ddemo.main=dev.jasyncio.examples.EchoDemo
 * # arguments (exec.args is not used; run the class directly to pass them): [clients] [seconds per server] [line bytes]
 * }
 */
public final class EchoDemo {
    private EchoDemo() {}

    /** What one load run measured. */
    private record Result(String server, int clients, long roundTrips, long bytes, long nanos) {
        void print() {
            double seconds = nanos / 1e9;
            System.out.printf("  %-9s %4d clients  %9d round trips in %.2f s  %,10.0f req/s  %7.1f MiB/s%n", server, clients,
                roundTrips, seconds, roundTrips / seconds, bytes / seconds / (1 << 20));
        }
    }

    /** Entry point: {@code [clients=50] [seconds per server=1] [line bytes=128]}. */
    public static void main(String[] args) {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        int lineBytes = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        try {
            Async.run(() -> {
                EventLoop loop = Async.getRunningLoop();
                System.out.printf("echo load on the '%s' loop (%s engine): %d clients, %d-byte lines, %.1f s per server%n",
                    loop.providerName(), loop.engineName(), clients, lineBytes, seconds);
                Duration duration = Duration.ofNanos((long) (seconds * 1e9));
                List<Result> results = new ArrayList<>();
                for (String kind : List.of("protocol", "streams")) {
                    Server server = kind.equals("protocol") ? EchoServers.protocolEcho("127.0.0.1", 0)
                        : EchoServers.streamsEcho("127.0.0.1", 0);
                    results.add(load(kind, server.sockets().get(0).getPort(), clients, lineBytes, duration));
                    server.close();
                    server.waitClosed();   // every client has left: its connections are gone
                }
                results.forEach(Result::print);
                return null;
            });
        } catch (UnsupportedOperationException noNetwork) {
            System.err.println("EchoDemo: " + noNetwork.getMessage());
            System.exit(2);
        }
    }

    /** Runs {@code clients} clients against 127.0.0.1:{@code port} for {@code duration}. Inside a task. */
    private static Result load(String name, int port, int clients, int lineBytes, Duration duration) {
        byte[] payload = new byte[lineBytes];
        Arrays.fill(payload, (byte) 'x');
        payload[lineBytes - 1] = '\n';
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Task<Long>> tasks = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            tasks.add(Async.createTask(() -> client(port, payload, deadline)));
        }
        long roundTrips = 0;
        for (long n : Async.await(Async.gather(tasks))) {
            roundTrips += n;
        }
        return new Result(name, clients, roundTrips, 2L * roundTrips * lineBytes, System.nanoTime() - start);
    }

    /** One client: a line out, the same line back, until the deadline; returns the round trips. */
    private static long client(int port, byte[] line, long deadline) throws IOException {
        long n = 0;
        try (Streams s = Net.openConnection("127.0.0.1", port)) {
            while (System.nanoTime() - deadline < 0) {
                s.writer().write(line);
                byte[] back = s.reader().readexactly(line.length);
                if (!Arrays.equals(line, back)) {
                    throw new IllegalStateException("echo mismatch: " + new String(back, StandardCharsets.US_ASCII));
                }
                n++;
            }
            s.writer().writeEof();
            s.reader().read();
        }
        return n;
    }
}
