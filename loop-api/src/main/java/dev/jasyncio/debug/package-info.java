/**
 * Debugging and testing support that asyncio lacks: the blocked-loop {@link dev.jasyncio.debug.Watchdog}
 * and per-loop {@link dev.jasyncio.debug.LoopMetrics}. Every loop is observed by one daemon thread
 * per JVM ({@code jasyncio-monitor}); nothing here costs the loop more than one counter write per
 * iteration.
 */
package dev.jasyncio.debug;
