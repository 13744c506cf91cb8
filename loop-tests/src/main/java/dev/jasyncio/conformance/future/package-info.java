/**
 * Conformance tests of futures: their states and errors, done callbacks, the bridges to
 * {@link java.util.concurrent.CompletableFuture}, and {@code runInExecutor}.
 */
package dev.jasyncio.conformance.future;
