/**
 * Networking (TCP, UDP, Unix domain sockets): asyncio's transports and protocols, and its
 * streams, on the running loop.
 *
 * <p>Entry points are the static methods of {@link dev.jasyncio.net.Net}:
 * {@code createConnection} / {@code createServer} hand the connection to a
 * {@link dev.jasyncio.net.Protocol} (callbacks on the loop thread, writes through a
 * {@link dev.jasyncio.net.Transport}); {@code openConnection} / {@code startServer} give a task a
 * {@link dev.jasyncio.net.StreamReader} and a {@link dev.jasyncio.net.StreamWriter} whose reads
 * and {@code drain} suspend the task. Their siblings: {@link dev.jasyncio.net.Datagrams} (UDP
 * endpoints with a {@link dev.jasyncio.net.DatagramProtocol} and a
 * {@link dev.jasyncio.net.DatagramTransport}) and {@link dev.jasyncio.net.UnixSockets} (the same
 * transports, servers and streams over Unix domain stream sockets).
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>Bytes are {@code byte[]}</b> in {@link dev.jasyncio.net.Protocol#dataReceived}: the
 *       protocol owns the array and may keep it, as Python code keeps {@code bytes}, with no rule
 *       about a buffer's lifetime to get wrong. The backend reads into pooled native buffers and
 *       copies once into the array (which the stream reader then appends without a second
 *       wrapper). For reads without allocation, {@link dev.jasyncio.net.BufferedProtocol} supplies
 *       its own {@link java.nio.ByteBuffer}. No backend type (Netty's {@code ByteBuf}) appears here.</li>
 *   <li><b>A static facade, not loop methods.</b> {@link dev.jasyncio.EventLoop} is the same
 *       sealed type for every backend, and the backend-free core knows no sockets; so the
 *       network methods find the running loop and ask its I/O driver, which implements
 *       {@link dev.jasyncio.spi.NetworkBackend} when the backend does network I/O. The core
 *       backend has none and says so.</li>
 *   <li><b>What is above one socket is done here, once</b>: name resolution (on the default
 *       executor), trying each address in turn, the {@link dev.jasyncio.net.Server}'s count of
 *       connections, and the streams, a Unix socket's file (a stale one removed at bind, the
 *       server's own on close). A backend only connects, listens, and runs transports.</li>
 *   <li><b>Errors are {@link java.io.IOException}s</b>: {@link java.net.ConnectException},
 *       {@link java.net.UnknownHostException}, {@link java.net.BindException},
 *       {@link java.io.FileNotFoundException} (no Unix socket at a path),
 *       {@link javax.net.ssl.SSLHandshakeException}, {@link java.net.SocketException} for a reset
 *       or lost connection, {@link dev.jasyncio.net.IncompleteReadException} (an
 *       {@link java.io.EOFException}) and {@link dev.jasyncio.net.LimitOverrunException}.</li>
 * </ul>
 *
 * <p>Threading: everything here is loop-thread only, like the loop's futures; methods that wait
 * suspend the current task and must be called inside one.
 *
 * <p>Depends on {@code dev.jasyncio}, {@code dev.jasyncio.gen} and {@code dev.jasyncio.spi};
 * never on a backend.
 */
package dev.jasyncio.net;
