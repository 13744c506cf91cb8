/**
 * The conformance suite: behaviour every backend must show, written once and run unchanged on
 * each backend and each coroutine engine by the suites of loop-tests' {@code src/test}
 * ({@code CoreConformanceTest}, {@code NioConformanceTest}, {@code EpollConformanceTest} and their
 * {@code …HandoffConformanceTest} twins), which set the JUnit configuration parameters
 * {@code jasyncio.loop} and {@code jasyncio.engine}.
 *
 * <p>This package holds the harness: {@link dev.jasyncio.conformance.Conformance} marks a test
 * class, {@link dev.jasyncio.conformance.LoopUnderTest} makes and checks the loop of each test,
 * {@link dev.jasyncio.conformance.Steps} asserts step order, {@link dev.jasyncio.conformance.Tasks}
 * runs task-level bodies on a loop of the injected factory. The tests sit in the sub-packages,
 * one class per concept, each test named after the rule it proves. They use the public API only;
 * white-box tests stay in the modules they test.
 */
package dev.jasyncio.conformance;
