package dev.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** White-box tests of the stream reader's byte queue: what it keeps and what it hands out. */
class ByteQueueTest {

    /** An array given up to an empty queue is kept as it is and handed out whole by a take of all of it. */
    @Test
    void anArrayGivenUpToAnEmptyQueueComesOutWithoutACopy() {
        ByteQueue queue = new ByteQueue();
        byte[] data = {1, 2, 3};
        queue.appendOwned(data);
        assertSame(data, queue.take(3));
        assertTrue(queue.isEmpty());
        byte[] next = {4, 5};
        queue.appendOwned(next);
        assertSame(next, queue.take(2), "the queue is usable again after handing its array out");
    }

    /** A partial take copies, a later array is appended behind what is left, and the bytes stay in order. */
    @Test
    void partialTakesAndAppendsBehindLeftoversCopyAndKeepTheOrder() {
        ByteQueue queue = new ByteQueue();
        byte[] first = {1, 2, 3, 4};
        queue.appendOwned(first);
        assertArrayEquals(new byte[] {1}, queue.take(1));
        byte[] second = {5, 6};
        queue.appendOwned(second);
        byte[] rest = queue.take(5);
        assertArrayEquals(new byte[] {2, 3, 4, 5, 6}, rest);
        assertNotSame(second, rest);
        assertTrue(queue.isEmpty());
    }

    /** Bytes appended by copy (the caller keeps its array) never come out as the caller's array. */
    @Test
    void copiedBytesNeverComeOutAsTheCallersArray() {
        ByteQueue queue = new ByteQueue();
        byte[] data = new byte[256];
        data[0] = 7;
        queue.append(data, 0, data.length);
        data[0] = 8;
        byte[] out = queue.take(256);
        assertNotSame(data, out);
        assertEquals(7, out[0], "the queue holds a copy taken at the append");
    }

    /** A queue grown by a message that came in two reads keeps its array for the next such message. */
    @Test
    void aGrownQueueKeepsItsArrayRatherThanAdoptingASmallerOne() {
        ByteQueue queue = new ByteQueue();
        queue.appendOwned(new byte[64]);
        queue.appendOwned(new byte[36]);
        assertEquals(100, queue.take(100).length);
        byte[] next = new byte[64];
        queue.appendOwned(next);
        queue.appendOwned(new byte[36]);
        byte[] out = queue.take(100);
        assertNotSame(next, out);
        assertEquals(100, out.length);
        assertTrue(queue.isEmpty());
    }
}
