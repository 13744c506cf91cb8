package dev.jasyncio.examples;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncTimeoutException;
import dev.jasyncio.Task;
import dev.jasyncio.net.Net;
import dev.jasyncio.net.Server;
import dev.jasyncio.net.Streams;
import dev.jasyncio.sync.Held;
import dev.jasyncio.sync.Semaphore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletionException;

/**
 * A client fan-out: one task per request, all started at once, with a {@link Semaphore} keeping
 * at most {@code limit} of them connected at any moment; the results are gathered in the order of
 * the requests, and a request that fails yields its error instead of failing the others.
 *
 * <p>Each request is a line sent on a connection of its own; the reply is one line back.
 * {@link #main} runs a small server that upper-cases after a random delay and hangs up on
 * {@code "fail"}, then fans 50 requests out to it, 8 at a time:
 * {@snippet lang=shell :
 * ./mvn25 -q package -DskipTests exec:exec -pl examples -am -Ddemo.main=dev.jasyncio.examples.FanOut
 * }
 */
public final class FanOut {
    /** The longest one request may take, connection included. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final int limit;
    private int inFlight;
    private int maxInFlight;

    /**
     * A fan-out to {@code host}:{@code port} with at most {@code limit} requests in flight.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public FanOut(String host, int port, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        this.host = host;
        this.port = port;
        this.limit = limit;
    }

    /** What one request got: its reply, or the error that stopped it (then {@code reply} is null). */
    public record Result(String request, String reply, Exception error) {
        /** Whether a reply came back. */
        public boolean ok() {
            return error == null;
        }
    }

    /** Sends every request, at most {@code limit} at a time, and returns their results in the same order. Inside a task. */
    public List<Result> fetchAll(List<String> requests) {
        Semaphore slots = new Semaphore(limit);
        List<Task<Result>> tasks = new ArrayList<>(requests.size());
        for (String request : requests) {
            tasks.add(Async.createTask(() -> fetch(request, slots)));
        }
        return Async.await(Async.gather(tasks));
    }

    /** The most requests that were in flight at once so far (never more than the limit). */
    public int maxInFlight() {
        return maxInFlight;
    }

    private Result fetch(String request, Semaphore slots) {
        try (Held slot = slots.acquired()) {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            try {
                return new Result(request, Async.waitFor(() -> exchange(request), REQUEST_TIMEOUT), null);
            } finally {
                inFlight--;
            }
        } catch (AsyncTimeoutException e) {
            return new Result(request, null, e);
        } catch (CompletionException e) {
            // The connection's IOException (refused, reset, the reply cut short), as waitFor wraps it.
            if (e.getCause() instanceof IOException io) {
                return new Result(request, null, io);
            }
            throw e;
        }
    }

    /** One request on its own connection: the line out, the line back. */
    private String exchange(String request) throws IOException {
        try (Streams s = Net.openConnection(host, port)) {
            s.writer().write((request + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] reply = s.reader().readuntil(new byte[] {'\n'});
            return new String(reply, 0, reply.length - 1, StandardCharsets.UTF_8);
        }
    }

    /** The demo's server: upper-cases each line after 0-50 ms, and hangs up without a reply on "fail". Inside a task. */
    static Server upperCaseServer(String host, int port) throws IOException {
        Random delays = new Random(1);
        return Net.startServer((reader, writer) -> {
            byte[] line = reader.readline();
            String request = new String(line, StandardCharsets.UTF_8).strip();
            if (!request.equals("fail")) {
                Async.sleep(Duration.ofMillis(delays.nextInt(50)));
                writer.write((request.toUpperCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            writer.close();
        }, host, port);
    }

    /** Fans 50 requests (every tenth one "fail") out to the demo server, 8 at a time, and prints the results. */
    public static void main(String[] args) {
        Async.run(() -> {
            Server server = upperCaseServer("127.0.0.1", 0);
            FanOut fanOut = new FanOut("127.0.0.1", server.sockets().get(0).getPort(), 8);
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                requests.add(i % 10 == 9 ? "fail" : "request " + i);
            }
            long started = System.nanoTime();
            List<Result> results = fanOut.fetchAll(requests);
            long ms = (System.nanoTime() - started) / 1_000_000;
            for (Result r : results) {
                System.out.println(r.ok() ? r.request() + " -> " + r.reply() : r.request() + " failed: " + r.error());
            }
            long failed = results.stream().filter(r -> !r.ok()).count();
            System.out.println(results.size() + " requests in " + ms + " ms, at most " + fanOut.maxInFlight()
                + " in flight, " + failed + " failed");
            server.close();
            server.waitClosed();
            return null;
        });
    }
}
