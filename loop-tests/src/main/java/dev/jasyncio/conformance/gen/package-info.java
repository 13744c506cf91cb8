/**
 * Conformance tests of the generators of {@code dev.jasyncio.gen}: the consumer-side rules of
 * {@code Generator} (next, send, throwInto, close, StopIteration, GeneratorExit), yieldFrom per
 * PEP 380, generators whose body awaits inside a task, and {@code AsyncGenerator}. A generator made
 * outside any loop takes its engine from {@code -Djasyncio.engine}, which these tests set to the
 * engine under test while they make one.
 */
package dev.jasyncio.conformance.gen;
