package io.mlopsci.core.step;

import java.util.Map;

/**
 * Per-invocation switches that are not part of mlops.yaml.
 *
 * @param noCache      force training even when the run cache has a hit
 * @param quiet        no progress lines on stderr
 * @param flags        step-specific options from the command line (e.g. {@code image.digest})
 * @param invocationId the front end's id of this CLI invocation ({@code --invocation-id}), echoed
 *                     in every result.json it writes so that a front end accepts only results of
 *                     its own invocation; null when none was given
 */
public record StepOptions(boolean noCache, boolean quiet, Map<String, String> flags, String invocationId) {

    public StepOptions {
        flags = Map.copyOf(flags);
    }

    public StepOptions(boolean noCache, boolean quiet, Map<String, String> flags) {
        this(noCache, quiet, flags, null);
    }

    public static StepOptions defaults() {
        return new StepOptions(false, false, Map.of());
    }

    public StepOptions withInvocationId(String id) {
        return new StepOptions(noCache, quiet, flags, id);
    }

    /** The same invocation with other step-specific flags. */
    public StepOptions withFlags(Map<String, String> other) {
        return new StepOptions(noCache, quiet, other, invocationId);
    }
}
