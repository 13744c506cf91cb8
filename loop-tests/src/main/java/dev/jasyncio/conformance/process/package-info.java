/**
 * Conformance tests of subprocesses and signals ({@code dev.jasyncio.process}): streams over
 * pipes, {@code communicate}, return codes, signals to children and to the JVM itself, and the
 * Ctrl-C behaviour of {@code Async.run} in a child JVM.
 *
 * <p>They need a Unix with {@code /bin/sh} and the usual commands ({@code cat}, {@code head},
 * {@code yes}, {@code sleep}, {@code kill}) and skip elsewhere. The subprocess API is the JDK's on
 * every backend, so they run on all of them, {@code core} included.
 */
package dev.jasyncio.conformance.process;
