/**
 * Conformance tests of the loop proper: callback and timer ordering, cancellation, the run/stop/close
 * life cycle, calls from other threads, error reporting and debug mode.
 */
package dev.jasyncio.conformance.loop;
