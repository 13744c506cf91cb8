package dev.jasyncio.netty;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows whether anything is registered with a driven Netty loop, so that {@link NettyDriver#mayReceiveIo}
 * can tell a test loop's deadlock from a wait for I/O: the factory's handler passes every call
 * to Netty's own handler and keeps the registrations it returns until they are cancelled.
 *
 * <p>{@code ManualIoEventLoop} counts nothing (its {@code SingleThreadIoEventLoop} sibling counts
 * registrations the same way, by wrapping them), and every channel registers through its
 * handler. The one visible difference: {@code IoEventLoop.isIoType(NioIoHandler.class)} is false
 * for a driven loop, as it compares the handler's class; {@link NettyDriver#channelKinds()} says
 * which channels fit instead. A registration cancelled behind the wrapper's back (Netty's handler
 * may cancel its own) is noticed when it reports itself invalid.
 */
final class RegisteredHandles implements IoHandlerFactory {
    private final IoHandlerFactory netty;
    /** Netty's registrations not known to be cancelled; loop thread mostly, but cancel may come from any thread. */
    private final Set<IoRegistration> live = ConcurrentHashMap.newKeySet();

    RegisteredHandles(IoHandlerFactory netty) {
        this.netty = Objects.requireNonNull(netty, "handlerFactory");
    }

    /** Whether a handle (a channel) is still registered. */
    boolean any() {
        live.removeIf(r -> !r.isValid());
        return !live.isEmpty();
    }

    @Override
    public IoHandler newHandler(ThreadAwareExecutor executor) {
        return new Handler(netty.newHandler(executor));
    }

    @Override
    public boolean isChangingThreadSupported() {
        return netty.isChangingThreadSupported();
    }

    /** Netty's handler, with its registrations tracked. */
    private final class Handler implements IoHandler {
        private final IoHandler netty;

        Handler(IoHandler netty) {
            this.netty = netty;
        }

        @Override
        public void initialize() {
            netty.initialize();
        }

        @Override
        public int run(IoHandlerContext context) {
            return netty.run(context);
        }

        @Override
        public void prepareToDestroy() {
            netty.prepareToDestroy();
        }

        @Override
        public void destroy() {
            try {
                netty.destroy();
            } finally {
                live.clear();
            }
        }

        @Override
        public IoRegistration register(IoHandle handle) throws Exception {
            IoRegistration r = netty.register(handle);
            live.add(r);
            return new Tracked(r);
        }

        @Override
        public void wakeup() {
            netty.wakeup();
        }

        @Override
        public boolean isCompatible(Class<? extends IoHandle> handleType) {
            return netty.isCompatible(handleType);
        }
    }

    /** What a channel holds: Netty's registration, forgotten once cancelled. */
    private final class Tracked implements IoRegistration {
        private final IoRegistration netty;

        Tracked(IoRegistration netty) {
            this.netty = netty;
        }

        @Override
        public <T> T attachment() {
            return netty.attachment();
        }

        @Override
        public long submit(IoOps ops) {
            return netty.submit(ops);
        }

        @Override
        public boolean isValid() {
            return netty.isValid();
        }

        @Override
        public boolean cancel() {
            boolean cancelled = netty.cancel();
            if (!netty.isValid()) {
                live.remove(netty);
            }
            return cancelled;
        }
    }
}
