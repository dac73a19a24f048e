package io.mlopsci.contract;

import java.util.List;

/** {@code train}: {@code --no-cache} trains even when the run cache has a run with the same inputs. */
public record TrainOptions(boolean noCache) implements StepOptions {

    public static final String NO_CACHE = "--no-cache";

    @Override
    public List<String> arguments() {
        return noCache ? List.of(NO_CACHE) : List.of();
    }
}
