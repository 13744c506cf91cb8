/**
 * Synchronisation primitives for tasks on one loop: {@link dev.jasyncio.sync.Lock},
 * {@link dev.jasyncio.sync.Event}, {@link dev.jasyncio.sync.Condition},
 * {@link dev.jasyncio.sync.Semaphore}, {@link dev.jasyncio.sync.BoundedSemaphore} and
 * {@link dev.jasyncio.sync.Barrier}, plus {@link dev.jasyncio.sync.Waiters}, the line of waiting
 * tasks they are built on.
 *
 * <p>Rules common to all of them:
 * <ul>
 *   <li><b>Loop thread only.</b> They are not thread-safe; another thread reaches them through
 *       {@link dev.jasyncio.EventLoop#callSoonThreadsafe}.</li>
 *   <li><b>One loop.</b> A primitive binds to the first loop that uses it; use from another loop
 *       throws {@link java.lang.IllegalStateException}.</li>
 *   <li><b>First come, first served.</b> Waiters are served in arrival order, and a lock or
 *       permit released while tasks wait is handed straight to the first of them, so a newcomer
 *       never overtakes a waiter.</li>
 *   <li><b>Nobody is stranded.</b> A waiter cancelled just after it was granted the lock, a
 *       permit or a signal passes it on to the next waiter (the bug class of CPython bpo-27585
 *       and anyio PR 1145).</li>
 *   <li><b>Cheap when uncontended.</b> Acquiring and releasing without waiters allocates
 *       nothing; a waiter costs one loop future.</li>
 *   <li>Waiting methods may only wait inside a task ({@link dev.jasyncio.Async#await}); a task
 *       cancelled while it waits gets {@link dev.jasyncio.CancelledError} there.</li>
 * </ul>
 *
 * <p>asyncio's {@code async with} becomes try-with-resources over {@link dev.jasyncio.sync.Held}
 * ({@code try (var _ = lock.acquired()) { ... }}), and its {@code wait}/{@code notify} names become
 * {@code await}/{@code signal}, because {@link java.lang.Object} owns final methods of those
 * names.
 */
package dev.jasyncio.sync;
