package dev.jasyncio;

import java.util.function.Consumer;

/**
 * The scheduled call of one future's done callback: saves the lambda a plain {@link Handle} would
 * need to bind the future to the consumer (W3 allocates one object per completion).
 */
final class DoneCallbackHandle extends Handle {
    /** Stands for the callback (run() is overridden), so that only cancel() makes it null. */
    private static final Runnable SCHEDULED = () -> {
        throw new AssertionError("a done callback runs through DoneCallbackHandle.run()");
    };

    private final Future<?> future;
    private final Consumer<? super Future<?>> consumer;

    @SuppressWarnings("unchecked")
    DoneCallbackHandle(Future<?> future, Consumer<?> consumer, PersistentMap context) {
        super(SCHEDULED, context);
        this.future = future;
        this.consumer = (Consumer<? super Future<?>>) consumer;
    }

    @Override
    void run() {
        consumer.accept(future);
    }

    @Override
    String describe() {
        return isCancelled() ? "cancelled" : consumer + " on " + future;
    }
}
