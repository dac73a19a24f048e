package io.mlopsci.core.data.engine;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.console.Progress;
import java.nio.file.Path;
import java.util.Map;

/**
 * What an engine is opened with.
 *
 * @param data        the {@code data} section (the engine's settings, the sources)
 * @param environment the step's environment (where a token variable is looked up; never printed)
 * @param progress    where progress lines go
 * @param workDir     a directory the engine may use for its own files, deleted after the step
 */
public record EngineContext(DataConfig data, Map<String, String> environment, Progress progress, Path workDir) {
    public EngineContext {
        environment = Map.copyOf(environment);
    }
}
