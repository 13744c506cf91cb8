package dev.jasyncio.conformance.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Many short tasks: they all complete and leave nothing behind. */
@Conformance
@ResourceLock("heap")
class ManyShortTasksTest {
    /** Tasks per run under the continuation engine. */
    static final int CONTINUATION_TASKS = 1_000_000;
    /** Tasks per run under the hand-off engine, where each switch is a thread hand-off of about 20 µs. */
    static final int HANDOFF_TASKS = 20_000;
    /** Tasks created before the creator awaits them, under the continuation engine (one iteration steps them all). */
    static final int CONTINUATION_BATCH = 50_000;
    /** Tasks created before the creator awaits them, under the hand-off engine. */
    static final int HANDOFF_BATCH = 1_000;
    /** How far above the baseline the used heap may end. */
    static final long SLACK_BYTES = 64L << 20;

    /**
     * 1,000,000 short tasks (each sleeps zero, giving up one loop iteration, then returns) all
     * complete with their values, and the heap is flat afterwards: once they are done and dropped,
     * the used heap after a full GC is back within 64 MiB of where it was before, both while the
     * loop still runs (the loop keeps no done task) and after Async.run returned (nor does the
     * closed loop). Under the hand-off engine, where each switch is a thread hand-off of about
     * 20 µs, the run has 20,000 tasks instead.
     *
     * <p>The tasks are created in batches (50,000, or 1,000 under the hand-off engine), each
     * awaited before the next, so that the peak stays far below the heap limit and no loop
     * iteration comes near the one second that is reported as a blocked loop. For the same
     * reason the heap is measured off the loop thread.
     */
    @Test
    void aMillionShortTasksCompleteAndTheHeapIsFlatAfterwards(LoopFactory factory) {
        boolean handoff = "handoff".equals(Tasks.engineOf(factory));
        int total = handoff ? HANDOFF_TASKS : CONTINUATION_TASKS;
        int batchSize = handoff ? HANDOFF_BATCH : CONTINUATION_BATCH;
        long baseline = usedHeapAfterGc();
        long[] whileRunning = new long[1];
        long sum = Tasks.run(factory, () -> {
            long s = 0;
            List<Task<Integer>> batch = new ArrayList<>(batchSize);
            for (int done = 0; done < total; done += batchSize) {
                for (int i = done; i < Math.min(total, done + batchSize); i++) {
                    int value = i;
                    batch.add(Async.createTask(() -> {
                        Async.sleep(Duration.ZERO);
                        return value;
                    }));
                }
                for (Task<Integer> t : batch) {
                    s += Async.await(t);
                }
                batch.clear();
            }
            assertEquals(1, Async.allTasks().size(), "only the main task is left pending");
            batch = null;
            whileRunning[0] = Async.await(Async.getRunningLoop().runInExecutor(null, ManyShortTasksTest::usedHeapAfterGc));
            return s;
        });
        assertEquals((long) total * (total - 1) / 2, sum, "every task returned its value");
        long after = usedHeapAfterGc();
        assertTrue(whileRunning[0] - baseline < SLACK_BYTES, () -> "with the loop still running, the used heap grew by "
            + mib(whileRunning[0] - baseline) + " MiB over " + total + " done tasks (baseline " + mib(baseline) + " MiB)");
        assertTrue(after - baseline < SLACK_BYTES, () -> "after Async.run the used heap grew by " + mib(after - baseline)
            + " MiB over " + total + " tasks (baseline " + mib(baseline) + " MiB)");
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
