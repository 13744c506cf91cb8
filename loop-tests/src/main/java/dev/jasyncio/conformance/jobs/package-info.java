/**
 * Conformance tests of {@code dev.jasyncio.jobs} (aiojobs on the loop): the Scheduler's limits,
 * pending line, error reports, shields and closing, and the Job life cycle.
 */
package dev.jasyncio.conformance.jobs;
