package io.mlopsci.core.deploy.targets;

import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.registry.Registry;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a target works with.
 *
 * @param scratch  a directory for logs and fetched model files
 */
public record TargetContext(
        MlopsConfig config,
        DeployConfig deploy,
        Registry registry,
        Map<String, String> env,
        Progress progress,
        Path scratch) {}
