package dev.jasyncio;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop's default executor for {@link EventLoop#runInExecutor}: made on first use, shut down by
 * {@link EventLoop#shutdownDefaultExecutor} or by close. Loop thread only.
 */
final class Executors {
    private static final System.Logger LOG = System.getLogger("dev.jasyncio");
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final LoopCore loop;
    private ExecutorService defaultExecutor;
    private boolean shutDown;

    Executors(LoopCore loop) {
        this.loop = loop;
    }

    ExecutorService defaultExecutor() {
        if (shutDown) {
            throw new IllegalStateException("Executor shutdown has been called: the default executor takes no more work");
        }
        if (defaultExecutor == null) {
            defaultExecutor = newPool();
        }
        return defaultExecutor;
    }

    void setDefault(ExecutorService executor) {
        defaultExecutor = executor;
        shutDown = false;
    }

    /** Shuts the executor down and completes the returned future from a helper thread once it has finished. */
    Future<Void> shutdownDefault(Duration timeout) {
        shutDown = true;
        Future<Void> done = loop.createFuture();
        ExecutorService ex = defaultExecutor;
        defaultExecutor = null;
        if (ex == null) {
            done.setResult(null);
            return done;
        }
        ex.shutdown();
        Thread joiner = new Thread(() -> {
            boolean finished;
            try {
                finished = timeout == null
                    ? ex.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS)
                    : ex.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                LOG.log(System.Logger.Level.WARNING,
                    "The default executor did not finish joining its threads within {0}", timeout);
            }
            if (!loop.isClosed()) {
                loop.callSoonThreadsafe(() -> {
                    if (!done.isDone()) {
                        done.setResult(null);
                    }
                });
            }
        }, "jasyncio-executor-joiner");
        joiner.setDaemon(true);
        joiner.start();
        return done;
    }

    /** On close: shut down without waiting, as asyncio does. */
    void closeDefault() {
        shutDown = true;
        ExecutorService ex = defaultExecutor;
        defaultExecutor = null;
        if (ex != null) {
            ex.shutdown();
        }
    }

    private static ExecutorService newPool() {
        int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "jasyncio-executor-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor ex = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), tf);
        ex.allowCoreThreadTimeOut(true);
        return ex;
    }
}
