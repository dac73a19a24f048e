package io.mlopsci.core.cli;

import io.mlopsci.contract.RunOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.core.pipeline.Pipeline;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mlops run}: all configured steps in order (the description lists them, see {@link Subcommands}). */
@Command(name = StepId.Names.RUN, mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = RunOptions.NO_CACHE, description = "Train even when the run cache has a run with the same inputs.")
    boolean noCache;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(common, System.getenv(), System.out, System.err);
        RunOptions options = new RunOptions(noCache);
        return inv.run(StepId.RUN, ctx -> Pipeline.run(ctx, options));
    }
}
