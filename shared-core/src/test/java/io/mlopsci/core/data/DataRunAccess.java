package io.mlopsci.core.data;

import io.mlopsci.contract.result.StepResult;
import java.nio.file.Path;

/** For tests in sub-packages: runs validate-data in-process on an mlops.yaml. */
public final class DataRunAccess {

    private DataRunAccess() {}

    public static StepResult run(Path dir, String yaml) {
        return DataRun.of(dir, yaml).result();
    }
}
