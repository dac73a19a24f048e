package io.mlopsci.core.cli;

import io.mlopsci.core.pipeline.Pipeline;
import io.mlopsci.core.step.StepOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mlops run}: all configured steps in order. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run every configured step in order: validate-data, train, evaluate-gate, package, deploy-canary.",
            "Stops at the first step that does not pass; writes a summary to <out>/result.json."
        })
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--no-cache", description = "Train even when the run cache has a run with the same inputs.")
    boolean noCache;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(common, System.getenv(), System.out, System.err);
        return inv.run(Pipeline.NAME, new StepOptions(noCache, common.quiet, Map.of()), Pipeline::run);
    }
}
