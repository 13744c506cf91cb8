/**
 * Debugging support that asyncio lacks: the blocked-loop {@link dev.jasyncio.debug.Watchdog},
 * per-loop {@link dev.jasyncio.debug.LoopMetrics}, task dumps with the await graph
 * ({@link dev.jasyncio.debug.TaskDump}) and a JMX bean per running loop
 * ({@link dev.jasyncio.debug.LoopMXBean}); and for tests, loops on virtual time that fail with the
 * task dump when they deadlock ({@link dev.jasyncio.debug.TestLoops},
 * {@link dev.jasyncio.debug.VirtualClock}). JFR events ({@code dev.jasyncio.*}) cover slow
 * callbacks and steps, blocked loops, task lifetimes and loop statistics. Every loop is observed
 * by one daemon thread per JVM ({@code jasyncio-monitor}); nothing here costs the loop more than
 * one counter write per iteration while no recording or test clock asks for more.
 */
package dev.jasyncio.debug;
