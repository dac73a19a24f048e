package io.mlopsci.contract;

import java.util.List;

/** A step without switches of its own (validate-data, evaluate-gate). */
public record NoOptions() implements StepOptions {

    public static final NoOptions INSTANCE = new NoOptions();

    @Override
    public List<String> arguments() {
        return List.of();
    }
}
