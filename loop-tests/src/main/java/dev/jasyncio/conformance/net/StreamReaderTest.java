package dev.jasyncio.conformance.net;

import static dev.jasyncio.conformance.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.net.IncompleteReadException;
import dev.jasyncio.net.LimitOverrunException;
import dev.jasyncio.net.StreamReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stream reader's rules, on a reader fed by hand (no socket, so every backend runs them):
 * what each read returns, when it waits, and what it leaves in the buffer when it fails.
 */
@Conformance
class StreamReaderTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Feeds {@code chunks} from another task, one per loop iteration, then the end of the stream. */
    private static Task<Void> feedLater(EventLoop loop, StreamReader reader, String... chunks) {
        return loop.createTask(() -> {
            for (String c : chunks) {
                Async.sleep(Duration.ZERO);
                reader.feedData(ascii(c));
            }
            Async.sleep(Duration.ZERO);
            reader.feedEof();
            return null;
        });
    }

    /** read(n) returns what is buffered, up to n bytes, as soon as there is one; an empty array at the end. */
    @Test
    void readReturnsWhatIsBufferedUpToN(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT);
            Task<Void> feeder = feedLater(loop, r, "hello", " world");
            assertEquals("hel", text(r.read(3)));
            assertEquals("lo", text(r.read(100)));
            assertEquals(" world", text(r.read(100)));
            assertEquals("", text(r.read(100)));
            assertTrue(r.atEof());
            assertEquals(0, r.read(0).length);
            Async.await(feeder);
            return null;
        });
    }

    /** read() with no size returns everything up to the end of the stream, even beyond the limit. */
    @Test
    void readWithoutSizeReadsToTheEnd(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(4);
            Task<Void> feeder = feedLater(loop, r, "abcdefgh", "ijklmnop", "q");
            assertEquals("abcdefghijklmnopq", text(r.read()));
            Async.await(feeder);
            return null;
        });
    }

    /** readline returns lines with their newline, then the unterminated rest, then empty arrays. */
    @Test
    void readlineSplitsOnNewlines(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT);
            Task<Void> feeder = feedLater(loop, r, "one\ntw", "o\n", "\nthree");
            assertEquals("one\n", text(r.readline()));
            assertEquals("two\n", text(r.readline()));
            assertEquals("\n", text(r.readline()));
            assertEquals("three", text(r.readline()));
            assertEquals("", text(r.readline()));
            Async.await(feeder);
            return null;
        });
    }

    /** Iterating a reader yields its lines until the end of the stream. */
    @Test
    void iteratingAReaderYieldsItsLines(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT);
            Task<Void> feeder = feedLater(loop, r, "a\nb", "\nc");
            List<String> lines = new ArrayList<>();
            for (byte[] line : r) {
                lines.add(text(line));
            }
            assertEquals(List.of("a\n", "b\n", "c"), lines);
            Async.await(feeder);
            return null;
        });
    }

    /** readexactly waits for n bytes; at the end first it throws IncompleteReadException carrying the partial bytes. */
    @Test
    void readexactlyWaitsForNBytesOrThrowsWithThePartialBytes(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT);
            Task<Void> feeder = feedLater(loop, r, "ab", "cd", "ef");
            assertEquals("abc", text(r.readexactly(3)));
            IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> r.readexactly(10));
            assertEquals("def", text(e.partial()));
            assertEquals(10, e.expected());
            assertTrue(r.atEof(), "the partial bytes were consumed");
            assertThrows(IllegalArgumentException.class, () -> r.readexactly(-1));
            Async.await(feeder);
            return null;
        });
    }

    /** readuntil returns the bytes up to and including the separator, split across feeds. */
    @Test
    void readuntilFindsASeparatorSplitAcrossChunks(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT);
            Task<Void> feeder = feedLater(loop, r, "head\r", "\nbody\r\n\r", "\ntail");
            assertEquals("head\r\n", text(r.readuntil(ascii("\r\n"))));
            assertEquals("body\r\n\r\n", text(r.readuntil(ascii("\r\n\r\n"))));
            IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> r.readuntil(ascii("\r\n")));
            assertEquals("tail", text(e.partial()));
            assertEquals(-1, e.expected());
            assertThrows(IllegalArgumentException.class, () -> r.readuntil(new byte[0]));
            Async.await(feeder);
            return null;
        });
    }

    /** With several separators, readuntil stops at the one that ends first in the stream. */
    @Test
    void readuntilWithSeveralSeparatorsStopsAtTheFirstToEnd(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT);
            r.feedData(ascii("a;b,,c"));
            r.feedEof();
            List<byte[]> seps = List.of(ascii(",,"), ascii(";"));
            assertEquals("a;", text(r.readuntil(seps)));
            assertEquals("b,,", text(r.readuntil(seps)));
            assertThrows(IllegalArgumentException.class, () -> r.readuntil(List.of()));
            return null;
        });
    }

    /**
     * A separator not found within the limit: readuntil throws LimitOverrunException and consumes
     * nothing, so every byte can still be read.
     */
    @Test
    void readuntilOverrunLosesNoBufferedByte(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(8);
            r.feedData(ascii("0123456789abcdef"));
            LimitOverrunException notFound = assertThrows(LimitOverrunException.class, () -> r.readuntil(ascii("\n")));
            assertTrue(notFound.consumed() > 8, "consumed " + notFound.consumed());
            r.feedData(ascii("\nnext\n"));
            LimitOverrunException tooLong = assertThrows(LimitOverrunException.class, () -> r.readuntil(ascii("\n")));
            assertEquals(16, tooLong.consumed());
            assertEquals("0123456789abcdef\n", text(r.readexactly(17)));
            assertEquals("next\n", text(r.readuntil(ascii("\n"))));
            return null;
        });
    }

    /** A line longer than the limit: readline throws LimitOverrunException and drops that line only. */
    @Test
    void readlineDropsALineLongerThanTheLimit(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(8);
            r.feedData(ascii("short\nmuch too long a line\nafter\n"));
            r.feedEof();
            assertEquals("short\n", text(r.readline()));
            assertThrows(LimitOverrunException.class, r::readline);
            assertEquals("after\n", text(r.readline()));
            assertEquals("", text(r.readline()));
            return null;
        });
    }

    /** An error set on the reader is thrown by every read, a waiting one included. */
    @Test
    void anErrorEndsEveryRead(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT);
            SocketException reset = new SocketException("Connection reset");
            loop.callSoon(() -> r.setException(reset));
            assertSame(reset, assertThrows(SocketException.class, () -> r.readexactly(1)));
            assertSame(reset, assertThrows(SocketException.class, r::readline));
            assertSame(reset, r.exception());
            UncheckedIOException wrapped = assertThrows(UncheckedIOException.class, () -> r.iterator().hasNext());
            assertSame(reset, wrapped.getCause());
            return null;
        });
    }

    /** Two tasks may not wait on one reader at once. */
    @Test
    void onlyOneTaskWaitsOnAReader(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT);
            Task<byte[]> first = loop.createTask(() -> r.read(10));
            Async.sleep(Duration.ZERO);
            assertThrows(IllegalStateException.class, () -> r.read(10));
            r.feedData(ascii("x"));
            assertEquals("x", text(Async.await(first)));
            return null;
        });
    }

    /** Feeding after the end of the stream is an error; an empty feed is ignored. */
    @Test
    void feedingAfterTheEndIsAnError(EventLoop loop) {
        run(loop, () -> {
            StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT);
            r.feedData(new byte[0]);
            assertFalse(r.atEof());
            r.feedEof();
            assertTrue(r.atEof());
            assertThrows(IllegalStateException.class, () -> r.feedData(ascii("late")));
            return null;
        });
    }

    /** The limit must be positive. */
    @Test
    void aReaderNeedsAPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> StreamReader.create(0));
    }

    /** A read that waits is cancelled with its task, and the reader can be read again afterwards. */
    @Test
    void aCancelledReadLeavesTheReaderUsable(EventLoop loop) throws IOException {
        run(loop, () -> {
            StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT);
            Task<byte[]> waiting = loop.createTask(() -> r.readline());
            Async.sleep(Duration.ZERO);
            waiting.cancel();
            Async.sleep(Duration.ZERO);
            assertTrue(waiting.isCancelled());
            r.feedData(ascii("line\n"));
            assertEquals("line\n", text(r.readline()));
            return null;
        });
    }
}
