package dev.jasyncio.process;

/**
 * What {@link Subprocess#communicate(byte[])} read from the process, to the end of each stream.
 *
 * @param stdout everything the process wrote to stdout, or null unless stdout was {@link Stdio#PIPE}
 * @param stderr everything it wrote to stderr, or null unless stderr was {@link Stdio#PIPE}
 * @apiNote asyncio: the {@code (stdout_data, stderr_data)} tuple of {@code Process.communicate()}.
 */
public record ProcessOutput(byte[] stdout, byte[] stderr) {
}
