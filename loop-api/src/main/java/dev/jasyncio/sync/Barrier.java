package dev.jasyncio.sync;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Future;

/**
 * A meeting point for a fixed number of tasks: each {@link #await()} waits until {@code parties}
 * tasks have arrived, then all of them go on together, and the barrier is ready for the next round.
 *
 * {@snippet :
 * Barrier allLoaded = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     Async.createTask(() -> {
 *         load();
 *         int index = allLoaded.await();   // 0, 1 or 2, a different one per task
 *         return compute(index);
 *     });
 * }
 * }
 *
 * <p>Each round hands its parties the indices 0 to {@code parties - 1}, one each, in arrival
 * order; the task that completes the round gets {@code parties - 1} and does not suspend. A task
 * cancelled while it waits leaves the round and frees its place. {@link #abort()} breaks the
 * barrier: waiters and later arrivals get {@link BrokenBarrierException} until {@link #reset()}.
 *
 * <p>Loop thread only; the barrier binds to the first loop that uses it.
 *
 * @apiNote asyncio: {@code asyncio.Barrier}; {@code wait()} is named {@link #await()} here
 *     because {@link Object#wait()} is final (as in {@link java.util.concurrent.CyclicBarrier}).
 *     {@link #abort()} and {@link #reset()} are plain methods: asyncio makes them coroutines only to
 *     take the barrier's internal lock. A new round may start while the tasks of the last one
 *     have yet to resume (asyncio's "draining" state keeps newcomers waiting meanwhile); and
 *     because indices are dealt when the round completes, a task cancelled mid-round cannot make
 *     two tasks get the same index.
 */
public final class Barrier {
    /** What a waiter is woken with when its round does not complete (indices are >= 0). */
    private static final int ABORTED = -1;
    private static final int RESET = -2;

    private final int parties;
    private final Waiters<Integer> waiters = new Waiters<>(this);
    private boolean broken;

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties < 1}
     * @apiNote asyncio: {@code asyncio.Barrier(parties)} (raises {@code ValueError}).
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("Barrier parties must be > 0, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits until {@code parties} tasks are waiting, then returns this task's index in the round,
     * a number from 0 to {@code parties - 1} that no other task of the round gets.
     *
     * @throws BrokenBarrierException if the barrier is aborted, or it is aborted or reset while
     *     this task waits
     * @throws CancelledError if the task is cancelled while it waits
     * @throws IllegalStateException if it has to wait outside a task, or the barrier belongs to
     *     another loop
     * @apiNote asyncio: {@code await barrier.wait()}.
     */
    public int await() {
        waiters.checkLoop();
        if (broken) {
            throw aborted();
        }
        // size() counts cancelled waiters still in line, so it can only overestimate the round.
        if (waiters.size() + 1 >= parties && waiters.countPending() + 1 >= parties) {
            return completeRound();
        }
        Future<Integer> place = waiters.add();
        int index;
        try {
            index = Async.await(place);
        } catch (Throwable t) {
            // A round that completed stays complete: a place dealt to a cancelled task is not dealt again.
            waiters.abandon(place);
            throw t;
        }
        if (index == ABORTED) {
            throw aborted();
        }
        if (index == RESET) {
            throw new BrokenBarrierException("Barrier was reset while this task waited; the round it was in is void");
        }
        return index;
    }

    private int completeRound() {
        int index = 0;
        Future<Integer> f;
        while ((f = waiters.pollPending()) != null) {
            f.setResult(index++);
        }
        return index;
    }

    /**
     * Voids the current round, whose waiters get {@link BrokenBarrierException}, and makes the
     * barrier usable again if it was aborted.
     *
     * @apiNote asyncio: {@code await barrier.reset()}.
     */
    public void reset() {
        waiters.checkLoop();
        broken = false;
        waiters.wakeAll(RESET);
    }

    /**
     * Breaks the barrier: the waiting tasks and every later {@link #await()} get
     * {@link BrokenBarrierException}, until {@link #reset()}.
     *
     * @apiNote asyncio: {@code await barrier.abort()}.
     */
    public void abort() {
        waiters.checkLoop();
        broken = true;
        waiters.wakeAll(ABORTED);
    }

    /**
     * The number of tasks each round needs.
     *
     * @apiNote asyncio: {@code barrier.parties}.
     */
    public int parties() {
        return parties;
    }

    /**
     * The number of tasks waiting in the current round.
     *
     * @apiNote asyncio: {@code barrier.n_waiting}.
     */
    public int nWaiting() {
        return broken ? 0 : waiters.countPending();
    }

    /**
     * Whether the barrier is aborted.
     *
     * @apiNote asyncio: {@code barrier.broken}.
     */
    public boolean isBroken() {
        return broken;
    }

    private static BrokenBarrierException aborted() {
        return new BrokenBarrierException("Barrier aborted: abort() was called; reset() makes it usable again");
    }

    @Override
    public String toString() {
        return "Barrier[parties=" + parties + (broken ? ", broken" : ", waiting=" + nWaiting()) + "]";
    }
}
