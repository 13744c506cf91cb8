package dev.jasyncio.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One end of a stream connection (TCP, possibly under TLS), as its protocol and its owner see it:
 * write without blocking, pause and resume reading, close.
 *
 * <p><b>Writing</b> never blocks: {@link #write} copies the bytes into the transport's buffer and
 * sends what the socket takes. When the buffer grows above the high-water mark (64 KiB by
 * default) the protocol gets {@link BaseProtocol#pauseWriting()}; once it drains to the low-water
 * mark or below (16 KiB by default) it gets {@link BaseProtocol#resumeWriting()}.
 *
 * <p>Loop thread only (or a task of the loop), like everything bound to a loop.
 *
 * @apiNote asyncio: {@code asyncio.Transport} (a {@code ReadTransport} and a
 *     {@code WriteTransport}). Sizes are {@code long} bytes.
 */
public interface Transport {
    /** {@link #getExtraInfo} key: the peer's {@link java.net.InetSocketAddress}. */
    String PEERNAME = "peername";
    /** {@link #getExtraInfo} key: this end's {@link java.net.InetSocketAddress}. */
    String SOCKNAME = "sockname";
    /** {@link #getExtraInfo} key: the {@link javax.net.ssl.SSLContext} of a TLS connection. */
    String SSLCONTEXT = "sslcontext";
    /** {@link #getExtraInfo} key: the {@link javax.net.ssl.SSLEngine} of a TLS connection. */
    String SSLOBJECT = "ssl_object";
    /** {@link #getExtraInfo} key: the {@link javax.net.ssl.SSLSession} of a TLS connection. */
    String SSLSESSION = "sslsession";
    /** {@link #getExtraInfo} key: the peer's certificate chain ({@code java.security.cert.Certificate[]}), if it sent one. */
    String PEERCERT = "peercert";
    /** {@link #getExtraInfo} key: the name of the negotiated TLS cipher suite. */
    String CIPHER = "cipher";
    /** {@link #getExtraInfo} key: the negotiated TLS protocol version, e.g. {@code "TLSv1.3"}. */
    String TLS_VERSION = "tls_version";

    /**
     * Sends {@code data} (copied: the array may be reused at once) without blocking. Writes after
     * {@link #close()} or after the connection was lost are dropped (a warning is logged once
     * several were).
     *
     * @throws IllegalStateException after {@link #writeEof()}
     * @apiNote asyncio: {@code WriteTransport.write(data)}.
     */
    void write(byte[] data);

    /**
     * Sends {@code length} bytes of {@code data} from {@code offset}, as {@link #write(byte[])}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the array
     * @apiNote asyncio: {@code WriteTransport.write(memoryview(data)[offset:offset + length])}.
     */
    void write(byte[] data, int offset, int length);

    /**
     * Sends the bytes between the buffer's position and its limit, as {@link #write(byte[])}; the
     * position advances to the limit.
     *
     * @apiNote asyncio: {@code WriteTransport.write(data)} with a buffer-protocol object.
     */
    void write(ByteBuffer data);

    /**
     * Sends each array in turn, as one write each but flushed once.
     *
     * @apiNote asyncio: {@code WriteTransport.writelines(list_of_data)}.
     */
    void writelines(Iterable<byte[]> data);

    /**
     * Closes the write side once the buffered data has been sent; the peer then reads an EOF.
     * Reading goes on. Not possible over TLS ({@link #canWriteEof()} is false there).
     *
     * @throws UnsupportedOperationException if {@link #canWriteEof()} is false
     * @apiNote asyncio: {@code WriteTransport.write_eof()}.
     */
    void writeEof();

    /**
     * Whether {@link #writeEof()} is supported: true for plain TCP, false over TLS.
     *
     * @apiNote asyncio: {@code WriteTransport.can_write_eof()}.
     */
    boolean canWriteEof();

    /**
     * Closes the connection once the buffered data has been sent: no more data is delivered to
     * the protocol, and its {@link BaseProtocol#connectionLost} follows with null (unless sending
     * fails). Idempotent.
     *
     * @apiNote asyncio: {@code BaseTransport.close()}.
     */
    void close();

    /**
     * Closes the connection at once, dropping the buffered data; the protocol's
     * {@link BaseProtocol#connectionLost} follows with null.
     *
     * @apiNote asyncio: {@code WriteTransport.abort()}.
     */
    void abort();

    /**
     * Whether the transport is closing or closed.
     *
     * @apiNote asyncio: {@code BaseTransport.is_closing()}.
     */
    boolean isClosing();

    /**
     * Stops delivering data to the protocol until {@link #resumeReading()}; the peer is then held
     * back by TCP flow control. Does nothing when already paused or closing.
     *
     * @apiNote asyncio: {@code ReadTransport.pause_reading()}.
     */
    void pauseReading();

    /**
     * Delivers data again after {@link #pauseReading()}, starting on a later loop iteration (never
     * inside this call). Does nothing when not paused or closing.
     *
     * @apiNote asyncio: {@code ReadTransport.resume_reading()}.
     */
    void resumeReading();

    /**
     * Whether data is being delivered: not paused and not closing.
     *
     * @apiNote asyncio: {@code ReadTransport.is_reading()}.
     */
    boolean isReading();

    /**
     * Sets the water marks of the write buffer: {@link BaseProtocol#pauseWriting()} above
     * {@code high} bytes, {@link BaseProtocol#resumeWriting()} at or below {@code low}. The
     * protocol may be paused at once if the buffer is already above the new high mark.
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     * @apiNote asyncio: {@code WriteTransport.set_write_buffer_limits(high, low)}.
     */
    void setWriteBufferLimits(long high, long low);

    /**
     * Sets the high-water mark to {@code high} and the low one to {@code high / 4}.
     *
     * @throws IllegalArgumentException if {@code high < 0}
     * @apiNote asyncio: {@code WriteTransport.set_write_buffer_limits(high)}.
     */
    default void setWriteBufferLimits(long high) {
        setWriteBufferLimits(high, high / 4);
    }

    /**
     * The current water marks.
     *
     * @apiNote asyncio: {@code WriteTransport.get_write_buffer_limits()}, which returns {@code (low, high)}.
     */
    WriteBufferLimits getWriteBufferLimits();

    /**
     * Bytes written but not yet handed to the socket.
     *
     * @apiNote asyncio: {@code WriteTransport.get_write_buffer_size()}.
     */
    long getWriteBufferSize();

    /**
     * Information about the connection under one of the keys above ({@link #PEERNAME},
     * {@link #SOCKNAME}, the TLS keys), or null when there is none.
     *
     * @apiNote asyncio: {@code BaseTransport.get_extra_info(name)}.
     */
    Object getExtraInfo(String name);

    /**
     * {@link #getExtraInfo(String)}, or {@code defaultValue} when it is null.
     *
     * @apiNote asyncio: {@code BaseTransport.get_extra_info(name, default)}.
     */
    default Object getExtraInfo(String name, Object defaultValue) {
        Object value = getExtraInfo(name);
        return value != null ? value : defaultValue;
    }

    /**
     * The protocol that receives this transport's callbacks.
     *
     * @apiNote asyncio: {@code BaseTransport.get_protocol()}.
     */
    BaseProtocol getProtocol();

    /**
     * Switches the callbacks to {@code protocol} (which gets no {@link BaseProtocol#connectionMade}).
     *
     * @apiNote asyncio: {@code BaseTransport.set_protocol(protocol)}.
     */
    void setProtocol(BaseProtocol protocol);

    /**
     * The transport's side of {@link Net#sendfile(Transport, FileChannel, long, long, boolean)},
     * which checks the arguments and then calls this: call that. Suspends the current task until
     * the bytes are sent; see there for the rules. Transports that cannot send files keep this
     * default.
     *
     * @param count positive; may go past the end of the file
     * @throws UnsupportedOperationException if this transport cannot send files (the default)
     * @apiNote asyncio: the transport's {@code _sendfile_compatible} mode and the loop's
     *     {@code _sendfile_native}/{@code _sendfile_fallback}.
     */
    default long sendfile(FileChannel file, long offset, long count, boolean fallback) throws IOException {
        throw new UnsupportedOperationException("sendfile is not supported for transport " + this);
    }
}
