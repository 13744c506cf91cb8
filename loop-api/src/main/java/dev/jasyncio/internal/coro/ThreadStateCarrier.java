package dev.jasyncio.internal.coro;

/**
 * Thread-confined state that a fiber's body must see as its resumer sees it (the running loop,
 * the context slot). The continuation engine needs none of this: the body runs on the resuming
 * thread. The hand-off engine runs a body on its own virtual thread, so on every resume it
 * captures this state on the resuming thread and installs it on the body's thread.
 */
public interface ThreadStateCarrier {

    /** On the resuming thread: the state to carry. */
    Object capture();

    /** On the body's thread, before the body runs on from a resume. */
    void install(Object state);
}
