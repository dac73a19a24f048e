package io.mlopsci.contract;

import java.util.List;

/**
 * A step's own switches, typed: what a front end asks of one step beyond the common options
 * ({@code --config}, {@code --workdir}, {@code --out}, {@code --set}). The CLI parses them into
 * these records and the engine's steps read them; front ends turn them into arguments.
 */
public sealed interface StepOptions
        permits NoOptions,
                TrainOptions,
                PackageOptions,
                DeployCanaryOptions,
                RollbackOptions,
                MonitorOptions,
                RunOptions {

    /** The switches as CLI arguments, e.g. {@code [--no-cache]}. */
    List<String> arguments();
}
