package dev.jasyncio.queue;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Future;
import dev.jasyncio.sync.Waiters;
import java.util.Objects;

/**
 * A first-in first-out queue between tasks, optionally bounded: {@link #put} waits while the
 * queue is full, {@link #get} waits while it is empty.
 *
 * {@snippet :
 * Queue<Job> jobs = new Queue<>(100);
 * Async.createTask(() -> {                 // consumer
 *     while (true) {
 *         Job job = jobs.get();
 *         try {
 *             job.run();
 *         } finally {
 *             jobs.taskDone();
 *         }
 *     }
 * });
 * for (Job j : batch) {
 *     jobs.put(j);                         // waits while 100 are queued
 * }
 * jobs.join();                             // until every job was taken and marked done
 * }
 *
 * <p><b>Fairness.</b> Waiting callers are served in arrival order, and what a waiter is woken for
 * is reserved for it: an item put while getters wait is promised to the first of them, and a slot
 * freed while putters wait is kept for the first of them until it resumes. So a caller that
 * arrives later, waiting or not, never takes what an earlier waiter was woken for. Items leave
 * the queue only when a get completes, and always from its head, so completed gets see the items
 * in queue order. A waiter cancelled just after it was woken passes its promise on to the next
 * waiter, so that nobody is stranded.
 *
 * <p><b>Counting.</b> {@link #qsize()} counts the items a new get could take: an item promised to
 * a woken getter is not counted, though it still occupies its slot (so {@link #isFull()} may be
 * true while {@code qsize() < maxsize()}). Hence {@code !isEmpty()} guarantees that
 * {@link #getNowait()} succeeds, and {@code !isFull()} that {@link #putNowait} does.
 * {@link #taskDone()} and {@link #join()} count every item ever put.
 *
 * <p><b>Shutdown.</b> After {@link #shutdown(boolean)} every put throws
 * {@link QueueShutDownException}; gets go on until the queue is empty, or throw at once after an
 * immediate shutdown. Tasks blocked in put or get wake up and re-check.
 *
 * <p>Items must not be null. Loop thread only; the queue binds to the first loop that uses it.
 * Putting and getting without waiters allocate nothing beyond the buffer's own growth.
 *
 * @param <T> the item type
 * @apiNote asyncio: {@code asyncio.Queue}, including {@code shutdown} (3.13). Differences: the
 *     reservations described above (asyncio lets a newcomer take the item or slot a woken waiter
 *     was about to take, and that waiter then queues again at the back), and so {@code qsize}/
 *     {@code empty}/{@code full} leave out what is promised to woken waiters. {@code task_done}
 *     called too often throws {@link IllegalStateException} where asyncio raises
 *     {@code ValueError}.
 */
public class Queue<T> {
    /*
     * Implementation overview.
     *
     * State: `items` (the buffer), `promisedItems` (woken getters that have not resumed yet, each
     * owed one item of the buffer), `reservedSlots` (woken putters that have not resumed yet, each
     * owed one slot). A getter takes its item, and a putter fills its slot, only when it resumes:
     * so an item leaves the buffer only at a completed get, from the head, and a cancelled waiter
     * simply gives its promise back.
     *
     * Invariants, kept by dispatching after every change:
     *  (1) promisedItems <= items.size() (until an immediate shutdown drops the items);
     *  (2) a getter waits only while items.size() == promisedItems: a put promises its item to
     *      the first pending getter;
     *  (3) used() = items.size() + reservedSlots <= capacity, and a putter waits only while
     *      used() == capacity: whatever frees a slot reserves it for the first pending putter.
     * Hence the fast paths test only items.size() > promisedItems and used() < capacity: a caller
     * that finds them ready takes nothing promised to anyone. Cancelled waiters may linger in a
     * line until their task resumes; Waiters.pollPending skips them.
     *
     * Shutdown wakes every pending waiter with SHUTDOWN; a getter woken so re-checks the buffer
     * (a promise given back by a cancelled getter may have freed an item), a putter throws.
     */

    /** What a waiter woken by shutdown() receives instead of an item or a slot. */
    private static final Object SHUTDOWN = new Object();
    /** What a getter woken for an item receives. */
    private static final Object ITEM = new Object();
    /** What a putter woken for a slot receives. */
    private static final Object SLOT = new Object();

    private final int maxsize;
    private final int capacity;
    private final Buffer<T> items;
    private final Waiters<Object> getters = new Waiters<>(this);
    private final Waiters<Object> putters = new Waiters<>(getters);
    private final Waiters<Void> joiners = new Waiters<>(getters);
    private int promisedItems;
    private int reservedSlots;
    private int unfinished;
    private boolean shutdown;
    private boolean shutdownImmediate;

    /**
     * An unbounded queue.
     *
     * @apiNote asyncio: {@code asyncio.Queue()}.
     */
    public Queue() {
        this(0);
    }

    /**
     * A queue of at most {@code maxsize} items; {@code maxsize <= 0} means unbounded.
     *
     * @apiNote asyncio: {@code asyncio.Queue(maxsize)}.
     */
    public Queue(int maxsize) {
        this(maxsize, new Buffer.Fifo<>());
    }

    Queue(int maxsize, Buffer<T> items) {
        this.maxsize = maxsize;
        this.capacity = maxsize <= 0 ? Integer.MAX_VALUE : maxsize;
        this.items = items;
    }

    // ---- putting

    /**
     * Puts {@code item} into the queue, suspending the current task while the queue is full
     * (until a slot is free and every earlier waiting putter has been served).
     *
     * @throws QueueShutDownException if the queue is shut down, before or while this waits
     * @throws CancelledError if the task is cancelled while it waits; the item was not put
     * @throws IllegalStateException if it has to wait outside a task, or the queue belongs to
     *     another loop
     * @apiNote asyncio: {@code await queue.put(item)}.
     */
    public final void put(T item) {
        Objects.requireNonNull(item, "item");
        getters.checkLoop();
        if (shutdown) {
            throw shutDown("put");
        }
        if (used() < capacity) {
            enqueue(item);
            return;
        }
        Future<Object> slot = putters.add();
        try {
            Async.await(slot);
        } catch (Throwable t) {
            if (putters.abandon(slot) && slot.result() == SLOT) {
                reservedSlots--;
                dispatchPutters();
            }
            throw t;
        }
        if (slot.result() == SHUTDOWN) {
            throw shutDown("put");
        }
        reservedSlots--;
        if (shutdown) {
            throw shutDown("put");
        }
        enqueue(item);
    }

    /**
     * Puts {@code item} into the queue if a slot is free, without waiting.
     *
     * @throws QueueFullException if no slot is free (all used, or reserved for waiting putters)
     * @throws QueueShutDownException if the queue is shut down
     * @apiNote asyncio: {@code queue.put_nowait(item)}.
     */
    public final void putNowait(T item) {
        Objects.requireNonNull(item, "item");
        getters.checkLoop();
        if (shutdown) {
            throw shutDown("putNowait");
        }
        if (used() >= capacity) {
            throw new QueueFullException("Queue is full: " + maxsize + " slots used; put() waits for a free one");
        }
        enqueue(item);
    }

    private void enqueue(T item) {
        items.add(item);
        unfinished++;
        dispatchGetters();
    }

    // ---- getting

    /**
     * Removes and returns the next item, suspending the current task while the queue is empty
     * (until an item comes and every earlier waiting getter has been served).
     *
     * @throws QueueShutDownException if the queue is shut down and empty, before or while this
     *     waits, or at once after an immediate shutdown
     * @throws CancelledError if the task is cancelled while it waits; no item was taken (one
     *     promised to it at that moment goes to the next getter)
     * @throws IllegalStateException if it has to wait outside a task, or the queue belongs to
     *     another loop
     * @apiNote asyncio: {@code await queue.get()}.
     */
    public final T get() {
        getters.checkLoop();
        while (true) {
            if (items.size() > promisedItems) {
                return takeHead();
            }
            if (shutdown) {
                throw shutDown("get");
            }
            Future<Object> turn = getters.add();
            try {
                Async.await(turn);
            } catch (Throwable t) {
                if (getters.abandon(turn) && turn.result() == ITEM) {
                    promisedItems--;
                    dispatchGetters();
                }
                throw t;
            }
            if (turn.result() == ITEM) {
                promisedItems--;
                if (items.size() == 0) {
                    // Only an immediate shutdown takes promised items away.
                    throw shutDown("get");
                }
                return takeHead();
            }
        }
    }

    /**
     * Removes and returns the next item if there is one, without waiting.
     *
     * @throws QueueEmptyException if the queue holds no item
     * @throws QueueShutDownException if the queue is shut down and empty
     * @apiNote asyncio: {@code queue.get_nowait()}.
     */
    public final T getNowait() {
        getters.checkLoop();
        if (items.size() > promisedItems) {
            return takeHead();
        }
        if (shutdown) {
            throw shutDown("getNowait");
        }
        throw new QueueEmptyException("Queue is empty; get() waits for an item");
    }

    private T takeHead() {
        T item = items.poll();
        dispatchPutters();
        return item;
    }

    /** Promises the items no one is owed to the first pending getters and wakes them. */
    private void dispatchGetters() {
        while (items.size() > promisedItems) {
            Future<Object> getter = getters.pollPending();
            if (getter == null) {
                return;
            }
            promisedItems++;
            getter.setResult(ITEM);
        }
    }

    /** Reserves free slots for the first pending putters and wakes them. */
    private void dispatchPutters() {
        while (used() < capacity) {
            Future<Object> putter = putters.pollPending();
            if (putter == null) {
                return;
            }
            reservedSlots++;
            putter.setResult(SLOT);
        }
    }

    private int used() {
        return items.size() + reservedSlots;
    }

    // ---- counting finished work

    /**
     * Marks one item taken from the queue as processed; when every item ever put is, the tasks
     * in {@link #join()} wake up.
     *
     * @throws IllegalStateException if called more times than items were put
     * @apiNote asyncio: {@code queue.task_done()} (raises {@code ValueError}).
     */
    public final void taskDone() {
        getters.checkLoop();
        if (unfinished <= 0) {
            throw new IllegalStateException("taskDone() called more times than there were items put into the queue");
        }
        if (--unfinished == 0) {
            joiners.wakeAll(null);
        }
    }

    /**
     * Suspends the current task until every item ever put has been marked done with
     * {@link #taskDone()}; returns at once if they are.
     *
     * @throws CancelledError if the task is cancelled while it waits
     * @apiNote asyncio: {@code await queue.join()}.
     */
    public final void join() {
        getters.checkLoop();
        if (unfinished == 0) {
            return;
        }
        Future<Void> done = joiners.add();
        try {
            Async.await(done);
        } catch (Throwable t) {
            joiners.abandon(done);
            throw t;
        }
    }

    // ---- shutdown

    /**
     * Shuts the queue down: later puts throw {@link QueueShutDownException}, gets go on until the
     * queue is empty and then throw it; every task blocked in put or get wakes up. With
     * {@code immediate}, the queued items are dropped, also those promised to woken getters
     * (each counting as done for {@link #join()}), and gets throw at once. Calling it again is
     * allowed; an immediate call after a plain one drops the items.
     *
     * @apiNote asyncio: {@code queue.shutdown(immediate=False)} (3.13).
     */
    public final void shutdown(boolean immediate) {
        getters.checkLoop();
        shutdown = true;
        if (immediate) {
            shutdownImmediate = true;
            while (items.size() > 0) {
                items.poll();
                if (unfinished > 0) {
                    unfinished--;
                }
            }
            if (unfinished == 0) {
                joiners.wakeAll(null);
            }
        }
        getters.wakeAll(SHUTDOWN);
        putters.wakeAll(SHUTDOWN);
    }

    /**
     * Shuts the queue down without dropping items; see {@link #shutdown(boolean)}.
     *
     * @apiNote asyncio: {@code queue.shutdown()}.
     */
    public final void shutdown() {
        shutdown(false);
    }

    // ---- state

    /**
     * The number of items a new get could take: those in the queue, less those promised to woken
     * getters.
     *
     * @apiNote asyncio: {@code queue.qsize()}.
     */
    public final int qsize() {
        return Math.max(0, items.size() - promisedItems);
    }

    /**
     * Whether no item is there for a new get, so that {@link #getNowait()} would throw.
     *
     * @apiNote asyncio: {@code queue.empty()}.
     */
    public final boolean isEmpty() {
        return items.size() <= promisedItems;
    }

    /**
     * Whether no slot is free, so that {@link #putNowait} would throw: all hold items (promised
     * to woken getters or not) or are reserved for woken putters. Never true when unbounded.
     *
     * @apiNote asyncio: {@code queue.full()}.
     */
    public final boolean isFull() {
        return maxsize > 0 && used() >= capacity;
    }

    /**
     * The bound given at construction; 0 or less means unbounded.
     *
     * @apiNote asyncio: {@code queue.maxsize}.
     */
    public final int maxsize() {
        return maxsize;
    }

    /**
     * Whether {@link #shutdown(boolean)} was called.
     *
     * @apiNote asyncio: the private {@code queue._is_shutdown}.
     */
    public final boolean isShutDown() {
        return shutdown;
    }

    /**
     * The number of items put and not yet marked done with {@link #taskDone()}.
     *
     * @apiNote asyncio: the private {@code queue._unfinished_tasks}.
     */
    public final int unfinishedTasks() {
        return unfinished;
    }

    private QueueShutDownException shutDown(String operation) {
        return new QueueShutDownException(operation + "() on a queue that was shut down"
            + (shutdownImmediate ? " (immediately: its items were dropped)" : ""));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[maxsize=" + maxsize + ", items=" + items.size()
            + (promisedItems > 0 ? ", promised=" + promisedItems : "") + ", unfinished=" + unfinished
            + ", getters=" + getters.countPending() + ", putters=" + putters.countPending()
            + (shutdown ? ", shut down" : "") + "]";
    }
}
