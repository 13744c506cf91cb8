package dev.jasyncio.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.conformance.OtherThread;
import dev.jasyncio.LoopFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hunts lost wake-ups: threads post to a running loop with {@code callSoonThreadsafe} at random
 * moments (often just as the loop goes to sleep, since each poster waits for its previous post to
 * run, then pauses for a random few microseconds) and fail if a post is not run within 10 s.
 * Session notes saw a post left unprocessed twice on epoll under heavy load; this runs long
 * enough to catch such a race. Behind the {@code soak} profile (README: long runs):
 * {@code ./mvn25 -B -ntp verify -Psoak -pl loop-tests -am}, {@code -Djasyncio.soak.seconds=N}
 * per backend (default 60).
 */
@Tag("soak")
class WakeupSoakTest {
    private static final long SECONDS = Long.getLong("jasyncio.soak.seconds", 60);
    private static final int POSTERS = 4;
    /** The backends to soak: -Djasyncio.soak.backends=epoll for one. */
    private static final List<String> BACKENDS = List.of(System.getProperty("jasyncio.soak.backends", "core,nio,epoll").split(","));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"core", "nio", "epoll"})
    void everyThreadsafePostRunsWhileTheLoopSleepsAndWakes(String backend) throws Exception {
        assumeTrue(BACKENDS.contains(backend), "not among -Djasyncio.soak.backends");
        EventLoop loop = LoopFactory.byName(backend).newEventLoop();
        Thread runner = runOnItsOwnThread(loop, backend);
        AtomicLong ran = new AtomicLong();
        List<Throwable> failures = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        List<Thread> posters = new ArrayList<>();
        long[] posted = new long[POSTERS];
        for (int p = 0; p < POSTERS; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() - deadline < 0) {
                        CountDownLatch done = new CountDownLatch(1);
                        loop.callSoonThreadsafe(() -> {
                            ran.incrementAndGet();
                            done.countDown();
                        });
                        posted[id]++;
                        if (!done.await(10, TimeUnit.SECONDS)) {
                            throw new AssertionError("a post from poster " + id + " (number " + posted[id]
                                + ") did not run within 10 s on " + backend + ": a lost wake-up; the loop thread is at"
                                + OtherThread.stackOf(runner));
                        }
                        pause();
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "soak-poster-" + p);
            t.start();
            posters.add(t);
        }
        for (Thread t : posters) {
            t.join();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        loop.callSoonThreadsafe(() -> {
            loop.stop();
            stopped.countDown();
        });
        stopped.await(10, TimeUnit.SECONDS);
        runner.join(10_000);
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError(failures.size() + " posters failed on " + backend, failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        long total = 0;
        for (long n : posted) {
            total += n;
        }
        assertEquals(total, ran.get(), "every post ran exactly once");
        System.out.printf("%s: %,d thread-safe posts in %d s, none lost%n", backend, total, SECONDS);
    }

    /**
     * The pattern of the conformance test that failed: 8 threads post bursts of 1,000 at once,
     * then wait together until the loop has run them all, so that every burst must wake a loop
     * that went back to sleep.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"core", "nio", "epoll"})
    void burstsFromManyThreadsAllRunAfterEachSleep(String backend) throws Exception {
        assumeTrue(BACKENDS.contains(backend), "not among -Djasyncio.soak.backends");
        EventLoop loop = LoopFactory.byName(backend).newEventLoop();
        Thread runner = runOnItsOwnThread(loop, backend);
        int threads = 8;
        int burst = 1_000;
        AtomicLong ran = new AtomicLong();
        long[] expected = {0};
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        boolean[] stop = {false};
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads, () -> {
            expected[0] += (long) threads * burst;
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ran.get() < expected[0]) {
                if (System.nanoTime() - waitUntil > 0) {
                    throw new IllegalStateException("the loop ran " + ran.get() + " of " + expected[0]
                        + " posts within 10 s on " + backend + ": a lost wake-up; the loop thread is at" + OtherThread.stackOf(runner));
                }
                LockSupport.parkNanos(10_000);
            }
            stop[0] = System.nanoTime() - deadline > 0;
        });
        List<Throwable> failures = new ArrayList<>();
        List<Thread> posters = new ArrayList<>();
        for (int p = 0; p < threads; p++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop[0]) {
                        for (int i = 0; i < burst; i++) {
                            loop.callSoonThreadsafe(ran::incrementAndGet);
                        }
                        barrier.await(30, TimeUnit.SECONDS);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    barrier.reset();
                }
            }, "soak-burst-" + p);
            t.start();
            posters.add(t);
        }
        for (Thread t : posters) {
            t.join();
        }
        loop.callSoonThreadsafe(loop::stop);
        runner.join(10_000);
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("bursts failed on " + backend + " after " + ran.get() + " posts", failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        System.out.printf("%s: %,d posts in bursts of %d x %d, none lost%n", backend, ran.get(), threads, burst);
    }


    /** Runs {@code loop} until stopped, then closes it there (a Netty-backed loop is closed on the thread that ran it). */
    private static Thread runOnItsOwnThread(EventLoop loop, String backend) {
        Thread runner = new Thread(() -> {
            loop.runForever();
            loop.close();
        }, "soak-loop-" + backend);
        runner.start();
        return runner;
    }

    /** No pause, a spin, or a park of up to 200 µs: the loop is caught awake, falling asleep and asleep. */
    private static void pause() {
        switch (ThreadLocalRandom.current().nextInt(3)) {
            case 0 -> { }
            case 1 -> Thread.onSpinWait();
            default -> LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000));
        }
    }
}
