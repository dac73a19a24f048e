package io.mlopsci.contract;

import java.util.List;

/**
 * {@code deploy-canary}: {@code --model-version V} deploys a registered version; null takes the one
 * the last package or evaluate-gate produced.
 */
public record DeployCanaryOptions(String modelVersion) implements StepOptions {

    public static final String MODEL_VERSION = PackageOptions.MODEL_VERSION;

    @Override
    public List<String> arguments() {
        return modelVersion == null ? List.of() : List.of(MODEL_VERSION, modelVersion);
    }
}
