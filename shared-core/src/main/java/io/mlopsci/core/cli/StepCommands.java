package io.mlopsci.core.cli;

import io.mlopsci.contract.DeployCanaryOptions;
import io.mlopsci.contract.MonitorOptions;
import io.mlopsci.contract.NoOptions;
import io.mlopsci.contract.PackageOptions;
import io.mlopsci.contract.RollbackOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.StepOptions;
import io.mlopsci.contract.TrainOptions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The seven step commands: each parses the step's own switches into its options record. Names come
 * from the contract, descriptions from it too ({@link Subcommands}).
 */
final class StepCommands {

    private StepCommands() {}

    @Command(name = StepId.Names.VALIDATE_DATA, mixinStandardHelpOptions = true)
    static final class ValidateData extends StepCommand {
        @Override
        StepOptions options() {
            return NoOptions.INSTANCE;
        }
    }

    @Command(name = StepId.Names.TRAIN, mixinStandardHelpOptions = true)
    static final class Train extends StepCommand {
        @Option(
                names = TrainOptions.NO_CACHE,
                description = "Train even when the run cache has a run with the same inputs.")
        boolean noCache;

        @Option(
                names = TrainOptions.RECORD_ONLY,
                description = "Do not train: record the outputs an earlier `mlops train` trained but could not record"
                        + " (the registry was down); they wait in <out>/train/pending-run.json.")
        boolean recordOnly;

        @Override
        StepOptions options() {
            return new TrainOptions(noCache, recordOnly);
        }
    }

    @Command(name = StepId.Names.EVALUATE_GATE, mixinStandardHelpOptions = true)
    static final class EvaluateGate extends StepCommand {
        @Override
        StepOptions options() {
            return NoOptions.INSTANCE;
        }
    }

    @Command(name = StepId.Names.PACKAGE, mixinStandardHelpOptions = true)
    static final class Package extends StepCommand {
        @Option(
                names = PackageOptions.MODEL_VERSION,
                paramLabel = "VERSION",
                description = "Package this registered version (default: the one the last evaluate-gate registered).")
        String modelVersion;

        @Override
        StepOptions options() {
            return new PackageOptions(modelVersion);
        }
    }

    @Command(name = StepId.Names.DEPLOY_CANARY, mixinStandardHelpOptions = true)
    static final class DeployCanary extends StepCommand {
        @Option(
                names = DeployCanaryOptions.MODEL_VERSION,
                paramLabel = "VERSION",
                description =
                        "Deploy this registered version (default: the one the last package or evaluate-gate produced).")
        String modelVersion;

        @Override
        StepOptions options() {
            return new DeployCanaryOptions(modelVersion);
        }
    }

    @Command(name = StepId.Names.ROLLBACK, mixinStandardHelpOptions = true)
    static final class Rollback extends StepCommand {
        @Option(
                names = RollbackOptions.IN_FLIGHT_ONLY,
                description = "Only undo a deployment that did not finish; leave a completed promotion in place.")
        boolean inFlightOnly;

        @Override
        StepOptions options() {
            return new RollbackOptions(inFlightOnly);
        }
    }

    @Command(name = StepId.Names.MONITOR, mixinStandardHelpOptions = true)
    static final class Monitor extends StepCommand {
        @Option(
                names = MonitorOptions.AT,
                paramLabel = "INSTANT",
                converter = InstantConverter.class,
                description = "Check the window that ends at this ISO-8601 instant (e.g. 2026-01-05T00:00:00Z)"
                        + " instead of now: re-check a past window once its labels arrived, or backfill.")
        Instant at;

        @Override
        StepOptions options() {
            return new MonitorOptions(at);
        }
    }

    /** An ISO-8601 instant; anything else is a usage error that shows the expected form. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "expected an ISO-8601 instant in UTC such as 2026-01-05T00:00:00Z, got '" + value + "'");
            }
        }
    }
}
