package io.mlopsci.core.cli;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.contract.result.ErrorInfo;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.pipeline.Steps;
import io.mlopsci.core.step.StepOptions;
import io.mlopsci.core.step.StepRunner;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that runs one step (its name is the command's name). */
abstract class StepCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** Step-specific switches; subclasses add theirs. */
    StepOptions stepOptions() {
        return new StepOptions(false, common.quiet, Map.of());
    }

    @Override
    public Integer call() {
        String name = spec.name();
        Invocation inv = new Invocation(common, System.getenv(), System.out, System.err);
        return inv.run(
                name,
                stepOptions(),
                ctx -> Steps.byName(name)
                        .map(step -> StepRunner.run(step, ctx))
                        .orElseGet(() -> StepResult.builder(name)
                                .verdict(Verdict.ERROR)
                                .exitCode(ExitCodes.INFRASTRUCTURE_ERROR)
                                .error(new ErrorInfo(
                                        "internal", name + " is not available in this engine version", null))
                                .summary(name + " is not available in this engine version")
                                .build()));
    }
}
