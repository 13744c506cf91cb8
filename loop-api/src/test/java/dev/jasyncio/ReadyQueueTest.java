package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/** White-box tests of the chunked ready queue against ArrayDeque as the model. */
class ReadyQueueTest {

    private static Handle handle() {
        return new Handle(() -> {}, PersistentMap.EMPTY);
    }

    /** Interleaved appends and polls across many chunk boundaries keep FIFO order and the size. */
    @Test
    void keepsFifoOrderAcrossChunks() {
        ReadyQueue queue = new ReadyQueue();
        ArrayDeque<Handle> model = new ArrayDeque<>();
        java.util.Random random = new java.util.Random(42);
        for (int step = 0; step < 20_000; step++) {
            if (random.nextInt(3) != 0 || model.isEmpty()) {
                Handle h = handle();
                queue.addLast(h);
                model.addLast(h);
            } else {
                assertSame(model.pollFirst(), queue.pollFirst());
            }
            assertEquals(model.size(), queue.size());
        }
        while (!model.isEmpty()) {
            assertSame(model.pollFirst(), queue.pollFirst());
        }
        assertTrue(queue.isEmpty());
        assertNull(queue.pollFirst());
    }

    /** A queue exactly one chunk long, drained, then refilled, and cleared. */
    @Test
    void drainsAtAChunkBoundaryAndClears() {
        ReadyQueue queue = new ReadyQueue();
        Handle[] first = new Handle[255];
        for (int i = 0; i < first.length; i++) {
            queue.addLast(first[i] = handle());
        }
        for (Handle h : first) {
            assertSame(h, queue.pollFirst());
        }
        assertNull(queue.pollFirst());
        Handle next = handle();
        queue.addLast(next);
        assertSame(next, queue.pollFirst());
        queue.addLast(handle());
        queue.addLast(handle());
        queue.clear();
        assertEquals(0, queue.size());
        assertNull(queue.pollFirst());
        Handle after = handle();
        queue.addLast(after);
        assertSame(after, queue.pollFirst());
    }

    /** What was polled is no longer referenced by the queue: neither the handles nor the chunks behind. */
    @Test
    void polledHandlesAndPassedChunksAreNotRetained() throws ReflectiveOperationException {
        ReadyQueue queue = new ReadyQueue();
        java.lang.reflect.Field readChunk = ReadyQueue.class.getDeclaredField("readChunk");
        readChunk.setAccessible(true);
        Object[] first = (Object[]) readChunk.get(queue);
        for (int i = 0; i < 300; i++) {
            queue.addLast(handle());
        }
        for (int i = 0; i < 290; i++) {
            queue.pollFirst();
        }
        queue.forgetPolled();
        assertTrue(java.util.Arrays.stream(first).allMatch(java.util.Objects::isNull),
            "the first chunk, read to its end, holds neither handles nor the link to the next");
        Object[] current = (Object[]) readChunk.get(queue);
        for (int i = 0; i < 290 - 255; i++) {
            assertNull(current[i], "slot " + i + " was polled");
        }
        assertEquals(10, queue.size());
    }

    /** The handle polled last is the running one until the next poll or forgetPolled, and no longer. */
    @Test
    void theHandlePolledLastIsKnownUntilTheNextPollOrForgetPolled() {
        ReadyQueue queue = new ReadyQueue();
        assertNull(queue.lastPolled());
        Handle[] handles = new Handle[600];
        for (int i = 0; i < handles.length; i++) {
            queue.addLast(handles[i] = handle());
        }
        for (Handle h : handles) {
            assertSame(h, queue.pollFirst());
            assertSame(h, queue.lastPolled(), "across chunk boundaries too");
        }
        queue.forgetPolled();
        assertNull(queue.lastPolled());
    }
}
