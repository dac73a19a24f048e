package io.mlopsci.contract;

import java.util.List;

/** {@code run}: {@code --no-cache} is passed on to its train step. */
public record RunOptions(boolean noCache) implements StepOptions {

    public static final String NO_CACHE = TrainOptions.NO_CACHE;

    /** What the train step of this run is asked. */
    public TrainOptions train() {
        return new TrainOptions(noCache, false);
    }

    @Override
    public List<String> arguments() {
        return noCache ? List.of(NO_CACHE) : List.of();
    }
}
