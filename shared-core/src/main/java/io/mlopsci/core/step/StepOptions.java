package io.mlopsci.core.step;

import java.util.Map;

/**
 * Per-invocation switches that are not part of mlops.yaml.
 *
 * @param noCache  force training even when the run cache has a hit
 * @param quiet    no progress lines on stderr
 * @param flags    step-specific options from the command line (e.g. {@code image.digest})
 */
public record StepOptions(boolean noCache, boolean quiet, Map<String, String> flags) {

    public StepOptions {
        flags = Map.copyOf(flags);
    }

    public static StepOptions defaults() {
        return new StepOptions(false, false, Map.of());
    }
}
