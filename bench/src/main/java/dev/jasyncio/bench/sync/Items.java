package dev.jasyncio.bench.sync;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Queue items boxed once per trial (1,024 distinct {@code Integer}s, most outside the JDK's box
 * cache), so that the queue workloads measure the queue and not {@code Integer.valueOf}.
 */
@State(Scope.Benchmark)
public class Items {
    static final int MASK = 1023;

    final Integer[] values = new Integer[MASK + 1];

    public Items() {
        for (int i = 0; i < values.length; i++) {
            values[i] = 1_000 + i;
        }
    }

    /** The sum of the items a producer puts when it puts {@code count} of them in order. */
    long sumOfFirst(int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i & MASK];
        }
        return sum;
    }
}
