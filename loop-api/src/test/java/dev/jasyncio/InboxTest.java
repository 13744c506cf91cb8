package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** White-box tests of the MPSC inbox (Inbox's overview block). */
class InboxTest {

    /** Handles offered by one thread drain in offer order, each exactly once. */
    @Test
    void drainsInOfferOrderExactlyOnce() {
        Inbox inbox = new Inbox();
        assertTrue(inbox.isEmpty());
        List<Handle> offered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Handle h = new Handle(() -> {}, PersistentMap.EMPTY);
            offered.add(h);
            inbox.offer(h);
        }
        assertFalse(inbox.isEmpty());
        ReadyQueue out = new ReadyQueue();
        assertEquals(5, inbox.drainTo(out));
        assertTrue(inbox.isEmpty());
        List<Handle> drained = new ArrayList<>();
        for (Handle h; (h = out.pollFirst()) != null; ) {
            drained.add(h);
        }
        assertEquals(offered, drained);
        assertEquals(0, inbox.drainTo(out));
    }

    /** Concurrent producers lose nothing, duplicate nothing, and keep each producer's order. */
    @Test
    void concurrentProducersLoseNothingAndKeepPerProducerOrder() throws InterruptedException {
        Inbox inbox = new Inbox();
        int producers = 4;
        int perProducer = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        int[] lastProducer = new int[1];
        int[] lastIndex = new int[1];
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            final int id = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    final int index = i;
                    inbox.offer(new Handle(() -> {
                        lastProducer[0] = id;
                        lastIndex[0] = index;
                    }, PersistentMap.EMPTY));
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        int[] next = new int[producers];
        int total = 0;
        ReadyQueue out = new ReadyQueue();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (total < producers * perProducer) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("only " + total + " handles arrived; producers alive: "
                    + threads.stream().filter(Thread::isAlive).count());
            }
            inbox.drainTo(out);
            Handle h;
            while ((h = out.pollFirst()) != null) {
                h.run();
                assertEquals(next[lastProducer[0]], lastIndex[0], "per-producer order");
                next[lastProducer[0]]++;
                total++;
            }
            Thread.onSpinWait();
        }
        for (Thread t : threads) {
            t.join();
        }
        inbox.drainTo(out);
        assertTrue(out.isEmpty(), "nothing duplicated");
    }
}
