package io.mlopsci.contract;

import java.util.List;

/** {@code package}: {@code --model-version V} packages a registered version; null takes the gate's. */
public record PackageOptions(String modelVersion) implements StepOptions {

    public static final String MODEL_VERSION = "--model-version";

    @Override
    public List<String> arguments() {
        return modelVersion == null ? List.of() : List.of(MODEL_VERSION, modelVersion);
    }
}
