/**
 * Conformance tests of tasks on the coroutine engine: interleaving and cancellation at awaits,
 * strong ownership and unretrieved-error reports, the eager task factory, introspection
 * ({@code getStack}), misuse of await (another loop's future, a task awaiting itself, a pinned
 * frame) and a million short tasks leaving the heap flat. Like every conformance test they run
 * once per backend and coroutine engine; a rule that holds under one engine only says so with an
 * assumption on {@code Tasks.engineOf(factory)}.
 */
package dev.jasyncio.conformance.task;
