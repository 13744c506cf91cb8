/**
 * Conformance tests of TCP networking ({@code dev.jasyncio.net}): transports and protocols,
 * streams, servers, flow control, half-close, errors and TLS, on loopback addresses only (host
 * names under {@code .jasyncio.test} come from {@link dev.jasyncio.conformance.net.TestNameResolver}).
 *
 * <p>Tests that need sockets skip on a backend without network I/O (the {@code core} backend);
 * the stream reader tests fed by hand run everywhere. The heavy tests (100 MiB, 2,000
 * connections) run under the continuation engine only, where a task step costs nanoseconds
 * rather than a thread hand-off.
 */
package dev.jasyncio.conformance.net;
