package dev.jasyncio.conformance.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.OnLoop;
import dev.jasyncio.conformance.OtherThread;
import dev.jasyncio.conformance.Steps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** callSoonThreadsafe: the one entry point for other threads. */
@Conformance
class CallSoonThreadsafeTest {

    /** A callback scheduled from another thread before the loop runs runs once it does. */
    @Test
    void callbacksFromAnotherThreadBeforeTheLoopRunsRunOnceItDoes(EventLoop loop, Steps steps) {
        OtherThread.call("producer", () -> loop.callSoonThreadsafe(() -> {
            steps.expect(2);
            loop.stop();
        }));
        steps.expect(1);
        loop.runForever();
        steps.finish(3);
    }

    /**
     * A callback from another thread wakes a loop that waits for work, again and again: each
     * round, the other thread waits until the loop has run the previous callback and has nothing
     * left to do, then schedules the next one.
     */
    @Test
    void callSoonThreadsafeWakesALoopWaitingForWork(EventLoop loop) {
        int rounds = 200;
        Future<Integer> done = loop.createFuture();
        AtomicLong ran = new AtomicLong();
        loop.callSoon(() -> {
            Thread producer = new Thread(() -> {
                for (int i = 1; i <= rounds; i++) {
                    int round = i;
                    loop.callSoonThreadsafe(() -> {
                        ran.set(round);
                        if (round == rounds) {
                            done.setResult(round);
                        }
                    });
                    while (ran.get() != round) {
                        LockSupport.parkNanos(20_000);
                    }
                    // Let the loop go back to waiting before the next round.
                    LockSupport.parkNanos(50_000);
                }
            }, "producer");
            producer.setDaemon(true);
            producer.start();
        });
        assertEquals(rounds, loop.runUntilComplete(done));
    }

    /**
     * callSoon and callSoonThreadsafe called by one thread keep their order: the loop runs the
     * callbacks in the order that thread scheduled them, as asyncio does (its call_soon_threadsafe
     * is call_soon plus a wakeup).
     */
    @Test
    void callSoonAndCallSoonThreadsafeFromOneThreadRunInSchedulingOrder(EventLoop loop) {
        List<String> ran = new ArrayList<>();
        OnLoop.run(loop, () -> {
            loop.callSoon(() -> ran.add("callSoon 1"));
            loop.callSoonThreadsafe(() -> ran.add("callSoonThreadsafe 2"));
            loop.callSoon(() -> ran.add("callSoon 3"));
        });
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("callSoon 1", "callSoonThreadsafe 2", "callSoon 3"), ran);
    }

    /**
     * 8 threads × 100,000 callSoonThreadsafe calls, in bursts with the loop left idle between
     * them: every callback runs exactly once, and each thread's callbacks run in the order that
     * thread scheduled them.
     */
    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void callsFromManyThreadsAreNeitherLostNorDuplicatedNorReordered(EventLoop loop) throws Exception {
        int producers = 8;
        int perProducer = 100_000;
        int burst = 1_000;
        long total = (long) producers * perProducer;
        long waitNanos = TimeUnit.SECONDS.toNanos(20);

        // Loop thread only, except `processed`, which producers read to tell when the loop is idle.
        int[] count = new int[producers];
        int[] outOfOrder = new int[producers];
        AtomicLong processed = new AtomicLong();
        Future<Long> done = loop.createFuture();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

        // Between bursts the last producer to arrive waits until the loop has run everything, so
        // that the loop goes back to waiting and the next burst has to wake it.
        long[] expectedAfterBurst = {0};
        Thread[] loopThreadSeen = new Thread[1];
        CyclicBarrier barrier = new CyclicBarrier(producers, () -> {
            expectedAfterBurst[0] += (long) producers * burst;
            long deadline = System.nanoTime() + waitNanos;
            while (processed.get() < expectedAfterBurst[0]) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("The loop ran only " + processed.get() + " of the "
                        + expectedAfterBurst[0] + " callbacks sent so far within 20 s: a lost wakeup or lost callbacks;"
                        + " the loop thread is at" + OtherThread.stackOf(loopThreadSeen[0]));
                }
                LockSupport.parkNanos(10_000);
            }
        });

        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                try {
                    for (int seq = 0; seq < perProducer; ) {
                        for (int end = seq + burst; seq < end; seq++) {
                            int expected = seq;
                            loop.callSoonThreadsafe(() -> {
                                if (count[producer] != expected) {
                                    outOfOrder[producer]++;
                                }
                                count[producer]++;
                                if (processed.incrementAndGet() == total) {
                                    done.setResult(total);
                                }
                            });
                        }
                        barrier.await(waitNanos, TimeUnit.NANOSECONDS);
                    }
                } catch (BrokenBarrierException | TimeoutException | InterruptedException | RuntimeException e) {
                    failures.add(e);
                    barrier.reset();
                }
            }, "producer-" + p);
            t.setDaemon(true);
            threads.add(t);
        }

        long[] result = {-1};
        Thread loopThread = new Thread(() -> {
            try {
                result[0] = loop.runUntilComplete(done);
                // One more iteration, in which nothing may run twice.
                loop.callSoon(loop::stop);
                loop.runForever();
                // On this thread: a Netty-backed loop releases its selector only on the thread that ran it.
                loop.close();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "loop");
        loopThread.setDaemon(true);
        loopThreadSeen[0] = loopThread;
        loopThread.start();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        loopThread.join(TimeUnit.SECONDS.toMillis(10));

        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("A producer or the loop failed; counts per producer: " + Arrays.toString(count));
            failures.forEach(e::addSuppressed);
            throw e;
        }
        if (loopThread.isAlive()) {
            fail("The loop did not finish: it ran " + processed.get() + " of " + total + " callbacks; counts per producer: "
                + Arrays.toString(count));
        }
        assertFalse(threads.stream().anyMatch(Thread::isAlive), "a producer did not finish");
        assertEquals(total, result[0]);
        int[] expected = IntStream.range(0, producers).map(i -> perProducer).toArray();
        assertArrayEquals(expected, count, "callbacks run per producer");
        assertArrayEquals(new int[producers], outOfOrder, "callbacks run out of their producer's order");
        assertEquals(total, processed.get(), "callbacks run in total");
        assertTrue(done.isDone());
    }

}
