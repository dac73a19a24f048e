package io.mlopsci.core.cli;

import io.mlopsci.core.step.EngineVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code mlops} command; its subcommands are listed in {@link Subcommands}. */
@Command(
        name = "mlops",
        mixinStandardHelpOptions = true,
        versionProvider = MlopsCommand.Version.class,
        description = {
            "Model quality gates in CI: validate data, train, gate, package, deploy a canary, roll back,",
            "and monitor the model in production.",
            "",
            "Exit codes: 0 passed; 1 a quality gate or data check failed; 2 usage or configuration error;",
            "3 infrastructure or internal error. Results: <out>/<step>/result.json and report.{md,xml,html}."
        })
public final class MlopsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Prints the engine version. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {EngineVersion.tool()};
        }
    }
}
