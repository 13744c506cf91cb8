package dev.jasyncio.bench.task;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes of heap per suspended task: N tasks (default 1,000,000) each suspended in
 * {@code Async.sleep(1 h)}, heap measured after full GCs before and after, divided by N. Then
 * every task is cancelled and awaited, and the heap is measured again (it must come back).
 *
 * <p>Run: {@code java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED -Xmx4g -cp
 * bench/target/benchmarks.jar dev.jasyncio.bench.task.SuspendedTaskFootprint [N] [engine]}.
 */
public final class SuspendedTaskFootprint {
    private SuspendedTaskFootprint() {}

    /** Entry point: arguments N (tasks) and engine (continuation or handoff). */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String engine = args.length > 1 ? args[1] : "continuation";
        EventLoop loop = LoopFactory.byName("core", engine).newEventLoop();
        long[] heap = new long[3];
        loop.runUntilComplete(loop.createTask(() -> {
            heap[0] = usedHeapAfterGc();
            List<Task<Void>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(Async.createTask(() -> {
                    Async.sleep(Duration.ofHours(1));
                    return null;
                }));
            }
            Async.sleep(Duration.ZERO);
            Async.sleep(Duration.ZERO);
            heap[1] = usedHeapAfterGc();
            for (Task<Void> t : tasks) {
                t.cancel();
            }
            for (Task<Void> t : tasks) {
                try {
                    Async.await(t);
                } catch (dev.jasyncio.CancelledError expected) {
                    // every task ends cancelled
                }
            }
            tasks.clear();
            heap[2] = usedHeapAfterGc();
            return null;
        }));
        loop.close();
        System.out.printf("engine=%s tasks=%d heap before=%.1f MiB suspended=%.1f MiB after=%.1f MiB -> %d bytes per suspended task%n",
            engine, n, heap[0] / 1048576.0, heap[1] / 1048576.0, heap[2] / 1048576.0, (heap[1] - heap[0]) / n);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
