/**
 * The JFR events of Jasyncio loops ({@code dev.jasyncio.*} in a recording) and the static hooks
 * the loop core calls to emit them, only while a recording enables them. Not API; the events are
 * documented in {@code docs-debugging.md}.
 */
package dev.jasyncio.internal.jfr;
