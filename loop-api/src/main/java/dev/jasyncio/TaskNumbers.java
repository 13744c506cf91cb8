package dev.jasyncio;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers for default task names ("Task-" + number), unique in the process like asyncio's: each
 * loop takes a block of numbers from one process-wide counter and hands them out in order, so
 * that making a task costs no atomic instruction (one per 1,024 tasks). Numbers rise in creation
 * order within a loop; across loops they interleave by block. Loop thread only.
 */
final class TaskNumbers {
    private static final int BLOCK = 1024;
    private static final AtomicLong TAKEN = new AtomicLong();

    private long next;
    private long end;

    long next() {
        if (next == end) {
            next = TAKEN.getAndAdd(BLOCK) + 1;
            end = next + BLOCK;
        }
        return next++;
    }
}
