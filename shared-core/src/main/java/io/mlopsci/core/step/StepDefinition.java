package io.mlopsci.core.step;

import io.mlopsci.contract.RunOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.StepOptions;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.preflight.Need;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Everything the engine knows about one step, in one place: its id, its options record (and what
 * {@code mlops run} passes it), when mlops.yaml asks for it, and how to make it. Each step class
 * declares its definition; the pipeline's catalog lists them in order.
 *
 * @param id          the step
 * @param optionsType its options record
 * @param inRun       its options when {@code mlops run} runs it
 * @param configured  whether a configuration asks for it
 * @param factory     makes the step
 * @param recovery    for a step that {@code run} starts only to clean up after another (rollback)
 * @param <O>         the options record
 */
public record StepDefinition<O extends StepOptions>(
        StepId id,
        Class<O> optionsType,
        Function<RunOptions, O> inRun,
        Predicate<MlopsConfig> configured,
        Supplier<? extends Step<O>> factory,
        Optional<Recovery<O>> recovery) {

    /** {@code run} starts the step only after {@code after} failed, with these options. */
    public record Recovery<O extends StepOptions>(StepId after, O options) {}

    public StepDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(optionsType, "optionsType");
        Objects.requireNonNull(inRun, "inRun");
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(recovery, "recovery");
    }

    /** A step that {@code run} runs in order when it is configured, with {@code defaults}. */
    public static <O extends StepOptions> StepDefinition<O> of(
            StepId id,
            Class<O> optionsType,
            O defaults,
            Predicate<MlopsConfig> configured,
            Supplier<? extends Step<O>> factory) {
        return new StepDefinition<>(id, optionsType, run -> defaults, configured, factory, Optional.empty());
    }

    /** The same step, given these options by {@code mlops run}. */
    public StepDefinition<O> inRun(Function<RunOptions, O> options) {
        return new StepDefinition<>(id, optionsType, options, configured, factory, recovery);
    }

    /** The same step, run by {@code mlops run} only to recover from a failed {@code after}. */
    public StepDefinition<O> recovers(StepId after, O options) {
        return new StepDefinition<>(
                id, optionsType, inRun, configured, factory, Optional.of(new Recovery<>(after, options)));
    }

    public boolean isConfigured(MlopsConfig config) {
        return configured.test(config);
    }

    /** The backends the step will use with these options (its own type), for the preflight. */
    public List<Need> needs(StepContext ctx, StepOptions options) {
        return factory.get().needs(ctx, optionsType.cast(options));
    }

    /** Runs the step with options of its own type (anything else is the caller's bug). */
    public StepResult run(StepContext ctx, StepOptions options) {
        return StepRunner.run(this, optionsType.cast(options), ctx);
    }
}
