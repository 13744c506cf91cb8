/**
 * Conformance tests of the queues of {@code dev.jasyncio.queue} (Queue, PriorityQueue, LifoQueue):
 * waiters served in arrival order, promised items and reserved slots, join/taskDone, shutdown,
 * cancellation of a waiter at every point.
 */
package dev.jasyncio.conformance.queue;
