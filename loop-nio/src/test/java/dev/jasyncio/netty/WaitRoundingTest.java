package dev.jasyncio.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** White-box: how NettyDriver turns the core's wait into a Netty wait. */
class WaitRoundingTest {
    private static final long MS = 1_000_000L;

    /** NIO selects in whole milliseconds and rounds to the nearest: a shorter wait would spin. */
    @Test
    void subMillisecondRemaindersRoundUpToTheNextMillisecond() {
        assertEquals(MS, NettyDriver.roundUp(1, MS));
        assertEquals(MS, NettyDriver.roundUp(400_000, MS));
        assertEquals(2 * MS, NettyDriver.roundUp(MS + 1, MS));
        assertEquals(2 * MS, NettyDriver.roundUp(1_500_000, MS));
    }

    @Test
    void wholeMillisecondsAndExactGranularityAreKept() {
        assertEquals(MS, NettyDriver.roundUp(MS, MS));
        assertEquals(7 * MS, NettyDriver.roundUp(7 * MS, MS));
        assertEquals(123_457L, NettyDriver.roundUp(123_457L, 1));
    }

    /** 0 is Netty's "no limit", the right answer for a wait that does not fit in a long. */
    @Test
    void aWaitThatOverflowsWhenRoundedBecomesNoLimit() {
        assertEquals(0, NettyDriver.roundUp(Long.MAX_VALUE - 1, MS));
    }
}
