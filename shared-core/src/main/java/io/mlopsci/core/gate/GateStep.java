package io.mlopsci.core.gate;

import io.mlopsci.contract.Layout;
import io.mlopsci.contract.NoOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.GateOutputs;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Timing;
import io.mlopsci.contract.result.TrainOutputs;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.preflight.Backend;
import io.mlopsci.core.preflight.Need;
import io.mlopsci.core.registry.AliasChange;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.registry.RegistryException;
import io.mlopsci.core.registry.RunRecord;
import io.mlopsci.core.scoring.Predictions;
import io.mlopsci.core.scoring.read.PredictionsReader;
import io.mlopsci.core.step.RunReports;
import io.mlopsci.core.step.Step;
import io.mlopsci.core.step.StepContext;
import io.mlopsci.core.step.StepDefinition;
import io.mlopsci.core.step.StepRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluate-gate step: the candidate is the run the train step recorded; the baseline is the
 * version the configured alias (champion) points to. Evaluates every rule, then — when the gate
 * passes — registers the candidate as a model version with the {@code candidate} alias, and on the
 * main branch (never for a pull request, and only when no deploy step will promote it) moves the
 * champion alias to it.
 */
public final class GateStep implements Step<NoOptions> {

    public static final StepDefinition<NoOptions> DEFINITION = StepDefinition.of(
            StepId.EVALUATE_GATE, NoOptions.class, NoOptions.INSTANCE, c -> c.gate() != null, GateStep::new);
    private static final StepId ID = StepId.EVALUATE_GATE;
    public static final String CANDIDATE_ALIAS = "candidate";
    private static final int HISTORY = 10;
    private static final int HISTORY_CHARTS = 3;

    @Override
    public void execute(StepContext ctx, NoOptions options, StepResult.Builder result) throws java.io.IOException {
        MlopsConfig config = ctx.config();
        GateConfig gate = config.gate();
        if (gate == null) {
            throw MlopsException.config("there is no 'gate' section in " + config.displayName(), null);
        }
        StepResult train = ctx.previous(StepId.TRAIN)
                .orElseThrow(() -> MlopsException.usage("no train result at "
                        + config.relative(config.stepOut(StepId.TRAIN).resolve(Layout.RESULT))
                        + ": run `mlops " + StepId.TRAIN + "` first; the gate evaluates the run it recorded"));
        String runId = train.outputs(TrainOutputs.class).runId();
        if (!train.verdict().passed() || runId == null) {
            throw MlopsException.usage(
                    "the last train step did not record a run (verdict " + train.verdict() + "); fix training first");
        }
        Registry registry = ctx.registry();
        long t0 = System.nanoTime();
        RunRecord run = registry.findRun(runId)
                .orElseThrow(() -> MlopsException.infrastructure(
                        "the train step's run " + runId + " is not in the " + registry.describe()));
        String recordRunId = recordRun(ctx, result, registry, run, train);
        result.model(new ModelRef(config.model(), null, runId))
                .outputs(GateOutputs.none().withInvocationRunId(recordRunId));
        TrainConfig.PredictionsConfig columns =
                config.train() == null ? null : config.train().predictions();
        Path cache = config.stepOut(ID).resolve(".artifacts");
        Path candidateFile = fetchPredictions(registry, run, columns, cache);
        PredictionsPrefetch baselineRead = prefetchBaseline(registry, config, runId, columns, cache);
        Predictions candidatePredictions = readPredictions(candidateFile, run, columns, "candidate");

        GateEvaluator.Baseline baseline = null;
        Optional<ModelVersion> champion =
                gate.baseline() == null ? Optional.empty() : registry.versionByAlias(config.model(), gate.baseline());
        // A run cache hit on the champion's own run: comparing a version with itself proves nothing.
        Optional<ModelVersion> self = champion.filter(v -> runId.equals(v.runId()));
        List<ChampionAsCandidate.NotApplicable> notApplicable = List.of();
        GateConfig rules = gate;
        if (self.isPresent()) {
            ModelVersion v = self.get();
            notApplicable = ChampionAsCandidate.changeRules(gate, v);
            rules = ChampionAsCandidate.withoutChangeRules(gate);
            result.outputs(GateOutputs.none().withChampionAsCandidate(v.version()));
            result.note("The candidate is the " + gate.baseline() + ": run " + runId + " is version " + v.version()
                    + ", which '" + gate.baseline() + "' already points to (a run cache hit reuses the "
                    + gate.baseline() + "'s own run). Absolute rules are checked; "
                    + (notApplicable.isEmpty()
                            ? "there are no change rules."
                            : "the " + notApplicable.size() + " change rule" + (notApplicable.size() == 1 ? "" : "s")
                                    + " would compare version " + v.version()
                                    + " with itself and are not applicable (listed apart, not passed)."));
            if (!notApplicable.isEmpty()) {
                result.outputs(GateOutputs.none()
                        .withNotApplicable(notApplicable.stream()
                                .map(ChampionAsCandidate.NotApplicable::output)
                                .toList()));
                result.section(ChampionAsCandidate.section(notApplicable));
            }
        } else if (champion.isPresent()) {
            ModelVersion v = champion.get();
            RunRecord baseRun = registry.findRun(v.runId())
                    .orElseThrow(() -> MlopsException.infrastructure("version "
                            + v.version() + " (" + gate.baseline() + ") points to run " + v.runId()
                            + ", which is not in the "
                            + registry.describe()));
            Predictions basePredictions;
            Map<String, Double> baseMetrics = baseRun.metrics();
            GateOutputs.Rescored rescored = null;
            if (gate.evaluate() != null) {
                BaselineRescorer.Rescored r = BaselineRescorer.rescore(
                        ctx, registry, v, baseRun, config.stepOut(ID).resolve(".rescore"));
                basePredictions = r.predictions();
                if (!r.metrics().isEmpty()) {
                    Map<String, Double> merged = new LinkedHashMap<>(baseMetrics);
                    merged.putAll(r.metrics());
                    baseMetrics = merged;
                }
                result.timing(
                        new Timing(r.cached() ? "re-scored baseline (cached)" : "re-score baseline", r.durationMs()));
                rescored = new GateOutputs.Rescored(
                        r.cached(), r.key(), r.dataHash(), r.predictions().size());
                result.note("The " + gate.baseline() + " (version " + v.version()
                        + ") was re-scored on this run's eval data ("
                        + config.relative(config.data().eval()) + ", sha256 "
                        + r.dataHash().substring(0, 12) + ", "
                        + r.predictions().size() + " rows) by gate.evaluate" + (r.cached() ? ", from the cache" : "")
                        + ".");
            } else {
                basePredictions = baselineRead
                        .take(baseRun.runId())
                        .orElseGet(() -> predictions(registry, baseRun, columns, cache, gate.baseline()));
            }
            baseline = new GateEvaluator.Baseline(gate.baseline(), v.version(), baseMetrics, basePredictions);
            result.outputs(GateOutputs.none().withBaseline(rescored, v.version(), baseRun.runId()));
        }
        result.timing(new Timing("load candidate and baseline", millis(t0)));

        ctx.progress()
                .phase("evaluating " + gate.metrics().size() + " metrics"
                        + (gate.slices().isEmpty()
                                ? ""
                                : " and " + gate.slices().size() + " slice rules")
                        + (self.isPresent()
                                ? " (the candidate is " + gate.baseline() + " v"
                                        + self.get().version() + ": absolute rules only)"
                                : baseline == null
                                        ? " (no baseline)"
                                        : " against " + gate.baseline() + " v" + baseline.version()));
        t0 = System.nanoTime();
        GateEvaluator.Outcome outcome = GateEvaluator.evaluate(
                rules, columns, new GateEvaluator.Candidate(run.metrics(), candidatePredictions), baseline);
        result.timing(new Timing("evaluate", millis(t0)));
        result.criteria(outcome.criteria());
        outcome.notes().forEach(result::note);
        result.outputs(GateOutputs.none()
                .withMetrics(outcome.candidateValues(), baseline == null ? null : outcome.baselineValues()));
        try {
            history(result, registry, config.model(), gate, outcome.candidateValues());
        } catch (RegistryException e) {
            // The history only illustrates the report; the verdict does not depend on it.
            ctx.progress().warn("the " + gate.promote().alias() + " history is not in the report: " + e.getMessage());
            result.note("The history of '" + gate.promote().alias() + "' could not be read: " + e.getMessage());
        }

        Verdict verdict = result.verdictFromCriteria();
        result.outputs(GateOutputs.none().withRunId(runId));
        if (!notApplicable.isEmpty()) {
            result.summary(StepRunner.summarize(result.criteria(), verdict) + "; " + notApplicable.size()
                    + " change rule" + (notApplicable.size() == 1 ? "" : "s") + " not applicable: the candidate is "
                    + gate.baseline() + " v" + self.get().version());
        }
        if (verdict.passed()) {
            register(ctx, result, registry, gate, runId, verdict, champion);
        } else {
            result.note("The gate failed: the candidate is not registered and the "
                    + (gate.baseline() == null
                            ? "registry is unchanged."
                            : "'" + gate.baseline() + "' alias is unchanged."));
        }
        Map<String, String> verdictTags = new LinkedHashMap<>();
        verdictTags.put("mlops.gate.verdict", verdict.name());
        if (baseline != null) {
            verdictTags.put("mlops.gate.baseline_version", baseline.version());
        }
        String registered = result.build().outputs(GateOutputs.class).modelVersion();
        if (registered != null) {
            verdictTags.put("mlops.model.version", registered);
        }
        if (self.isPresent()) {
            verdictTags.put("mlops.gate.candidate_is_champion", "true");
        }
        if (!recordRunId.equals(runId)) {
            verdictTags.put(RunRecord.TAG_REUSED_RUN, runId);
        }
        try {
            registry.tagRun(recordRunId, verdictTags);
        } catch (RegistryException e) {
            throw MlopsException.infrastructure(
                    "the gate's verdict is " + verdict + ", but recording it on run " + recordRunId + " failed: "
                            + e.getMessage() + "; " + state(result),
                    e);
        }
        result.outputs(GateOutputs.none().withVerdict(verdict));
    }

    @Override
    public List<Need> needs(StepContext ctx, NoOptions options) {
        List<Need> needs = new ArrayList<>(List.of(
                Need.of(Backend.TRACKING, ID),
                Need.of(Backend.MODEL_REGISTRY, ID),
                Need.of(Backend.ARTIFACT_STORE, ID)));
        MlopsConfig config = ctx.config();
        if (config.gate() != null
                && config.gate().evaluate() != null
                && config.train() != null
                && config.train().runner() == TrainConfig.Runner.DOCKER) {
            needs.add(Need.of(Backend.DOCKER, ID));
        }
        return needs;
    }

    @Override
    public void afterReports(StepContext ctx, StepResult written) {
        RunReports.attach(ctx, ID, written);
    }

    /** What the registry holds after a failure part-way through recording, for the message. */
    private static String state(StepResult.Builder result) {
        GateOutputs recorded = result.build().outputs(GateOutputs.class);
        return recorded.modelVersion() == null
                ? "the run is recorded; no model version was registered"
                : "the run is recorded and registered as version " + recorded.modelVersion()
                        + (Boolean.TRUE.equals(recorded.promoted()) ? " (promoted)" : "");
    }

    /**
     * Where this gate's verdict and reports go: the run the train step recorded for its invocation
     * (the trained run, or the run recording a cache hit), unless an earlier gate already recorded on
     * it; a run's record is written once, so then this gate records under a run of its own.
     */
    private static String recordRun(
            StepContext ctx, StepResult.Builder result, Registry registry, RunRecord candidate, StepResult train) {
        String invocation = train.outputs(TrainOutputs.class).invocationRunId();
        String id = invocation != null ? invocation : candidate.runId();
        Optional<RunRecord> record = id.equals(candidate.runId()) ? Optional.of(candidate) : registry.findRun(id);
        if (record.isPresent() && !hasGateRecord(record.get())) {
            return id;
        }
        RunRecord own = RunReports.recordReuse(ctx, registry, candidate);
        String why = record.isPresent()
                ? "run " + id + " already holds the verdict of an earlier gate, and a run's record is written once"
                : "run " + id + " (the train step's record of its invocation) is not in the " + registry.describe();
        ctx.progress().phase("recording this gate as run " + own.runId() + ": " + why);
        result.note("This gate's verdict and reports are recorded as run " + own.runId() + " ("
                + RunRecord.TAG_REUSED_RUN + "=" + candidate.runId() + "): " + why + ".");
        return own.runId();
    }

    private static boolean hasGateRecord(RunRecord run) {
        return run.tags().containsKey("mlops.gate.verdict")
                || run.artifacts().contains("reports/" + ID.id() + "/" + Layout.RESULT);
    }

    /**
     * Registers the candidate (or finds the version already registered for its run), points the
     * candidate alias at it and, where allowed, the champion alias; the notes say what changed and
     * what already was so.
     */
    private void register(
            StepContext ctx,
            StepResult.Builder result,
            Registry registry,
            GateConfig gate,
            String runId,
            Verdict verdict,
            Optional<ModelVersion> champion) {
        MlopsConfig config = ctx.config();
        CiInfo ci = ctx.ci();
        ModelVersion version;
        boolean created;
        Map<String, String> tags = new LinkedHashMap<>();
        if (ci.sha() != null) {
            tags.put("mlops.git.sha", ci.sha());
        }
        if (ci.branch() != null) {
            tags.put("mlops.git.branch", ci.branch());
        }
        if (ci.pullRequest() != null) {
            tags.put("mlops.ci.pull_request", ci.pullRequest().toString());
        }
        tags.put("mlops.gate.verdict", verdict.name());
        try {
            Optional<ModelVersion> existing = registry.versionOfRun(config.model(), runId);
            created = existing.isEmpty();
            version = existing.isPresent() ? existing.get() : registry.registerVersion(config.model(), runId, tags);
        } catch (RegistryException e) {
            throw MlopsException.infrastructure(
                    "the gate passed (" + verdict + "), but registering the model failed: "
                            + e.getMessage() + "; what exists: run " + runId + " is recorded in the "
                            + registry.describe()
                            + " (its gate verdict is not); no model version of it was registered; aliases are unchanged."
                            + " Rerun the gate: it reuses the run and registers it once",
                    e);
        }
        String v = version.version();
        result.model(new ModelRef(config.model(), v, runId))
                .outputs(GateOutputs.none().withModelVersion(v).withVersionCreated(created));
        Optional<String> previousCandidate;
        try {
            previousCandidate = registry.setAlias(config.model(), CANDIDATE_ALIAS, v);
        } catch (RegistryException e) {
            throw MlopsException.infrastructure(
                    "the gate passed (" + verdict + ") and run " + runId + " is registered as"
                            + " version " + v + " of " + config.model() + ", but setting the '"
                            + CANDIDATE_ALIAS
                            + "' alias failed: " + e.getMessage() + "; what exists: the run and version "
                            + v
                            + "; aliases are unchanged. Rerun the gate: it finds the version and sets the alias",
                    e);
        }
        String registered = (created
                        ? "Registered run " + runId + " as version " + v
                        : "Run " + runId + " is already version " + v + " (nothing new registered)")
                + "; '" + CANDIDATE_ALIAS + "' "
                + (previousCandidate.map(v::equals).orElse(false)
                        ? "already pointed to it"
                        : "now points to it"
                                + previousCandidate
                                        .map(p -> " (was version " + p + ")")
                                        .orElse(""));
        String alias = gate.promote().alias();
        boolean promoted = false;
        boolean alreadyChampion =
                champion.map(c -> c.version().equals(v)).orElse(false) && alias.equals(gate.baseline());
        if (alreadyChampion) {
            result.note(registered + ". Version " + v + " is already '" + alias + "': nothing was promoted.");
        } else if (!gate.promote().enabled()) {
            result.note(registered + "; promotion is off.");
        } else if (config.deploy() != null) {
            result.note(registered + "; deploy-canary promotes it to '" + alias + "' after a successful canary.");
        } else if (ci.forPullRequest()) {
            result.note(registered + "; not promoted: " + ci.pullRequestContext() + " never changes '" + alias + "'.");
        } else if (!ci.mainBranch()) {
            result.note(registered + "; not promoted: branch " + ci.describeBranch() + " is not one of "
                    + gate.promote().branches() + ".");
        } else {
            try {
                Optional<String> previous = registry.setAlias(config.model(), alias, v);
                promoted = !previous.map(v::equals).orElse(false);
                result.note(
                        promoted
                                ? registered + ". Promoted version " + v + " to '" + alias + "'"
                                        + previous.map(p -> " (was version " + p + ")")
                                                .orElse(" (the first)")
                                        + "."
                                : registered + ". Version " + v + " is already '" + alias + "': nothing was promoted.");
            } catch (RegistryException e) {
                throw MlopsException.infrastructure(
                        "the gate passed and version " + v
                                + " is registered (alias '" + CANDIDATE_ALIAS + "'), but moving '"
                                + alias
                                + "' failed: " + e.getMessage() + "; '"
                                + alias + "' is unchanged",
                        e);
            }
        }
        result.outputs(GateOutputs.none().withPromoted(promoted));
    }

    private static Predictions predictions(
            Registry registry, RunRecord run, TrainConfig.PredictionsConfig columns, Path cache, String who) {
        return readPredictions(fetchPredictions(registry, run, columns, cache), run, columns, who);
    }

    /** The run's recorded predictions as a local file, or null when there are none (or no columns to read). */
    private static Path fetchPredictions(
            Registry registry, RunRecord run, TrainConfig.PredictionsConfig columns, Path cache) {
        if (run.predictions() == null || columns == null) {
            return null;
        }
        return registry.fetchArtifacts(run.runId(), run.predictions(), cache.resolve(run.runId()));
    }

    private static Predictions readPredictions(
            Path local, RunRecord run, TrainConfig.PredictionsConfig columns, String who) {
        if (local == null) {
            return null;
        }
        // Read by the artifact's name (predictions.csv or predictions.jsonl): the run may predate a change of format.
        String display = display(local, run, who);
        return who.equals("candidate")
                ? PredictionsReader.read(local, display, columns.byFileName())
                : PredictionsReader.readRecorded(local, display, columns.byFileName());
    }

    /** Named by the file the training wrote (recorded byte for byte, so its line numbers hold). */
    private static String display(Path local, RunRecord run, String who) {
        return who + " " + local.getFileName() + " (run " + run.runId() + ")";
    }

    /**
     * Starts reading the baseline's recorded predictions beside the candidate's, when the gate
     * will read them as recorded (not re-scored) and they can be found; else nothing. Only the
     * look-up is done here: whatever goes wrong is left for the step to find again where it looks
     * the baseline up, so its messages and their order do not change.
     */
    private static PredictionsPrefetch prefetchBaseline(
            Registry registry, MlopsConfig config, String runId, TrainConfig.PredictionsConfig columns, Path cache) {
        GateConfig gate = config.gate();
        if (columns == null
                || gate.baseline() == null
                || gate.evaluate() != null
                // (read strictly, as the candidate's, by readPredictions)
                || gate.baseline().equals("candidate")) {
            return PredictionsPrefetch.none();
        }
        try {
            Optional<RunRecord> baseRun = registry.versionByAlias(config.model(), gate.baseline())
                    .filter(v -> !runId.equals(v.runId()))
                    .flatMap(v -> registry.findRun(v.runId()));
            if (baseRun.isEmpty()) {
                return PredictionsPrefetch.none();
            }
            RunRecord r = baseRun.get();
            Path local = fetchPredictions(registry, r, columns, cache);
            return local == null
                    ? PredictionsPrefetch.none()
                    : PredictionsPrefetch.start(
                            r.runId(), local, display(local, r, gate.baseline()), columns.byFileName());
        } catch (RuntimeException e) {
            return PredictionsPrefetch.none();
        }
    }

    /** A chart and table of each gated metric across the champion's history, then the candidate. */
    private static void history(
            StepResult.Builder result,
            Registry registry,
            String model,
            GateConfig gate,
            Map<String, Double> candidate) {
        if (gate.baseline() == null) {
            return;
        }
        List<AliasChange> changes = registry.aliasHistory(model, gate.promote().alias());
        List<String> versions = new ArrayList<>();
        for (AliasChange c : changes) {
            if (c.version() != null && !versions.contains(c.version())) {
                versions.add(c.version());
            }
        }
        if (versions.size() > HISTORY) {
            versions = versions.subList(versions.size() - HISTORY, versions.size());
        }
        Map<String, Map<String, Double>> metricsByVersion = new LinkedHashMap<>();
        for (String v : versions) {
            registry.version(model, v)
                    .flatMap(mv -> registry.findRun(mv.runId()))
                    .ifPresent(r -> metricsByVersion.put(v, r.metrics()));
        }
        int charts = 0;
        for (GateConfig.MetricRule rule : gate.metrics()) {
            if (charts == HISTORY_CHARTS || !candidate.containsKey(rule.name())) {
                continue;
            }
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            metricsByVersion.forEach((v, m) -> {
                x.add("v" + v);
                y.add(m.get(rule.name()));
            });
            x.add("candidate");
            y.add(candidate.get(rule.name()));
            String text = versions.isEmpty()
                    ? "No earlier " + gate.promote().alias() + " yet: the history starts with this candidate."
                    : "Values of " + rule.name() + " as recorded by each version that was "
                            + gate.promote().alias() + ", oldest first, then this candidate.";
            result.section(new ReportSection(
                    "History of " + rule.name(),
                    text,
                    null,
                    new ReportSection.Chart(
                            "line",
                            rule.name() + " by " + gate.promote().alias() + " version",
                            "version",
                            rule.name(),
                            x,
                            List.of(new ReportSection.Series(rule.name(), y))),
                    false));
            charts++;
        }
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
