package io.mlopsci.core.deploy;

import io.mlopsci.contract.DeployCanaryOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.DeployCanaryOutputs;
import io.mlopsci.contract.result.GateOutputs;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.PackageOutputs;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Timing;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.deploy.analysis.Conditions;
import io.mlopsci.core.deploy.history.Checkpoints;
import io.mlopsci.core.deploy.history.DeployedVersion;
import io.mlopsci.core.deploy.history.DeploymentState;
import io.mlopsci.core.deploy.history.DeploymentStore;
import io.mlopsci.core.deploy.rollback.Rollbacks;
import io.mlopsci.core.deploy.router.PredictionRecords;
import io.mlopsci.core.deploy.router.SmokeTraffic;
import io.mlopsci.core.deploy.router.WeightedRouter;
import io.mlopsci.core.deploy.targets.DeploymentTarget;
import io.mlopsci.core.deploy.targets.NotReadyException;
import io.mlopsci.core.deploy.targets.TargetContext;
import io.mlopsci.core.deploy.targets.Targets;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.preflight.Backend;
import io.mlopsci.core.preflight.Need;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.step.Step;
import io.mlopsci.core.step.StepContext;
import io.mlopsci.core.step.StepDefinition;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The deploy-canary step: deploys the new model version next to the serving one, shifts traffic to
 * it step by step, analyses every step, then promotes it (the alias moves, the history grows) or
 * rolls it back automatically. Verdict PASS/WARN when promoted, FAIL (exit 1) when the canary was
 * rolled back; ERROR when it could not run, in which case anything it started has been undone.
 */
public final class DeployCanaryStep implements Step<DeployCanaryOptions> {

    public static final StepDefinition<DeployCanaryOptions> DEFINITION = StepDefinition.of(
            StepId.DEPLOY_CANARY,
            DeployCanaryOptions.class,
            new DeployCanaryOptions(null),
            c -> c.deploy() != null,
            DeployCanaryStep::new);
    private static final StepId ID = StepId.DEPLOY_CANARY;

    @Override
    public List<Need> needs(StepContext ctx, DeployCanaryOptions options) {
        DeployConfig deploy = ctx.config().deploy();
        List<Need> needs = new ArrayList<>(List.of(Need.of(Backend.MODEL_REGISTRY, ID)));
        if (deploy != null && deploy.target() == DeployConfig.Target.DOCKER) {
            needs.add(Need.of(Backend.DOCKER, ID));
        }
        return needs;
    }

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    @Override
    public void execute(StepContext ctx, DeployCanaryOptions options, StepResult.Builder result) {
        MlopsConfig config = ctx.config();
        DeployConfig deploy = config.deploy();
        if (deploy == null) {
            throw MlopsException.config("there is no 'deploy' section in " + config.displayName(), null);
        }
        Registry registry = ctx.registry();
        ModelVersion candidateVersion = candidate(ctx, registry, options.modelVersion());
        DeployedVersion candidate = DeployedVersion.of(candidateVersion);
        result.model(new ModelRef(config.model(), candidate.version(), candidate.runId()));
        if ((deploy.target() == DeployConfig.Target.DOCKER || deploy.target() == DeployConfig.Target.KUBERNETES)
                && candidate.image() == null) {
            throw MlopsException.usage("version " + candidate.version() + " has no image: the "
                    + deploy.target().yaml() + " target runs the image `mlops package` records; run it first");
        }
        String blocked = promotionBlocked(ctx, deploy).orElse(null);
        if (blocked != null && deploy.target() != DeployConfig.Target.LOCAL) {
            result.verdict(Verdict.PASS)
                    .summary("not deployed: " + blocked)
                    .outputs(DeployCanaryOutputs.skipped("not-deployed", candidate.version(), blocked));
            result.note("Not deployed to the " + deploy.target().yaml() + " target: " + blocked
                    + ". Only the local target" + " rehearses a canary where promotion is not allowed.");
            return;
        }
        Checkpoints checkpoints = new Checkpoints(ctx.progress(), ctx.env());
        Path out = ctx.stepOut(ID);
        TargetContext tctx = new TargetContext(config, deploy, registry, ctx.env(), ctx.progress(), out);
        Path storeDir = config.deploymentsDir();
        try (DeploymentStore store = DeploymentStore.open(storeDir, config.relative(storeDir))) {
            recoverInterrupted(ctx, result, store, registry, tctx, checkpoints);
            Optional<ModelVersion> stableVersion = registry.versionByAlias(config.model(), deploy.alias());
            if (stableVersion.isPresent() && stableVersion.get().version().equals(candidate.version())) {
                result.verdict(Verdict.PASS)
                        .summary("version " + candidate.version() + " is already '" + deploy.alias()
                                + "': nothing to deploy")
                        .outputs(DeployCanaryOutputs.skipped("unchanged", candidate.version(), null));
                return;
            }
            DeployedVersion stable = stableVersion.map(DeployedVersion::of).orElse(null);
            List<Integer> steps =
                    stable == null ? List.of(100) : deploy.canary().steps();
            List<DeployConfig.AnalysisMetric> metrics = metrics(deploy, result);
            SmokeTraffic smokeRows = null;
            String id = LocalDateTime.now(ZoneOffset.UTC).format(ID_TIME) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            DeploymentState state = store.save(DeploymentState.begin(
                    id, config.model(), deploy.target().yaml(), deploy.alias(), candidate, stable));
            result.outputs(DeployCanaryOutputs.started(
                    id,
                    candidate.version(),
                    stable == null ? null : stable.version(),
                    deploy.target().yaml()));
            CanaryReport.plan(
                    result,
                    deploy,
                    steps,
                    metrics,
                    deploy.target().yaml(),
                    stable == null ? null : "v" + stable.version(),
                    "v" + candidate.version());
            if (blocked != null) {
                result.note("A rehearsal: the canary runs and is analysed as usual, then the servers stop and '"
                        + deploy.alias() + "' stays where it is, because " + blocked + ".");
            }
            long t0 = System.nanoTime();
            PredictionRecords records = null;
            try (DeploymentTarget target = Targets.create(deploy.target(), tctx)) {
                CanaryRollout rollout = new CanaryRollout(
                        deploy,
                        steps,
                        metrics,
                        target,
                        store,
                        registry,
                        ctx.progress(),
                        checkpoints,
                        smokeFactory(ctx, deploy, target),
                        state,
                        blocked);
                CanaryRollout.Outcome outcome;
                try {
                    outcome = rollout.run();
                } catch (CanaryRollout.StableNotReady e) {
                    finishReport(result, rollout, target);
                    throw notReady(
                            deploy,
                            "the stable version " + stable.version() + " could not be started, so nothing"
                                    + " was deployed: " + e.getMessage());
                } catch (CanaryRollout.RollbackFailed e) {
                    finishReport(result, rollout, target);
                    throw MlopsException.infrastructure(
                            "the deployment failed (" + CanaryRollout.firstLine(e.getMessage())
                                    + ") and so did its automatic rollback ("
                                    + e.rollbackFailure().getMessage() + "); the journal "
                                    + config.relative(storeDir)
                                    + "/state.json says what may be left: run `mlops rollback`",
                            e);
                } catch (NotReadyException e) {
                    // A version that stopped being ready after the start is the environment's failure here.
                    finishReport(result, rollout, target);
                    throw MlopsException.infrastructure(
                            "the deployment failed and was rolled back: " + e.getMessage(), e);
                } catch (MlopsException e) {
                    finishReport(result, rollout, target);
                    result.note("The deployment was rolled back: alias, traffic and servers are as before.");
                    throw e;
                } catch (RuntimeException e) {
                    finishReport(result, rollout, target);
                    throw MlopsException.infrastructure(
                            "the deployment failed and was rolled back: " + e.getMessage(), e);
                }
                result.timing(new Timing("canary", (System.nanoTime() - t0) / 1_000_000));
                finishReport(result, rollout, target);
                decide(ctx, result, deploy, outcome, candidate, stable);
                records = target.router() == null ? null : target.router().records();
            }
            if (records != null) {
                // The router has stopped: every record is in a closed file now.
                result.note(records.written() + " prediction records written to " + config.relative(records.dir())
                        + " for `mlops monitor`"
                        + (records.dropped() > 0 ? " (" + records.dropped() + " dropped: the writer fell behind)" : "")
                        + (records.unreadable() > 0
                                ? " (" + records.unreadable() + " predictions not recorded: request or answer not"
                                        + " KServe-style JSON)"
                                : "")
                        + (records.failure() != null
                                ? "; writing failed: " + records.failure().getMessage()
                                : "")
                        + ".");
            }
        }
    }

    private static void decide(
            StepContext ctx,
            StepResult.Builder result,
            DeployConfig deploy,
            CanaryRollout.Outcome outcome,
            DeployedVersion candidate,
            DeployedVersion stable) {
        var facts = CanaryReport.facts();
        if (outcome.decision() == CanaryRollout.Decision.PROMOTED) {
            Verdict v = result.verdictFromCriteria();
            result.verdict(v == Verdict.FAIL ? Verdict.WARN : v)
                    .summary("promoted version " + candidate.version()
                            + " to '" + deploy.alias() + "'"
                            + (stable == null ? " (first deployment)" : " (was version " + stable.version() + ")")
                            + " after " + outcome.state().weight() + "% of traffic")
                    .outputs(DeployCanaryOutputs.decided("promoted", true, false, null));
            facts.put("alias '" + deploy.alias() + "'", "v" + candidate.version());
            facts.put(
                    "serving",
                    "v" + candidate.version()
                            + (deploy.target() == DeployConfig.Target.LOCAL
                                    ? " (local servers stop with the step)"
                                    : ""));
            CanaryReport.decision(
                    result,
                    "Promoted: every deciding measurement passed"
                            + (result.build().warnings().isEmpty() ? "." : " or was tolerated (see the warnings)."),
                    facts);
            return;
        }
        Rollbacks.Outcome rb = outcome.rollback();
        if (outcome.decision() == CanaryRollout.Decision.REHEARSED) {
            Verdict v = result.verdictFromCriteria();
            result.verdict(v == Verdict.FAIL ? Verdict.WARN : v)
                    .summary("rehearsed the canary of version "
                            + candidate.version() + (stable == null ? "" : " next to version " + stable.version())
                            + ": it passed; not promoted, because " + outcome.reason())
                    .outputs(DeployCanaryOutputs.decided("rehearsed", false, false, outcome.reason()));
            rb.checks().forEach(c -> facts.put(c.what(), c.observed()));
            CanaryReport.decision(
                    result,
                    "Rehearsed: every deciding measurement passed, but " + outcome.reason() + "; nothing was promoted.",
                    facts);
            if (!rb.verified()) {
                throw MlopsException.infrastructure(
                        "the rehearsal ended, but its servers or the alias are not as before: "
                                + rb.checks().stream()
                                        .filter(c -> !c.ok())
                                        .map(c -> c.what() + " is " + c.observed())
                                        .reduce((a, b) -> a + "; " + b)
                                        .orElse("")
                                + "; run `mlops rollback`");
            }
            return;
        }
        result.verdict(Verdict.FAIL)
                .summary("rolled back version " + candidate.version() + " at "
                        + outcome.state().weight() + "%: " + outcome.reason())
                .outputs(DeployCanaryOutputs.decided("rolled-back", false, true, outcome.reason()));
        rb.checks()
                .forEach(c -> facts.put(c.what(), c.observed() + (c.ok() ? "" : " (expected " + c.expected() + ")")));
        CanaryReport.decision(
                result,
                "Rolled back: " + outcome.reason() + ". "
                        + (stable == null
                                ? "No version served before; none serves now."
                                : "Version " + stable.version() + " serves again and '" + deploy.alias()
                                        + "' still names it."),
                facts);
        if (!rb.verified()) {
            throw MlopsException.infrastructure(
                    "the canary was rolled back, but the restored state does not check out: "
                            + rb.checks().stream()
                                    .filter(c -> !c.ok())
                                    .map(c -> c.what() + " is " + c.observed() + ", expected " + c.expected())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse("")
                            + "; run `mlops rollback`");
        }
        if (outcome.canaryNotReady() && stable == null) {
            throw notReady(deploy, outcome.reason() + "; it was rolled back");
        }
    }

    private static void finishReport(StepResult.Builder result, CanaryRollout rollout, DeploymentTarget target) {
        result.criteria(rollout.criteria());
        WeightedRouter router = target.router();
        result.outputs(DeployCanaryOutputs.progress(
                router == null ? null : router.uri().toString(),
                rollout.state().weight(),
                rollout.state().phase().name()));
        CanaryReport.timeline(result, rollout.timeline(), analysisOf(rollout), router != null);
    }

    private static List<DeployConfig.AnalysisMetric> analysisOf(CanaryRollout rollout) {
        List<DeployConfig.AnalysisMetric> out = new ArrayList<>();
        rollout.timeline()
                .forEach(r -> r.measurements().forEach(m -> {
                    if (out.stream().noneMatch(x -> x.name().equals(m.metric()))) {
                        out.add(rollout.metric(m.metric()));
                    }
                }));
        return out;
    }

    /** The configured analysis; routed targets without any get an error-rate check so nothing is promoted blind. */
    private static List<DeployConfig.AnalysisMetric> metrics(DeployConfig deploy, StepResult.Builder result) {
        List<DeployConfig.AnalysisMetric> m = deploy.canary().analysis();
        if (m.isEmpty() && deploy.target().routed()) {
            DeployConfig.AnalysisMetric dflt =
                    new DeployConfig.AnalysisMetric("error_rate", null, null, 0.01, null, null, false, null);
            result.note("No canary analysis configured: the router's error_rate must stay " + Conditions.describe(dflt)
                    + " (set deploy.canary.analysis to choose).");
            return List.of(dflt);
        }
        if (m.isEmpty()) {
            result.note("No canary analysis configured: each step only bakes; nothing is measured.");
        }
        return m;
    }

    private static java.util.function.Supplier<SmokeTraffic> smokeFactory(
            StepContext ctx, DeployConfig deploy, DeploymentTarget target) {
        DeployConfig.Smoke smoke = deploy.canary().smoke();
        if (!smoke.enabled() || !deploy.target().routed()) {
            return null;
        }
        MlopsConfig config = ctx.config();
        return () -> SmokeTraffic.fromCsv(
                smoke.data(),
                config.relative(smoke.data()),
                smoke.exclude(),
                target.router().uri().resolve(deploy.serve().predict()),
                smoke.rate(),
                smoke.concurrency(),
                deploy.serve().requestTimeout());
    }

    /**
     * Why this run may not promote, as the gate decides for its own promotion ({@code gate.promote}):
     * a pull request never changes the alias, nor does a branch outside {@code branches}, nor a
     * configuration with promotion turned off.
     */
    static Optional<String> promotionBlocked(StepContext ctx, DeployConfig deploy) {
        var gate = ctx.config().gate();
        if (gate != null && !gate.promote().enabled()) {
            return Optional.of("promotion is off (gate.promote.enabled: false)");
        }
        if (ctx.ci().forPullRequest()) {
            return Optional.of(ctx.ci().pullRequestContext() + " never changes '" + deploy.alias() + "'");
        }
        if (!ctx.ci().mainBranch()) {
            return Optional.of("branch " + ctx.ci().describeBranch() + " is not one of "
                    + ctx.config().mainBranches() + " (gate.promote.branches)");
        }
        return Optional.empty();
    }

    /** A deployment a crashed process left in flight is rolled back before a new one starts. */
    private static void recoverInterrupted(
            StepContext ctx,
            StepResult.Builder result,
            DeploymentStore store,
            Registry registry,
            TargetContext tctx,
            Checkpoints checkpoints) {
        Optional<DeploymentState> previous = store.state();
        if (previous.isEmpty() || previous.get().phase().terminal()) {
            return;
        }
        DeploymentState s = previous.get();
        ctx.progress()
                .warn("deployment " + s.deploymentId() + " of version "
                        + s.candidate().version() + " was interrupted at " + s.phase() + "; rolling it back first");
        try (DeploymentTarget target = Targets.create(Targets.named(s.target()), tctx)) {
            Rollbacks.undo(
                    s,
                    "interrupted at " + s.phase() + " (process " + s.pid() + " ended)",
                    target,
                    registry,
                    store,
                    ctx.progress(),
                    checkpoints);
        }
        result.note(
                "Deployment " + s.deploymentId() + " (version " + s.candidate().version() + ") had been interrupted at "
                        + s.phase() + "; it was rolled back before this one started.");
    }

    /** The version to deploy: --model-version, else the one package built, else the one the gate registered. */
    private static ModelVersion candidate(StepContext ctx, Registry registry, String requested) {
        MlopsConfig config = ctx.config();
        String v = requested;
        if (v == null) {
            v = passedOutput(
                    ctx, StepId.PACKAGE, r -> r.outputs(PackageOutputs.class).modelVersion());
        }
        if (v == null) {
            v = passedOutput(
                    ctx, StepId.EVALUATE_GATE, r -> r.outputs(GateOutputs.class).modelVersion());
        }
        if (v == null) {
            throw MlopsException.usage(
                    "no model version to deploy: run `mlops evaluate-gate` (and `mlops package`) first,"
                            + " or pass --model-version");
        }
        String version = v;
        return registry.version(config.model(), version)
                .orElseThrow(() -> MlopsException.usage(
                        "version " + version + " of " + config.model() + " is not in the " + registry.describe()));
    }

    private static String passedOutput(StepContext ctx, StepId step, Function<StepResult, String> version) {
        Optional<StepResult> r = ctx.previous(step);
        if (r.isEmpty()) {
            return null;
        }
        if (!r.get().verdict().passed()) {
            throw MlopsException.usage(
                    "the last " + step + " did not pass (" + r.get().verdict() + "): nothing to deploy");
        }
        return version.apply(r.get());
    }

    private static MlopsException notReady(DeployConfig deploy, String message) {
        return deploy.target() == DeployConfig.Target.KUBERNETES
                ? MlopsException.infrastructure(message)
                : MlopsException.command(message + " (deploy.serve)", null);
    }
}
