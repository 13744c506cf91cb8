package dev.jasyncio;

import java.util.function.Consumer;

/**
 * The scheduled call of one future's done callback: saves the lambda a plain {@link Handle} would
 * need to bind the future to the consumer (W3 allocates one object per completion).
 */
final class DoneCallbackHandle extends Handle {

    private final Future<?> future;
    private final Consumer<? super Future<?>> consumer;

    @SuppressWarnings("unchecked")
    DoneCallbackHandle(Future<?> future, Consumer<?> consumer, PersistentMap context) {
        super(null, context);
        this.future = future;
        this.consumer = (Consumer<? super Future<?>>) consumer;
    }

    @Override
    void run() {
        consumer.accept(future);
    }

    @Override
    String describe() {
        return consumer + " on " + future;
    }
}
