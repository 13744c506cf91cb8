/**
 * Conformance tests of the ways in: choosing a backend ({@code LoopFactory}, {@code -Djasyncio.loop}),
 * the policy, {@code Async} and {@code Runner}.
 */
package dev.jasyncio.conformance.entry;
