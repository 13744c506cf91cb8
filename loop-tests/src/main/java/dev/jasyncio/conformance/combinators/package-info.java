/**
 * Conformance tests of the combinators: gather, wait, waitFor, asCompleted, shield, timeout
 * scopes, task groups, and the thread bridges (toThread, runCoroutineThreadsafe).
 */
package dev.jasyncio.conformance.combinators;
