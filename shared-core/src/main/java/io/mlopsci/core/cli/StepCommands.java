package io.mlopsci.core.cli;

import io.mlopsci.core.step.StepOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The six step commands. */
final class StepCommands {

    private StepCommands() {}

    @Command(
            name = "validate-data",
            mixinStandardHelpOptions = true,
            description = "Check the data files (schema, constraints, leakage, drift) before training.")
    static final class ValidateData extends StepCommand {}

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "Run the training command (or reuse a cached run) and record the run in the registry.")
    static final class Train extends StepCommand {
        @Option(names = "--no-cache", description = "Train even when the run cache has a run with the same inputs.")
        boolean noCache;

        @Option(
                names = "--record-only",
                description = "Do not train: record the outputs an earlier `mlops train` trained but could not record"
                        + " (the registry was down); they wait in <out>/train/pending-run.json.")
        boolean recordOnly;

        @Override
        StepOptions stepOptions() {
            return new StepOptions(
                    noCache,
                    common.quiet,
                    recordOnly ? Map.of(io.mlopsci.core.train.TrainStep.RECORD_ONLY, "true") : Map.of());
        }
    }

    @Command(
            name = "evaluate-gate",
            mixinStandardHelpOptions = true,
            description =
                    "Judge the trained candidate against absolute thresholds and the champion; register and promote it when it passes.")
    static final class EvaluateGate extends StepCommand {}

    @Command(
            name = "package",
            mixinStandardHelpOptions = true,
            description = "Build the model's OCI image and record its digest on the model version.")
    static final class Package extends StepCommand {
        @Option(
                names = "--model-version",
                paramLabel = "VERSION",
                description = "Package this registered version (default: the one the last evaluate-gate registered).")
        String modelVersion;

        @Override
        StepOptions stepOptions() {
            return new StepOptions(
                    false,
                    common.quiet,
                    modelVersion == null
                            ? Map.of()
                            : Map.of(io.mlopsci.core.packaging.PackageStep.VERSION_FLAG, modelVersion));
        }
    }

    @Command(
            name = "deploy-canary",
            mixinStandardHelpOptions = true,
            description = "Shift traffic to the new version step by step, analyse it, then promote or roll back.")
    static final class DeployCanary extends StepCommand {
        @Option(
                names = "--model-version",
                paramLabel = "VERSION",
                description =
                        "Deploy this registered version (default: the one the last package or evaluate-gate produced).")
        String modelVersion;

        @Override
        StepOptions stepOptions() {
            return new StepOptions(
                    false,
                    common.quiet,
                    modelVersion == null
                            ? Map.of()
                            : Map.of(io.mlopsci.core.deploy.DeployCanaryStep.VERSION_FLAG, modelVersion));
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = "Restore the previous stable version: traffic, running version and registry alias.")
    static final class Rollback extends StepCommand {
        @Option(
                names = "--in-flight-only",
                description = "Only undo a deployment that did not finish; leave a completed promotion in place.")
        boolean inFlightOnly;

        @Override
        StepOptions stepOptions() {
            return new StepOptions(
                    false,
                    common.quiet,
                    inFlightOnly
                            ? Map.of(io.mlopsci.core.deploy.rollback.RollbackStep.IN_FLIGHT_ONLY, "true")
                            : Map.of());
        }
    }
}
