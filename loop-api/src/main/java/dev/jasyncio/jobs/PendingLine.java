package dev.jasyncio.jobs;

import dev.jasyncio.Future;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;

/**
 * The jobs of a scheduler that wait for an active slot, in spawn order, and behind them the
 * spawns that wait for room in this line because it is full.
 */
final class PendingLine {
    /*
     * Invariants: (1) a spawn waits only while the line is full, so a newcomer never overtakes a
     * waiting spawn; (2) admitting a spawn appends its job and completes its gate with TRUE in one
     * step: the spawn finds its job already in the line when it resumes; (3) clear() completes
     * every waiting gate with FALSE, so no spawn is stranded by the scheduler's close.
     * A gate cancelled by its spawn's cancellation stays in the deque until the spawn resumes and
     * abandons it; admitNext() skips it.
     */

    /** A spawn waiting for room: its job, and the gate its task awaits (TRUE: admitted). */
    record Waiter(Job<?> job, Future<Boolean> gate) {}

    /** The most jobs the line holds; 0: no limit. */
    private final int capacity;
    /** Pending jobs in spawn order; a set, so that closing one in the middle is O(1). */
    private final LinkedHashSet<Job<?>> jobs = new LinkedHashSet<>();
    /** Spawns waiting for room, first come first served; allocated when the line first fills. */
    private ArrayDeque<Waiter> spawns;

    PendingLine(int capacity) {
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return jobs.size();
    }

    boolean isEmpty() {
        return jobs.isEmpty();
    }

    boolean hasRoom() {
        return capacity == 0 || jobs.size() < capacity;
    }

    /** Appends a job; the caller checked {@link #hasRoom()}. */
    void add(Job<?> job) {
        assert hasRoom();
        jobs.add(job);
    }

    /** Removes a job that was closed while pending; false if it was not in the line. */
    boolean remove(Job<?> job) {
        return jobs.remove(job);
    }

    /** Takes the job that waited longest; the line must not be empty. */
    Job<?> pollFirst() {
        return jobs.removeFirst();
    }

    /** Puts a spawn in line for room; the returned waiter is what {@link #abandon} takes. */
    Waiter waitForRoom(Job<?> job, Future<Boolean> gate) {
        ArrayDeque<Waiter> s = spawns;
        if (s == null) {
            s = new ArrayDeque<>();
            spawns = s;
        }
        Waiter w = new Waiter(job, gate);
        s.addLast(w);
        return w;
    }

    /** Removes a spawn that stopped waiting (cancelled); a no-op if it was admitted already. */
    void abandon(Waiter w) {
        if (spawns != null) {
            spawns.remove(w);
        }
    }

    /** Whether a spawn waits for room. */
    boolean hasWaitingSpawns() {
        return spawns != null && !spawns.isEmpty();
    }

    /**
     * Admits the spawn that waited longest and is still waiting: appends its job and releases its
     * task. Returns that job, or null if no spawn waits.
     */
    Job<?> admitNext() {
        ArrayDeque<Waiter> s = spawns;
        while (s != null && !s.isEmpty()) {
            Waiter w = s.pollFirst();
            if (!w.gate().isDone()) {
                jobs.add(w.job());
                w.gate().setResult(Boolean.TRUE);
                return w.job();
            }
        }
        return null;
    }

    /** Empties the line and turns every waiting spawn away (their gates get FALSE). */
    void clear() {
        jobs.clear();
        ArrayDeque<Waiter> s = spawns;
        if (s != null) {
            for (Waiter w; (w = s.pollFirst()) != null; ) {
                if (!w.gate().isDone()) {
                    w.gate().setResult(Boolean.FALSE);
                }
            }
        }
    }

    /** The pending jobs, oldest first, as a snapshot. */
    Job<?>[] snapshot() {
        return jobs.toArray(new Job<?>[0]);
    }
}
