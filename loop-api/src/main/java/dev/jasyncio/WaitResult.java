package dev.jasyncio;

import java.util.Collections;
import java.util.Set;

/**
 * What {@link Async#wait(java.util.Collection, java.time.Duration, ReturnWhen) Async.wait}
 * returns: the futures that were done when it returned, and the others. Both sets are
 * unmodifiable and keep the order in which the futures were given.
 *
 * @param done the futures that were done (finished or cancelled)
 * @param pending the futures still pending; {@code wait} never cancels them
 * @param <F> the type of the futures waited on
 * @apiNote asyncio: the {@code (done, pending)} tuple of {@code asyncio.wait}.
 */
public record WaitResult<F extends Future<?>>(Set<F> done, Set<F> pending) {

    /** Makes the sets unmodifiable. */
    public WaitResult {
        done = Collections.unmodifiableSet(done);
        pending = Collections.unmodifiableSet(pending);
    }
}
