package io.mlopsci.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Python with scikit-learn that sample projects train with: {@code MLOPS_PYTHON} when set, else
 * the virtualenv scripts/setup.sh creates ({@code .ci/cache/venv}), else {@code python3} on PATH.
 */
public final class PythonEnv {

    private static volatile Path found;

    private PythonEnv() {}

    /** The interpreter, after checking it imports scikit-learn (skips or fails the test otherwise). */
    public static Path python() {
        if (found != null) {
            return found;
        }
        String env = System.getenv("MLOPS_PYTHON");
        Path venv = Requirements.repoRoot().resolve(".ci/cache/venv/bin/python");
        Path candidate = env != null ? Path.of(env) : Files.isExecutable(venv) ? venv : Path.of("python3");
        boolean ok;
        try {
            ok = Processes.run(
                                    List.of(candidate.toString(), "-c", "import sklearn, numpy, scipy"),
                                    null,
                                    Map.of(),
                                    Duration.ofMinutes(1))
                            .exitCode()
                    == 0;
        } catch (RuntimeException e) {
            ok = false;
        }
        Requirements.require(ok, "Python with scikit-learn, numpy and scipy (" + candidate + ")");
        found = candidate;
        return candidate;
    }

    /** A PATH on which {@code python3} and {@code python} are that interpreter. */
    public static String pathWithPython() {
        Path py = python();
        String dir = py.isAbsolute() ? py.getParent().toString() : null;
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return dir == null ? path : dir + ":" + path;
    }
}
