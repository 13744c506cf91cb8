package dev.jasyncio.conformance.process;

import static dev.jasyncio.conformance.process.ProcessTesting.STEP;
import static dev.jasyncio.conformance.process.ProcessTesting.assumeUnix;
import static dev.jasyncio.conformance.process.ProcessTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.Transport;
import dev.jasyncio.process.Signals;
import dev.jasyncio.process.SubprocessConnection;
import dev.jasyncio.process.SubprocessOptions;
import dev.jasyncio.process.SubprocessProtocol;
import dev.jasyncio.process.SubprocessTransport;
import dev.jasyncio.process.Subprocesses;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol API: the order of the callbacks, the pipe transports, and read flow control. */
@Conformance
class SubprocessProtocolTest {

    @BeforeEach
    void unixOnly() {
        assumeUnix();
    }

    /** Records the callbacks, on the loop thread, and completes {@code lost} at connectionLost. */
    private static final class Recorder implements SubprocessProtocol {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final Future<Void> lost;
        /** The thread the loop runs its callbacks on (a task may run elsewhere, under the hand-off engine). */
        final Thread loopThread;
        SubprocessTransport transport;

        Recorder(EventLoop loop) {
            lost = loop.createFuture();
            loopThread = ProcessTesting.loopThread(loop);
        }

        private void record(String event) {
            assertSame(loopThread, Thread.currentThread(), event + " ran off the loop thread");
            events.add(event);
        }

        @Override
        public void connectionMade(SubprocessTransport t) {
            transport = t;
            events.add("made");
        }

        @Override
        public void pipeDataReceived(int fd, byte[] data) {
            if (fd == 1) {
                stdout.writeBytes(data);
            }
            if (events.isEmpty() || !events.getLast().equals("data " + fd)) {
                record("data " + fd);
            }
        }

        @Override
        public void pipeConnectionLost(int fd, Throwable error) {
            record("pipe lost " + fd + (error != null ? " " + error : ""));
        }

        /** Called by write(), in the task that writes (which the hand-off engine runs off the loop thread). */
        @Override
        public void pauseWriting() {
            events.add("pause");
        }

        @Override
        public void resumeWriting() {
            events.add("resume");
        }

        @Override
        public void processExited() {
            record("exited " + transport.getReturncode());
        }

        @Override
        public void connectionLost(Throwable error) {
            record("lost " + error);
            lost.setResult(null);
        }
    }

    /**
     * connectionMade comes first and connectionLost last, after processExited and after every
     * pipe's pipeConnectionLost; stdin's end follows its close.
     */
    @Test
    void callbacksComeInOrder(EventLoop loop) {
        Recorder r = run(loop, () -> {
            SubprocessConnection<Recorder> c = Subprocesses.subprocessExec(() -> new Recorder(loop), List.of("cat"),
                SubprocessOptions.pipes());
            Recorder rec = c.protocol();
            assertSame(c.transport(), rec.transport);
            assertEquals(List.of("made"), rec.events);
            Transport stdin = c.transport().getPipeTransport(0);
            stdin.write(ProcessTesting.ascii("hello"));
            stdin.close();
            Async.waitFor(rec.lost, STEP);
            assertEquals(0, c.transport().getReturncode());
            return rec;
        });
        assertEquals("hello", r.stdout.toString());
        List<String> events = r.events;
        assertEquals("made", events.getFirst());
        assertEquals("lost null", events.getLast());
        assertTrue(events.contains("pipe lost 0"), events.toString());
        assertTrue(events.contains("pipe lost 1"), events.toString());
        assertTrue(events.contains("pipe lost 2"), events.toString());
        assertTrue(events.contains("exited 0"), events.toString());
        assertTrue(events.indexOf("data 1") < events.indexOf("pipe lost 1"), events.toString());
        assertEquals(7, events.size(), events.toString());
    }

    /** The pipe transports: stdin is write-only, stdout read-only; fds other than 0-2 are refused. */
    @Test
    void pipeTransportsHaveOneDirection(EventLoop loop) {
        run(loop, () -> {
            SubprocessConnection<Recorder> c = Subprocesses.subprocessExec(() -> new Recorder(loop), List.of("cat"),
                SubprocessOptions.pipes());
            SubprocessTransport t = c.transport();
            assertTrue(ProcessHandle.of(t.getPid()).isPresent(), "a live process of that pid");
            Transport in = t.getPipeTransport(0);
            Transport out = t.getPipeTransport(1);
            assertTrue(in.canWriteEof());
            assertThrows(UnsupportedOperationException.class, in::pauseReading);
            assertThrows(UnsupportedOperationException.class, () -> out.write(new byte[1]));
            assertTrue(out.isReading());
            assertThrows(IllegalArgumentException.class, () -> t.getPipeTransport(3));
            in.writeEof();
            assertThrows(IllegalStateException.class, () -> in.write(new byte[1]));
            Async.waitFor(c.protocol().lost, STEP);
            t.close();
            assertTrue(t.isClosing());
            return null;
        });
    }

    /**
     * No data reaches a protocol that paused reading, however much the child writes (the pipe
     * thread reads at most two chunks ahead, so the child is held back on its full pipe and memory
     * stays bounded); after resumeReading, the data flows again.
     */
    @Test
    void pausedReadingHoldsTheChildBack(EventLoop loop) {
        run(loop, () -> {
            long[] received = {0};
            SubprocessConnection<SubprocessProtocol> c = Subprocesses.subprocessExec(() -> new SubprocessProtocol() {
                @Override
                public void pipeDataReceived(int fd, byte[] data) {
                    received[0] += data.length;
                }
            }, List.of("yes"), SubprocessOptions.defaults().stdout(dev.jasyncio.process.Stdio.PIPE));
            Transport out = c.transport().getPipeTransport(1);
            out.pauseReading();
            for (int i = 0; i < 20; i++) {
                Async.sleep(Duration.ofMillis(10));
            }
            assertEquals(0, received[0], "bytes delivered while paused");
            assertFalse(out.isReading());
            assertNull(c.transport().getReturncode(), "yes is blocked on its full pipe, not gone");
            out.resumeReading();
            long deadline = System.nanoTime() + STEP.toNanos();
            while (received[0] < 8L * 1024 * 1024) {
                assertTrue(System.nanoTime() < deadline, "only " + received[0] + " bytes after resume");
                Async.sleep(Duration.ofMillis(1));
            }
            c.transport().close();
            return null;
        });
    }

    /** A child that exits without reading its stdin: the stdin pipe ends with the exit, then connectionLost follows unasked. */
    @Test
    void theExitEndsTheStdinPipe(EventLoop loop) {
        Recorder r = run(loop, () -> {
            SubprocessConnection<Recorder> c = Subprocesses.subprocessShell(() -> new Recorder(loop), "exit 4",
                SubprocessOptions.defaults().stdin(dev.jasyncio.process.Stdio.PIPE));
            Async.waitFor(c.protocol().lost, STEP);
            assertTrue(c.transport().getPipeTransport(0).isClosing());
            return c.protocol();
        });
        assertEquals(List.of("made", "exited 4", "pipe lost 0", "lost null"), r.events);
    }

    /**
     * abort() drops stdin's buffer for good: the chunk the pipe thread was writing then, once the
     * child reads it, changes nothing. The buffer size stays 0, and the protocol, paused by that
     * chunk, gets no resumeWriting after the pipe's connectionLost.
     */
    @Test
    void abortIgnoresTheChunkInFlight(EventLoop loop) {
        Recorder r = run(loop, () -> {
            SubprocessConnection<Recorder> c = Subprocesses.subprocessShell(() -> new Recorder(loop),
                "trap 'exec cat >/dev/null' USR1; echo ready; while :; do sleep 0.05; done", SubprocessOptions.pipes());
            Recorder rec = c.protocol();
            long deadline = System.nanoTime() + STEP.toNanos();
            while (!rec.stdout.toString().equals("ready\n")) {
                assertTrue(System.nanoTime() < deadline, "no ready from the child, only '" + rec.stdout + "'");
                Async.sleep(Duration.ofMillis(1));
            }
            Transport stdin = c.transport().getPipeTransport(0);
            stdin.write(new byte[1024 * 1024]);
            assertEquals("pause", rec.events.getLast(), "1 MiB is above the high-water mark");
            Async.sleep(Duration.ofMillis(100)); // the pipe thread blocks writing the chunk to the full pipe
            stdin.abort();
            assertEquals(0, stdin.getWriteBufferSize());
            c.transport().sendSignal(Signals.number("USR1")); // the child reads its stdin to the end
            Async.waitFor(rec.lost, STEP);
            assertEquals(0, c.transport().getReturncode(), "cat read the chunk and its end");
            assertEquals(0, stdin.getWriteBufferSize(), "after the chunk in flight was written");
            return rec;
        });
        List<String> afterLoss = r.events.subList(r.events.indexOf("pipe lost 0"), r.events.size());
        assertFalse(afterLoss.contains("resume"), r.events.toString());
    }

    /** Closing the transport of a running child kills it; processExited reports -9. */
    @Test
    void closingTheTransportKillsTheChild(EventLoop loop) {
        Recorder r = run(loop, () -> {
            SubprocessConnection<Recorder> c = Subprocesses.subprocessExec(() -> new Recorder(loop), List.of("sleep", "30"),
                SubprocessOptions.defaults());
            c.transport().close();
            Async.waitFor(c.protocol().lost, STEP);
            return c.protocol();
        });
        assertEquals(List.of("made", "exited " + -Signals.SIGKILL, "lost null"), r.events);
    }
}
