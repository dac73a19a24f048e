package io.mlopsci.core.testing;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A step run in-process on a project directory: its result, what it printed, and what it wrote. */
public interface InProcessRun {

    StepResult result();

    /** What the step printed on stderr. */
    String stderr();

    /** The project directory. */
    Path dir();

    default Optional<Criterion> criterion(String id) {
        return result().criteria().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The criterion, or an error listing the ones there are, the step's error and its stderr. */
    default Criterion get(String id) {
        return criterion(id)
                .orElseThrow(() -> new AssertionError("no criterion " + id + " in "
                        + result().criteria().stream().map(Criterion::id).toList() + "; error: "
                        + result().error() + "\n" + stderr()));
    }

    /** A report the step wrote in its output directory, {@code .mlops/out/<step>/<name>}. */
    default String report(String step, String name) {
        try {
            return Files.readString(dir().resolve(".mlops/out").resolve(step).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
