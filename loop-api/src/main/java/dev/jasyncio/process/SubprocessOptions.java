package dev.jasyncio.process;

import dev.jasyncio.net.StreamReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link Subprocesses} starts a process: where its standard streams go, its working directory,
 * its environment and the limit of its stream readers. Immutable; each setter returns a modified
 * copy.
 *
 * {@snippet :
 * SubprocessOptions options = SubprocessOptions.defaults()
 *     .stdout(Stdio.PIPE)
 *     .stderr(Stdio.STDOUT)              // both into one reader
 *     .cwd(Path.of("/tmp"));
 * }
 *
 * @apiNote asyncio: the keyword arguments {@code stdin}, {@code stdout}, {@code stderr},
 *     {@code cwd}, {@code env} and {@code limit} of {@code asyncio.create_subprocess_exec()}.
 *     As there, every stream is inherited by default.
 */
public final class SubprocessOptions {
    private static final SubprocessOptions DEFAULTS =
        new SubprocessOptions(Stdio.INHERIT, Stdio.INHERIT, Stdio.INHERIT, null, null, StreamReader.DEFAULT_LIMIT);

    private final Stdio stdin;
    private final Stdio stdout;
    private final Stdio stderr;
    private final Path cwd;
    private final Map<String, String> environment;
    private final int limit;

    private SubprocessOptions(Stdio stdin, Stdio stdout, Stdio stderr, Path cwd, Map<String, String> environment, int limit) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.cwd = cwd;
        this.environment = environment;
        this.limit = limit;
    }

    /**
     * Every stream inherited, the JVM's working directory and environment, stream limit 64 KiB.
     *
     * @apiNote asyncio: the defaults of {@code create_subprocess_exec()}.
     */
    public static SubprocessOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Pipes on all three streams (stdin, stdout, stderr), the rest as {@link #defaults()}.
     *
     * @apiNote asyncio: {@code stdin=PIPE, stdout=PIPE, stderr=PIPE}.
     */
    public static SubprocessOptions pipes() {
        return DEFAULTS.stdin(Stdio.PIPE).stdout(Stdio.PIPE).stderr(Stdio.PIPE);
    }

    /**
     * Where stdin comes from.
     *
     * @throws IllegalArgumentException for {@link Stdio#STDOUT}
     * @apiNote asyncio: {@code stdin=}.
     */
    public SubprocessOptions stdin(Stdio where) {
        if (Objects.requireNonNull(where, "stdin") == Stdio.STDOUT) {
            throw new IllegalArgumentException("stdin cannot be Stdio.STDOUT: only stderr can go to stdout");
        }
        return new SubprocessOptions(where, stdout, stderr, cwd, environment, limit);
    }

    /**
     * Where stdout goes.
     *
     * @throws IllegalArgumentException for {@link Stdio#STDOUT}
     * @apiNote asyncio: {@code stdout=}.
     */
    public SubprocessOptions stdout(Stdio where) {
        if (Objects.requireNonNull(where, "stdout") == Stdio.STDOUT) {
            throw new IllegalArgumentException("stdout cannot be Stdio.STDOUT: only stderr can go to stdout");
        }
        return new SubprocessOptions(stdin, where, stderr, cwd, environment, limit);
    }

    /**
     * Where stderr goes; {@link Stdio#STDOUT} sends it wherever stdout goes.
     *
     * @apiNote asyncio: {@code stderr=}.
     */
    public SubprocessOptions stderr(Stdio where) {
        return new SubprocessOptions(stdin, stdout, Objects.requireNonNull(where, "stderr"), cwd, environment, limit);
    }

    /**
     * The working directory of the process; null: the JVM's.
     *
     * @apiNote asyncio: {@code cwd=}.
     */
    public SubprocessOptions cwd(Path directory) {
        return new SubprocessOptions(stdin, stdout, stderr, directory, environment, limit);
    }

    /**
     * The whole environment of the process (copied), replacing the JVM's; null: the JVM's.
     *
     * @apiNote asyncio: {@code env=}.
     */
    public SubprocessOptions environment(Map<String, String> variables) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, variables == null ? null : Map.copyOf(variables), limit);
    }

    /**
     * The limit of the stdout and stderr readers (see {@link StreamReader#limit()}).
     *
     * @throws IllegalArgumentException if {@code bytes < 1}
     * @apiNote asyncio: {@code limit=}.
     */
    public SubprocessOptions limit(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("limit must be at least 1 byte, was " + bytes);
        }
        return new SubprocessOptions(stdin, stdout, stderr, cwd, environment, bytes);
    }

    /**
     * Where stdin comes from.
     *
     * @apiNote asyncio: {@code stdin=}.
     */
    public Stdio stdin() {
        return stdin;
    }

    /**
     * Where stdout goes.
     *
     * @apiNote asyncio: {@code stdout=}.
     */
    public Stdio stdout() {
        return stdout;
    }

    /**
     * Where stderr goes.
     *
     * @apiNote asyncio: {@code stderr=}.
     */
    public Stdio stderr() {
        return stderr;
    }

    /**
     * The working directory, or null for the JVM's.
     *
     * @apiNote asyncio: {@code cwd=}.
     */
    public Path cwd() {
        return cwd;
    }

    /**
     * The environment, or null for the JVM's.
     *
     * @apiNote asyncio: {@code env=}.
     */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * The stream limit.
     *
     * @apiNote asyncio: {@code limit=}.
     */
    public int limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "SubprocessOptions[stdin=" + stdin + ", stdout=" + stdout + ", stderr=" + stderr
            + (cwd != null ? ", cwd=" + cwd : "")
            + (environment != null ? ", environment=" + environment.size() + " variables" : "")
            + ", limit=" + limit + "]";
    }
}
