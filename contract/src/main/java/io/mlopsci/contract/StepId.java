package io.mlopsci.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The steps of the CLI contract, in pipeline order, and {@code run}, which runs them. Each step's
 * name is written here once; the CLI, {@code mlops run}, {@code validate-config}, the GitHub Action
 * and the Jenkins plugin all take it from here (the engine's catalog adds what each step does).
 */
public enum StepId {
    VALIDATE_DATA(Names.VALIDATE_DATA, "Check the data files (schema, constraints, leakage, drift) before training."),
    TRAIN(
            Names.TRAIN,
            "Run the training command (or reuse a cached run) and record the run in the registry.",
            TrainOptions.NO_CACHE,
            TrainOptions.RECORD_ONLY),
    EVALUATE_GATE(
            Names.EVALUATE_GATE,
            "Judge the trained candidate against absolute thresholds and the champion; register and promote it"
                    + " when it passes."),
    PACKAGE(
            Names.PACKAGE,
            "Build the model's OCI image and record its digest on the model version.",
            PackageOptions.MODEL_VERSION),
    DEPLOY_CANARY(
            Names.DEPLOY_CANARY,
            "Shift traffic to the new version step by step, analyse it, then promote or roll back.",
            DeployCanaryOptions.MODEL_VERSION),
    ROLLBACK(
            Names.ROLLBACK,
            "Restore the previous stable version: traffic, running version and registry alias.",
            RollbackOptions.IN_FLIGHT_ONLY),
    /**
     * Watches the model in production on a schedule: drift, data rules, live metrics, volume and
     * freshness of a window of its prediction records. Not part of {@code run}.
     */
    MONITOR(
            Names.MONITOR,
            "Check the production records of a time window against the champion's training data and the gate's"
                    + " rules; record the window and say whether to retrain.",
            MonitorOptions.AT),
    /** Not a step: every configured step in order. Its summary is {@code <out>/result.json}. */
    RUN(Names.RUN, "Run every configured step in order; stop at the first that does not pass.", RunOptions.NO_CACHE);

    /**
     * The names as compile-time constants, for annotations (picocli's {@code @Command(name = ...)})
     * and {@code switch} labels. Use the enum everywhere else.
     */
    public static final class Names {
        public static final String VALIDATE_DATA = "validate-data";
        public static final String TRAIN = "train";
        public static final String EVALUATE_GATE = "evaluate-gate";
        public static final String PACKAGE = "package";
        public static final String DEPLOY_CANARY = "deploy-canary";
        public static final String ROLLBACK = "rollback";
        public static final String MONITOR = "monitor";
        public static final String RUN = "run";

        private Names() {}
    }

    private final String id;
    private final String summary;

    @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
    private final List<String> switches;

    StepId(String id, String summary, String... switches) {
        this.id = id;
        this.summary = summary;
        this.switches = List.of(switches);
    }

    /** The name on the command line and in {@code result.json}, e.g. {@code evaluate-gate}. */
    public String id() {
        return id;
    }

    /** One line saying what the step does (CLI help, front ends' descriptions). */
    public String summary() {
        return summary;
    }

    /** The step-specific switches the CLI accepts after the common options (see the options records). */
    public List<String> switches() {
        return switches;
    }

    /** Every step, in order (without {@code run}): the six of the pipeline, then {@code monitor}. */
    public static List<StepId> steps() {
        return Arrays.stream(values()).filter(s -> s != RUN).toList();
    }

    /**
     * The six steps {@code run} runs, in pipeline order. {@code monitor} is not among them: it
     * watches production on its own schedule, not a commit.
     */
    public static List<StepId> pipeline() {
        return Arrays.stream(values()).filter(StepId::inPipeline).toList();
    }

    /** Whether {@code run} runs this step. */
    public boolean inPipeline() {
        return this != RUN && this != MONITOR;
    }

    /** The step (or {@code run}) with this name. */
    public static Optional<StepId> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** As {@link #of}, for input a user typed: the error names every valid value. */
    public static StepId parse(String id) {
        return of(id == null ? "" : id.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("expected one of "
                        + Arrays.stream(values()).map(StepId::id).collect(Collectors.joining(", ")) + ", got '" + id
                        + "'"));
    }

    @Override
    public String toString() {
        return id;
    }
}
