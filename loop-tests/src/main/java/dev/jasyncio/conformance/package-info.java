/**
 * The conformance suite: behaviour every backend must show, written once and run on each backend
 * by the per-backend suites of loop-tests' {@code src/test} ({@code CoreConformanceTest},
 * {@code NioConformanceTest}, {@code EpollConformanceTest}), which set the JUnit configuration
 * parameter {@code jasyncio.loop}.
 *
 * <p>This package holds the harness: {@link dev.jasyncio.conformance.Conformance} marks a test
 * class, {@link dev.jasyncio.conformance.LoopUnderTest} makes and checks the loop of each test,
 * {@link dev.jasyncio.conformance.Steps} asserts step order. The tests sit in the sub-packages,
 * one class per concept, each test named after the rule it proves. They use the public API only.
 */
package dev.jasyncio.conformance;
