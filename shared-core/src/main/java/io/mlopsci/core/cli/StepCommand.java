package io.mlopsci.core.cli;

import io.mlopsci.contract.StepId;
import io.mlopsci.contract.StepOptions;
import io.mlopsci.core.pipeline.StepCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that runs one step of the catalog (its name is the command's name). */
abstract class StepCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** The step's own switches, as its options record. */
    abstract StepOptions options();

    @Override
    public Integer call() {
        StepId step = StepId.of(spec.name()).orElseThrow();
        Invocation inv = new Invocation(common, System.getenv(), System.out, System.err);
        return inv.run(step, ctx -> StepCatalog.of(step).run(ctx, options()));
    }
}
