/**
 * JUnit 5 support for code on Jasyncio loops: {@link dev.jasyncio.testing.LoopTest} runs a test
 * method as a task on a fresh loop (virtual time optional) and fails it when it leaves tasks
 * running, leaves an error unretrieved, deadlocks or hangs, showing the task dump.
 */
package dev.jasyncio.testing;
