package io.mlopsci.core.publish;

import io.mlopsci.contract.result.ResultFormatException;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.error.MlopsException;
import java.nio.file.Path;

/** Reads a result.json for publishing; a missing or unreadable file is the caller's error (exit 2). */
public final class ResultFiles {

    private ResultFiles() {}

    public static StepResult read(Path file) {
        try {
            return ResultJson.read(file);
        } catch (ResultFormatException e) {
            throw MlopsException.input(e.getMessage(), e);
        }
    }
}
