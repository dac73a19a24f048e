package io.mlopsci.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code train}: {@code --no-cache} trains even when the run cache has a run with the same inputs;
 * {@code --record-only} trains nothing and records the outputs an earlier {@code train} kept when it
 * could not record them (the registry was down). The two do not go together.
 */
public record TrainOptions(boolean noCache, boolean recordOnly) implements StepOptions {

    public static final String NO_CACHE = "--no-cache";
    public static final String RECORD_ONLY = "--record-only";

    @Override
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (noCache) {
            args.add(NO_CACHE);
        }
        if (recordOnly) {
            args.add(RECORD_ONLY);
        }
        return List.copyOf(args);
    }
}
