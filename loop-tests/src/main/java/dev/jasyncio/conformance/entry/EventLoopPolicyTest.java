package dev.jasyncio.conformance.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jasyncio.Async;
import dev.jasyncio.EventLoop;
import dev.jasyncio.EventLoopPolicy;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.OnLoop;
import dev.jasyncio.conformance.OtherThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The policy: one current loop per thread, the running loop first, never a loop made implicitly. */
@Conformance
class EventLoopPolicyTest {

    /** getEventLoop with neither a running nor a current loop throws, and does not make one. */
    @Test
    void getEventLoopWithoutALoopFails(LoopFactory factory) {
        EventLoopPolicy policy = EventLoopPolicy.withFactory(factory);
        assertThrows(IllegalStateException.class, policy::getEventLoop);
        assertThrows(IllegalStateException.class, policy::getEventLoop);
    }

    /** setEventLoop makes a loop this thread's current one; null clears it. */
    @Test
    void setEventLoopMakesItTheCurrentLoop(EventLoop loop, LoopFactory factory) {
        EventLoopPolicy policy = EventLoopPolicy.withFactory(factory);
        policy.setEventLoop(loop);
        assertSame(loop, policy.getEventLoop());
        policy.setEventLoop(null);
        assertThrows(IllegalStateException.class, policy::getEventLoop);
    }

    /** The running loop wins over the current loop set for the thread. */
    @Test
    void theRunningLoopWinsOverTheCurrentOne(EventLoop loop, LoopFactory factory) {
        EventLoopPolicy policy = EventLoopPolicy.withFactory(factory);
        EventLoop current = factory.newEventLoop();
        assertSame(loop, OnLoop.call(loop, () -> {
            policy.setEventLoop(current);
            return policy.getEventLoop();
        }));
        assertSame(current, OnLoop.call(current, policy::getEventLoop));
    }

    /** The running loop is returned even when no current loop was set. */
    @Test
    void theRunningLoopIsReturnedWithoutACurrentOne(EventLoop loop, LoopFactory factory) {
        EventLoopPolicy policy = EventLoopPolicy.withFactory(factory);
        assertSame(loop, OnLoop.call(loop, policy::getEventLoop));
    }

    /** The current loop is per thread: another thread does not see it. */
    @Test
    void theCurrentLoopIsPerThread(EventLoop loop, LoopFactory factory) {
        EventLoopPolicy policy = EventLoopPolicy.withFactory(factory);
        policy.setEventLoop(loop);
        OtherThread.call("other", () -> assertThrows(IllegalStateException.class, policy::getEventLoop));
        assertSame(loop, policy.getEventLoop());
    }

    /** newEventLoop makes a new loop from the factory without making it current. */
    @Test
    void newEventLoopDoesNotMakeItCurrent(EventLoop loop, LoopFactory factory) {
        EventLoopPolicy policy = EventLoopPolicy.withFactory(factory);
        EventLoop made = policy.newEventLoop();
        assertNotSame(loop, made);
        assertEquals(loop.providerName(), made.providerName());
        assertThrows(IllegalStateException.class, policy::getEventLoop);
    }

    /** Async.setEventLoopPolicy replaces the global policy; null goes back to a default one. */
    @Test
    @ResourceLock("dev.jasyncio.Async.policy")
    void asyncSetEventLoopPolicyReplacesThePolicy(LoopFactory factory) {
        EventLoopPolicy saved = Async.getEventLoopPolicy();
        EventLoopPolicy mine = EventLoopPolicy.withFactory(factory);
        try {
            Async.setEventLoopPolicy(mine);
            assertSame(mine, Async.getEventLoopPolicy());
            Async.setEventLoopPolicy(null);
            EventLoopPolicy fallback = Async.getEventLoopPolicy();
            assertNotNull(fallback);
            assertNotSame(mine, fallback);
        } finally {
            Async.setEventLoopPolicy(saved);
        }
    }
}
