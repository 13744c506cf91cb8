package dev.jasyncio.gen;

/**
 * The handle a generator's body yields through: it is passed to the body and is valid only
 * inside that body, while it runs.
 *
 * <p>{@code yield} is a restricted identifier in Java, but a <em>qualified</em> call is legal, so
 * the body writes {@code g.yield(value)}; a bare {@code yield(value)} does not compile.
 *
 * <p><b>Aliasing.</b> {@link #yield} hands out a reference, not a copy. A body that yields the same
 * mutable object again and again (a reused buffer, a growing list) and changes it between
 * yields shows every change to the consumer, including to items the consumer already took:
 * a consumer that keeps items must copy them, or the body must yield fresh objects.
 *
 * @param <Y> the type of the values yielded
 * @param <S> the type of the values sent in by {@link Generator#send}
 * @apiNote python: the {@code yield} and {@code yield from} expressions inside a generator
 *     function; Python needs no handle because {@code yield} is syntax.
 */
public interface Yielder<Y, S> {

    /**
     * Suspends the body and hands {@code value} to the consumer; returns the value the consumer
     * sends back ({@code null} for {@link Generator#next()}), or throws what the consumer throws
     * in with {@link Generator#throwInto}, or {@link GeneratorExit} when it closes the generator.
     *
     * <p>A thrown-in checked exception arrives here unchanged although this method declares none:
     * catch it with {@code catch (Exception e)} and an {@code instanceof} test.
     *
     * @throws GeneratorExit when the consumer closes the generator: let it propagate (run
     *     cleanup in {@code finally}); yielding again after catching it is an error
     * @throws IllegalStateException if called outside the running body this handle was passed
     *     to, or where the stack cannot be suspended (a native frame, a class initializer)
     * @apiNote python: {@code received = yield value}.
     */
    S yield(Y value);

    /**
     * Delegates to {@code sub} until it ends, and returns its return value: every value
     * {@code sub} yields goes to this generator's consumer, every value sent in goes to
     * {@code sub}, every exception thrown in is thrown into {@code sub}, and closing this
     * generator closes {@code sub} first. Exceptions that end {@code sub} propagate here
     * unchanged.
     *
     * <p>The result is the same as the hand-written loop
     * {@snippet :
     * S sent = null;
     * while (true) {
     *     Y y;
     *     try {
     *         y = sub.send(sent);                 // first round: sub.next()
     *     } catch (StopIteration stop) {
     *         return (R) stop.value();            // sub.returnValue()
     *     }
     *     try {
     *         sent = g.yield(y);
     *     } catch (GeneratorExit exit) {
     *         sub.close();
     *         throw exit;
     *     } catch (Throwable thrown) {
     *         // y = sub.throwInto(thrown) in the next round instead of sub.send(sent)
     *     }
     * }
     * }
     * except that it allocates no {@link StopIteration} and does not wrap checked exceptions.
     * Delegating to a generator that already finished returns its {@link Generator#returnValue()}
     * at once without yielding.
     *
     * @param <R> the return type of {@code sub}
     * @throws IllegalStateException if called outside the running body this handle was passed
     *     to, or if {@code sub} is executing (for example, it is this generator)
     * @apiNote python: {@code result = yield from sub} (PEP 380). Unlike Python, delegating to an
     *     already finished generator returns its return value again, not {@code None}.
     */
    <R> R yieldFrom(Generator<? extends Y, ? super S, ? extends R> sub);
}
