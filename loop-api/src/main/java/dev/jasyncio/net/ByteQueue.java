package dev.jasyncio.net;

import java.util.Arrays;

/**
 * The bytes a {@link BufferedStreamReader} holds: appended at the tail, taken from the head, as
 * asyncio's {@code bytearray} buffer. One array; the live bytes are {@code [head, tail)}. Space
 * before the head is reclaimed by moving the bytes down when an append would otherwise grow the
 * array, so a reader that keeps up never grows it.
 *
 * <p>An array the queue may keep ({@link #appendOwned}) becomes its array when the queue is empty
 * (and its own array is no larger), and a take of every byte of the array hands that very array
 * out: a stream read that takes what one network read brought copies nothing (W7's streams echo
 * at 10 KiB made two copies of each message here before).
 */
final class ByteQueue {
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int head;
    private int tail;

    int size() {
        return tail - head;
    }

    boolean isEmpty() {
        return tail == head;
    }

    void append(byte[] data, int offset, int length) {
        if (length > bytes.length - tail) {
            makeRoom(length);
        }
        System.arraycopy(data, offset, bytes, tail, length);
        tail += length;
    }

    /**
     * Appends all of {@code data}, which the caller gives up: kept as it is when the queue is
     * empty, unless the queue's own array is larger (grown by messages that came in several
     * reads: it is kept for them, rather than grown again for each).
     */
    void appendOwned(byte[] data) {
        if (isEmpty() && bytes.length <= data.length) {
            bytes = data;
            head = 0;
            tail = data.length;
        } else {
            append(data, 0, data.length);
        }
    }

    private void makeRoom(int length) {
        int size = size();
        int needed = size + length;
        if (needed < 0) {
            throw new OutOfMemoryError("a stream buffer cannot hold more than 2 GiB");
        }
        if (needed <= bytes.length && size <= bytes.length / 2) {
            System.arraycopy(bytes, head, bytes, 0, size);
        } else {
            int capacity = Math.max(needed, Math.max(256, bytes.length * 2));
            if (capacity < 0) {
                capacity = Integer.MAX_VALUE - 8;
            }
            byte[] grown = new byte[capacity];
            System.arraycopy(bytes, head, grown, 0, size);
            bytes = grown;
        }
        head = 0;
        tail = size;
    }

    /** The index (from the head) where {@code sep} starts at or after {@code from}, or -1. */
    int indexOf(byte[] sep, int from) {
        int last = tail - sep.length;
        byte first = sep[0];
        for (int i = head + Math.max(0, from); i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            int j = 1;
            while (j < sep.length && bytes[i + j] == sep[j]) {
                j++;
            }
            if (j == sep.length) {
                return i - head;
            }
        }
        return -1;
    }

    /** Whether {@code sep} starts at index {@code at} (from the head). */
    boolean startsWith(byte[] sep, int at) {
        if (at < 0 || at + sep.length > size()) {
            return false;
        }
        return Arrays.equals(bytes, head + at, head + at + sep.length, sep, 0, sep.length);
    }

    /** Removes and returns the first {@code n} bytes ({@code n <= size()}). */
    byte[] take(int n) {
        if (head == 0 && n == bytes.length && n > 0) {
            byte[] whole = bytes;
            bytes = EMPTY;
            tail = 0;
            return whole;
        }
        byte[] out = Arrays.copyOfRange(bytes, head, head + n);
        discard(n);
        return out;
    }

    /** Removes the first {@code n} bytes ({@code n <= size()}). */
    void discard(int n) {
        head += n;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    /** Removes and returns every byte. */
    byte[] takeAll() {
        return take(size());
    }

    void clear() {
        head = 0;
        tail = 0;
    }
}
