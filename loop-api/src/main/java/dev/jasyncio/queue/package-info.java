/**
 * Queues between tasks on one loop: {@link dev.jasyncio.queue.Queue} (first in, first out),
 * {@link dev.jasyncio.queue.PriorityQueue} (lowest first) and
 * {@link dev.jasyncio.queue.LifoQueue} (last in, first out), with the exceptions
 * {@link dev.jasyncio.queue.QueueFullException}, {@link dev.jasyncio.queue.QueueEmptyException}
 * and {@link dev.jasyncio.queue.QueueShutDownException}.
 *
 * <p>Rules common to all of them:
 * <ul>
 *   <li><b>Loop thread only.</b> Not thread-safe; another thread reaches a queue through
 *       {@link dev.jasyncio.EventLoop#callSoonThreadsafe}. A queue binds to the first loop that
 *       uses it; use from another loop throws {@link java.lang.IllegalStateException}.</li>
 *   <li><b>First come, first served.</b> Waiting getters and putters are served in arrival
 *       order, and what a waiter is woken for (an item, a free slot) is reserved for it.</li>
 *   <li><b>Nobody is stranded, nothing is lost.</b> A waiter cancelled just after it was woken
 *       passes the item or slot on.</li>
 *   <li><b>Cheap when nobody waits.</b> {@code put}/{@code get} without waiters allocate nothing
 *       beyond the buffer's growth; a waiter costs one loop future.</li>
 * </ul>
 *
 * <p>The queues are built on {@link dev.jasyncio.sync.Waiters}, like the primitives of
 * {@link dev.jasyncio.sync}.
 */
package dev.jasyncio.queue;
