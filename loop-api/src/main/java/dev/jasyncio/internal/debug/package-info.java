/**
 * The loop core's side of the debugging tools in {@code dev.jasyncio.debug}: what they may read
 * from a loop ({@link dev.jasyncio.internal.debug.LoopProbe}) and how the loop tells them that it
 * starts and stops ({@link dev.jasyncio.internal.debug.LoopObservers}). Not API.
 */
package dev.jasyncio.internal.debug;
