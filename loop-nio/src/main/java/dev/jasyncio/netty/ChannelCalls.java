package dev.jasyncio.netty;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import io.netty.channel.Channel;
import java.util.ArrayDeque;

/**
 * The Netty calls of one transport, made in program order from the loop thread or from a
 * hand-off task of the loop.
 *
 * <p>Under the hand-off coroutine engine a task runs on a virtual thread of its own, while the
 * loop thread waits for it (a strict hand-off), so the transport's fields need no
 * synchronisation; but Netty's own methods would hop from that thread through the event loop's
 * task queue, and could then overtake calls made later on the loop thread. So a call from the
 * task waits in {@code deferred}, which runs, in order, on the loop thread before any later call
 * made there. Any other thread fails at once in {@link #checkCaller()}.
 */
final class ChannelCalls {
    private final EventLoop loop;
    private final Channel channel;
    /** Calls made by a hand-off task, waiting for the loop thread; null until the first. */
    private ArrayDeque<Runnable> deferred;
    private boolean scheduled;

    ChannelCalls(EventLoop loop, Channel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /**
     * Throws unless the caller is the loop thread or a hand-off task of this loop: any other
     * thread would race the loop. Called first by every public transport method that changes state.
     */
    void checkCaller() {
        if (channel.eventLoop().inEventLoop()) {
            return;
        }
        Task<?> task = Async.currentTask();
        if (task == null || task.getLoop() != loop) {
            throw new IllegalStateException("a transport of " + loop + " was used from thread "
                + Thread.currentThread().getName() + ", outside its loop: transports are loop-thread only;"
                + " from another thread, go through loop.callSoonThreadsafe");
        }
    }

    /** True if Netty may be called right here: on the loop thread, after the calls deferred earlier. */
    boolean direct() {
        if (!channel.eventLoop().inEventLoop()) {
            return false;
        }
        if (deferred != null && !deferred.isEmpty()) {
            runDeferred();
        }
        return true;
    }

    /** Queues {@code call} for the loop thread (after {@link #direct()} said no). */
    void defer(Runnable call) {
        if (deferred == null) {
            deferred = new ArrayDeque<>();
        }
        deferred.add(call);
        if (!scheduled) {
            scheduled = true;
            channel.eventLoop().execute(this::runDeferred);
        }
    }

    /** Runs {@code call} now if {@link #direct()}, else defers it. For calls off the hot path. */
    void run(Runnable call) {
        if (direct()) {
            call.run();
        } else {
            defer(call);
        }
    }

    void setAutoRead(boolean on) {
        if (direct()) {
            channel.config().setAutoRead(on);
        } else {
            defer(() -> channel.config().setAutoRead(on));
        }
    }

    /** Closes the channel through its pipeline (a TLS close_notify goes out first). */
    void close() {
        run(channel::close);
    }

    /** Closes the channel past its pipeline: no TLS close_notify, the queued writes fail at once. */
    void closeAtOnce() {
        run(() -> channel.unsafe().close(channel.voidPromise()));
    }

    private void runDeferred() {
        scheduled = false;
        Runnable call;
        while ((call = deferred.poll()) != null) {
            call.run();
        }
    }
}
