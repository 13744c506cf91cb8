package dev.jasyncio.bench.peers;

import java.io.IOException;
import java.util.Locale;

/**
 * The JVM echo servers of workload W7 (shared/bench/WORKLOADS.md), started by
 * {@code bench/peers/run.sh}: Jasyncio with the protocol API (a {@code Protocol} or a {@code BufferedProtocol}) or the streams API on the loop that
 * {@code -Djasyncio.loop=nio|epoll} selects, or raw Netty on its own loop.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.jasyncio.bench.peers.EchoServer
 * jasyncio-protocol|jasyncio-buffered|jasyncio-streams|netty-nio|netty-epoll MAX_SECONDS}. The server listens on a
 * free port of 127.0.0.1 only, prints {@code port N} on a line of its own once it accepts
 * connections, and serves until it is killed, or for at most {@code MAX_SECONDS}: a harness that
 * died cannot leave it running.
 */
public final class EchoServer {
    private EchoServer() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            usage("expected 2 arguments, got " + args.length);
        }
        String kind = args[0];
        long maxSeconds = parseSeconds(args[1]);
        startWatchdog(maxSeconds);
        switch (kind) {
            case "jasyncio-protocol" -> JasyncioEcho.serve(JasyncioEcho.Api.PROTOCOL);
            case "jasyncio-buffered" -> JasyncioEcho.serve(JasyncioEcho.Api.BUFFERED);
            case "jasyncio-streams" -> JasyncioEcho.serve(JasyncioEcho.Api.STREAMS);
            case "netty-nio" -> NettyEcho.serve(NettyEcho.Transport.NIO);
            case "netty-epoll" -> NettyEcho.serve(NettyEcho.Transport.EPOLL);
            default -> usage("unknown server '" + kind + "'");
        }
    }

    /** Tells the harness where to connect; the only line it reads. */
    static void announce(int port, String detail) {
        System.out.println("port " + port + " " + detail);
        System.out.flush();
    }

    /** Ends the process after {@code maxSeconds} whatever it is doing, so that no orphan outlives its harness. */
    private static void startWatchdog(long maxSeconds) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("echo server: " + maxSeconds + " s are up, exiting");
            Runtime.getRuntime().halt(3);
        }, "echo-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static long parseSeconds(String s) {
        try {
            long v = Long.parseLong(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        usage("MAX_SECONDS must be a positive whole number, got '" + s + "'");
        return 0;
    }

    private static void usage(String problem) {
        System.err.printf(Locale.ROOT, "EchoServer: %s%nusage: EchoServer jasyncio-protocol|jasyncio-buffered|jasyncio-streams|netty-nio|netty-epoll"
            + " MAX_SECONDS   (Jasyncio's loop: -Djasyncio.loop=nio|epoll)%n", problem);
        System.exit(2);
    }
}
