/**
 * The {@code core} backend: a driver that only parks. Not API; depends on {@code dev.jasyncio.spi} only.
 */
package dev.jasyncio.internal.core;
