package dev.jasyncio.process;

import dev.jasyncio.net.Protocol;

/**
 * The first protocol of a pipe transport: passes its data and flow control to the subprocess
 * protocol, tagged with the pipe's fd. (Its loss reaches the process transport directly, so a
 * protocol set later, such as a stream writer's, changes nothing there.)
 */
final class PipeProtocol implements Protocol {
    private final ProcessTransport owner;
    private final int fd;

    PipeProtocol(ProcessTransport owner, int fd) {
        this.owner = owner;
        this.fd = fd;
    }

    @Override
    public void dataReceived(byte[] data) {
        owner.protocol().pipeDataReceived(fd, data);
    }

    @Override
    public void pauseWriting() {
        owner.protocol().pauseWriting();
    }

    @Override
    public void resumeWriting() {
        owner.protocol().resumeWriting();
    }

    @Override
    public String toString() {
        return "PipeProtocol[fd " + fd + " of " + owner + "]";
    }
}
