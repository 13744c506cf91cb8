/**
 * Subprocesses and Unix signals on the running loop.
 *
 * <p>Entry points: {@link dev.jasyncio.process.Subprocesses} starts a child process, either as a
 * {@link dev.jasyncio.process.Subprocess} whose piped stdin, stdout and stderr are the
 * {@link dev.jasyncio.net.StreamWriter} and {@link dev.jasyncio.net.StreamReader} of the stream
 * API, or under a {@link dev.jasyncio.process.SubprocessProtocol} with a
 * {@link dev.jasyncio.process.SubprocessTransport}; {@link dev.jasyncio.process.Signals} runs a
 * callback on the loop when the JVM receives a signal.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>The JDK only, on every backend.</b> A child is a {@link java.lang.Process}; its exit
 *       comes from {@link java.lang.Process#onExit()}. The JDK gives a pipe only as a blocking
 *       stream, so each pipe has a daemon thread: a reader thread that reads ahead of the
 *       protocol by at most two chunks (so a slow reader holds the child back and memory stays
 *       bounded), a writer thread that writes what the loop queued (so {@code drain} waits above
 *       the high-water mark). Both hand their results to the loop with
 *       {@code callSoonThreadsafe}; the loop thread never blocks on a pipe.</li>
 *   <li><b>Signals</b> other than SIGTERM and SIGKILL are sent with the {@code kill} command, as
 *       the JDK can only destroy a process; handlers use {@code sun.misc.Signal}, the JDK's own
 *       (module {@code jdk.unsupported}), where the JVM lets a program handle the signal.</li>
 *   <li><b>Return codes</b> follow asyncio ({@code -n} for a death by signal {@code n}) where
 *       that can be known: see {@link dev.jasyncio.process.SubprocessTransport}.</li>
 * </ul>
 *
 * <p>Threading: everything here is loop-thread only; methods that wait suspend the current task.
 *
 * <p>Depends on {@code dev.jasyncio} and {@code dev.jasyncio.net}; never on a backend.
 */
package dev.jasyncio.process;
