package io.mlopsci.core.cli;

import io.mlopsci.contract.result.ResultFreshness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every step command takes. */
public final class CommonOptions {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "mlops.yaml",
            description = "The pipeline configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(
            names = "--workdir",
            paramLabel = "DIR",
            description = "Directory relative paths start from (default: the config file's directory).")
    Path workdir;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where results and reports go (default: <workdir>/.mlops/out).")
    Path out;

    @Option(
            names = "--set",
            paramLabel = "PATH=VALUE",
            description = "Override a configuration value, e.g. --set gate.metrics.f1.min=0.8 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--branch",
            description = "The branch this build is for (wins over MLOPS_BRANCH, the CI system's variables and the git"
                    + " checkout); promotion compares it with gate.promote.branches.")
    String branch;

    @Option(
            names = ResultFreshness.OPTION,
            paramLabel = "ID",
            description = "For CI front ends: an id of this invocation (1-128 letters, digits, . _ : -), written as"
                    + " 'invocation' into every result.json it writes, so that a result left by another run is never"
                    + " taken for this one's.")
    String invocationId;

    @Option(names = "--json", description = "Print result.json to stdout.")
    boolean json;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress lines on stderr (warnings and errors still appear).")
    boolean quiet;
}
