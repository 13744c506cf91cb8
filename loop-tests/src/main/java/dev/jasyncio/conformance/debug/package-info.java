/**
 * Conformance tests of the debugging and testing support (loop-api's {@code dev.jasyncio.debug}):
 * the blocked-loop watchdog, task dumps and the await graph, virtual time, the deadlock detector,
 * loop metrics, the JMX bean and the JFR events, each on every backend and coroutine engine.
 */
package dev.jasyncio.conformance.debug;
