package io.mlopsci.core.publish;

import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a result.json for publishing; a missing or unreadable file is the caller's error (exit 2). */
public final class ResultFiles {

    private ResultFiles() {}

    public static StepResult read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MlopsException.input("no result file at " + file + " (expected a result.json a step wrote)");
        }
        try {
            StepResult r = Json.read(file, StepResult.class);
            if (r == null || r.step() == null || r.verdict() == null) {
                throw MlopsException.input(file + " is not a step result (no step or verdict)");
            }
            if (r.schemaVersion() > StepResult.SCHEMA_VERSION) {
                throw MlopsException.input(file + " has schema version " + r.schemaVersion()
                        + "; this engine reads up to " + StepResult.SCHEMA_VERSION);
            }
            return r;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MlopsException m) {
                throw m;
            }
            throw MlopsException.input("cannot read " + file + " as a step result: " + e.getMessage(), e);
        }
    }
}
