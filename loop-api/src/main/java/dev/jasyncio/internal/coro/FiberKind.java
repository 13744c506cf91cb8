package dev.jasyncio.internal.coro;

/**
 * What a fiber is for. Each kind suspends independently, so a generator can run inside a task
 * and suspend to its consumer while the task's own suspension goes to the loop.
 */
public enum FiberKind {
    /** A task: suspends to the event loop at an await. */
    TASK,
    /** A generator: suspends to its consumer at a yield. */
    GENERATOR
}
