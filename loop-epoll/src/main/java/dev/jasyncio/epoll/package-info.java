/**
 * The {@code epoll} backend: {@link dev.jasyncio.epoll.EpollLoopProvider} makes loops whose driver
 * is a {@link dev.jasyncio.netty.NettyDriver} over Netty's native {@code EpollIoHandler}. Only the
 * handler factory, the channel classes and the wait granularity differ from {@code nio}.
 *
 * <h2>epoll under Netty 4.2: the facts this backend relies on</h2>
 *
 * <p><b>Loading.</b> The Java half ({@code netty-transport-classes-epoll}) is a compile
 * dependency; the JNI half comes in classified jars ({@code linux-x86_64}, {@code linux-aarch_64})
 * that are only run-time dependencies, so code must compile against the classes jar explicitly.
 * {@code Epoll.isAvailable()} extracts and loads the library on first use; when it fails,
 * {@code Epoll.unavailabilityCause()} says why and the loop factory falls back to {@code nio}.
 * JDK 25 warns about (and later JDKs refuse) the JNI load unless the JVM runs with
 * {@code --enable-native-access=ALL-UNNAMED}.
 *
 * <p><b>Waiting.</b> The handler owns an epoll fd, an eventfd for wakeups and a timerfd for
 * deadlines. A bounded wait arms the timerfd in nanoseconds (waits of at least
 * {@code io.netty.channel.epoll.epollWaitThreshold} ms, 10 by default, use epoll_wait's own
 * millisecond timeout instead), so unlike NIO no wait needs rounding; a wait that ends early
 * only costs the loop core one more pass, never an early timer. Netty registers channels
 * level-triggered ({@code EpollMode} is deprecated: 4.2 always uses level-triggered mode).
 *
 * <p><b>Wakeups.</b> {@code EpollIoHandler.wakeup()} writes the eventfd only from another thread
 * and only when the loop has published that it sleeps ({@code nextWakeupNanos != AWAKE}). While
 * the loop thread runs Jasyncio callbacks outside Netty's {@code run()}, it counts as awake, so a
 * {@code callSoonThreadsafe} from another thread skips the write; the loop must then notice the
 * inbox itself before it blocks. Netty asks {@code ManualIoEventLoop.canBlock()} after publishing
 * the sleep and right before {@code epoll_wait}; {@code NettyDriver} answers from the Jasyncio
 * loop ("inbox empty, nothing ready, no stop pending"). Without that override the wakeup is lost
 * and the loop sleeps on a full inbox (Netty #15922). A write that the loop never sees is caught
 * by Netty's one-second safeguard ("Missed eventfd write").
 *
 * <p><b>Cost.</b> Measured here: an empty non-blocking pass ({@code runNow()}) ≈ 185 ns, so the
 * loop core polls only every few dozen callbacks while it has work; waking a sleeping loop ≈
 * 22–30 µs round trip, the same as the JDK's park/unpark.
 *
 * <p><b>Channels.</b> Only epoll channels ({@code EpollServerSocketChannel},
 * {@code EpollSocketChannel}, {@code EpollDatagramChannel}, and the domain-socket ones) register
 * with an epoll loop; an NIO channel fails with "incompatible event loop type". Take the classes
 * from {@link dev.jasyncio.netty.NettyDriver#channelKinds()}. A listening Unix socket is bound
 * and listening before Netty sees it ({@code EpollServerDomainSocketChannel(fd, true)}): one that
 * Netty bound itself deletes its path on close, even after another server replaced the file.
 *
 * <p>Depends on {@code dev.jasyncio.spi}, {@code dev.jasyncio.netty} and Netty's epoll transport.
 */
package dev.jasyncio.epoll;
