package dev.jasyncio.process;

/**
 * Where a subprocess's standard stream goes, in {@link SubprocessOptions}.
 *
 * @apiNote asyncio: the {@code stdin}/{@code stdout}/{@code stderr} arguments of
 *     {@code create_subprocess_exec}: {@code subprocess.PIPE}, {@code None} (inherited),
 *     {@code subprocess.DEVNULL} and {@code subprocess.STDOUT}. File objects and descriptors are
 *     not offered.
 */
public enum Stdio {
    /**
     * A pipe to this process: a {@link dev.jasyncio.net.StreamWriter} for stdin, a
     * {@link dev.jasyncio.net.StreamReader} for the others.
     */
    PIPE,
    /** The stream of the JVM itself. */
    INHERIT,
    /** Nothing: stdin reads an immediate end of file, output is discarded. */
    DEVNULL,
    /** stderr only: into the same destination as stdout (a pipe, the JVM's stdout, or nowhere). */
    STDOUT
}
