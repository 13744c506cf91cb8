/**
 * Conformance tests of the synchronization primitives of {@code dev.jasyncio.sync} (Lock, Event,
 * Condition, Semaphore, BoundedSemaphore, Barrier): FIFO hand-over, cancellation of a waiter at
 * every point without stranding the others, misuse, and binding to the first loop that uses them.
 */
package dev.jasyncio.conformance.sync;
