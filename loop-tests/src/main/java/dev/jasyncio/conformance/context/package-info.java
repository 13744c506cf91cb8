/**
 * Conformance tests of context variables (PEP 567): tasks, callbacks, done callbacks and executor
 * calls each run in their own copy of a context; get, set and reset with tokens; thread bridges.
 */
package dev.jasyncio.conformance.context;
