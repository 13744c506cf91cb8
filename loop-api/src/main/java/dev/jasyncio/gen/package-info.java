/**
 * Python-style generators on Jasyncio's coroutine engine: {@link dev.jasyncio.gen.Generator}
 * (lazy values, {@code send}, {@code throw}, {@code close}, {@code yield from}) and
 * {@link dev.jasyncio.gen.AsyncGenerator} (a generator whose body awaits, iterated inside a task).
 *
 * {@snippet :
 * Generator<Double, Double, Void> average = Generator.of(g -> {
 *     double sum = 0;
 *     int n = 0;
 *     Double avg = null;
 *     while (true) {
 *         double x = g.yield(avg);        // receives what the consumer sends
 *         sum += x;
 *         avg = sum / ++n;
 *     }
 * });
 * average.next();                         // prime: run to the first yield
 * average.send(10.0);                     // 10.0
 * average.send(20.0);                     // 15.0
 * }
 *
 * <p>A generator body is a fiber of the kind {@code GENERATOR}, nested in whatever resumes it: a
 * yield returns to the consumer, while an await in the body suspends the enclosing task, under
 * both engines (continuation and hand-off). The body receives a {@link dev.jasyncio.gen.Yielder}
 * and writes {@code g.yield(value)}: {@code yield} is a restricted identifier in Java, and only
 * a qualified call compiles.
 *
 * <p>Signals: the end of a generator is {@link dev.jasyncio.gen.StopIteration} (a
 * {@link java.util.NoSuchElementException}, so {@link java.util.Iterator} code sees an ordinary
 * end); closing throws {@link dev.jasyncio.gen.GeneratorExit} at the yield (an {@link Error}, so
 * {@code catch (Exception e)} does not swallow it). A body that lets a
 * {@code NoSuchElementException} escape fails with {@link IllegalStateException} instead, so that
 * a stray end-of-iteration cannot end the consumer's loop silently (Python's PEP 479).
 *
 * <p>Dropped generators are never resumed by a finalizer or cleaner: close what you do not
 * exhaust (try-with-resources) if its {@code finally} blocks must run.
 *
 * @apiNote python: generators (PEP 255, 342, 380, 479) and asynchronous generators (PEP 525).
 */
package dev.jasyncio.gen;
