package io.mlopsci.core.deploy;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.deploy.analysis.CanaryAnalysis;
import io.mlopsci.core.deploy.analysis.Measurement;
import io.mlopsci.core.deploy.analysis.MetricSource;
import io.mlopsci.core.deploy.analysis.PrometheusMetrics;
import io.mlopsci.core.deploy.analysis.RouterMetrics;
import io.mlopsci.core.deploy.analysis.Window;
import io.mlopsci.core.deploy.history.Checkpoints;
import io.mlopsci.core.deploy.history.DeployedVersion;
import io.mlopsci.core.deploy.history.DeploymentState;
import io.mlopsci.core.deploy.history.DeploymentStore;
import io.mlopsci.core.deploy.history.HistoryEntry;
import io.mlopsci.core.deploy.history.Phase;
import io.mlopsci.core.deploy.history.ServingHandle;
import io.mlopsci.core.deploy.rollback.Rollbacks;
import io.mlopsci.core.deploy.router.SmokeTraffic;
import io.mlopsci.core.deploy.router.WeightedRouter;
import io.mlopsci.core.deploy.router.WindowStats;
import io.mlopsci.core.deploy.targets.DeploymentTarget;
import io.mlopsci.core.deploy.targets.NotReadyException;
import io.mlopsci.core.registry.Registry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One canary rollout: start stable and canary, shift traffic step by step, measure at every
 * interval, then promote or roll back. Every transition goes to the journal before the next
 * action; whatever happens — a failed analysis, a server that never gets ready, an exception —
 * ends in a promotion or a completed rollback, never half-deployed.
 */
final class CanaryRollout {

    private static final int SMOKE_WAIT_FACTOR = 10;
    private static final Duration MIN_SMOKE_WAIT = Duration.ofSeconds(10);
    private static final long SMOKE_POLL_MS = 50;

    /** How the rollout ended. */
    enum Decision {
        PROMOTED,
        ROLLED_BACK,
        REHEARSED
    }

    /** The result of a rollout that ran to a decision. */
    record Outcome(
            Decision decision,
            String reason,
            DeploymentState state,
            Rollbacks.Outcome rollback,
            boolean canaryNotReady) {}

    private final DeployConfig deploy;
    private final List<Integer> steps;
    private final List<DeployConfig.AnalysisMetric> metrics;
    private final DeploymentTarget target;
    private final DeploymentStore store;
    private final Registry registry;
    private final Progress progress;
    private final Checkpoints checkpoints;
    private final Supplier<SmokeTraffic> smokeFactory;
    private final String rehearsal;
    private final CanaryAnalysis analysis;
    private final List<StepRecord> timeline = new ArrayList<>();
    private final List<Criterion> extraCriteria = new ArrayList<>();
    private DeploymentState state;

    CanaryRollout(
            DeployConfig deploy,
            List<Integer> steps,
            List<DeployConfig.AnalysisMetric> metrics,
            DeploymentTarget target,
            DeploymentStore store,
            Registry registry,
            Progress progress,
            Checkpoints checkpoints,
            Supplier<SmokeTraffic> smokeFactory,
            DeploymentState state,
            String rehearsal) {
        this.deploy = deploy;
        this.steps = steps;
        this.metrics = metrics;
        this.target = target;
        this.store = store;
        this.registry = registry;
        this.progress = progress;
        this.checkpoints = checkpoints;
        this.smokeFactory = smokeFactory;
        this.state = state;
        this.rehearsal = rehearsal;
        this.analysis = new CanaryAnalysis(deploy.canary());
    }

    List<StepRecord> timeline() {
        return List.copyOf(timeline);
    }

    List<Criterion> criteria() {
        List<Criterion> all = new ArrayList<>(extraCriteria);
        all.addAll(analysis.criteria());
        return all;
    }

    DeploymentState state() {
        return state;
    }

    DeployConfig.AnalysisMetric metric(String name) {
        return byName().get(name);
    }

    /**
     * Runs the rollout to a decision.
     *
     * @throws StableNotReady when the stable version itself could not be brought up (after cleaning up)
     * @throws RuntimeException anything else that stopped it, after an automatic rollback
     */
    Outcome run() {
        DeployedVersion candidate = state.candidate();
        DeployedVersion stable = state.stable();
        checkpoints.reached("started");
        SmokeTraffic smoke = null;
        try {
            target.open();
            if (stable != null) {
                try {
                    state = store.save(state.resource("stable", target.startStable(stable, state))
                            .phase(Phase.STABLE_READY));
                } catch (NotReadyException e) {
                    rollBack("the stable version " + stable.version() + " did not become ready: " + e.getMessage());
                    throw new StableNotReady(e.getMessage());
                }
                checkpoints.reached("stable-ready");
            }
            try {
                state = store.save(
                        state.resource("canary", target.startCanary(candidate)).phase(Phase.CANARY_READY));
            } catch (NotReadyException e) {
                return notReady(candidate, e, 0);
            }
            checkpoints.reached("canary-ready");
            WeightedRouter router = target.router();
            List<MetricSource> sources = sources(router, stable != null);
            if (router != null && smokeFactory != null) {
                smoke = smokeFactory.get();
                smoke.start();
                progress.phase("smoke traffic: " + smoke.rows() + " rows at "
                        + deploy.canary().smoke().rate() + " requests/s through " + router.uri());
            }
            String abort = null;
            int count = deploy.canary().measurementsPerStep();
            for (int i = 0; i < steps.size() && abort == null; i++) {
                int weight = steps.get(i);
                state = store.save(state.weight(weight));
                try {
                    target.weight(weight);
                } catch (NotReadyException e) {
                    closeQuietly(smoke);
                    smoke = null;
                    return notReady(candidate, e, weight);
                }
                progress.phase("step " + (i + 1) + "/" + steps.size() + ": " + weight + "% of traffic to version "
                        + candidate.version() + ", baking "
                        + deploy.canary().bake().toMillis() + " ms");
                checkpoints.reached("traffic-" + weight);
                long stepStart = System.nanoTime();
                List<Measurement> stepMeasurements = new ArrayList<>();
                for (int m = 1; m <= count && abort == null; m++) {
                    long from = System.nanoTime();
                    sleep(deploy.canary().interval().toMillis());
                    if (router != null && smoke != null) {
                        awaitSmokeRequests(router, from);
                    }
                    long to = System.nanoTime();
                    Window w = new Window(
                            i + 1,
                            weight,
                            m,
                            from,
                            to,
                            state.model(),
                            candidate.version(),
                            stable == null ? null : stable.version());
                    List<Measurement> round = measure(sources, w);
                    stepMeasurements.addAll(round);
                    CanaryAnalysis.Verdict v = analysis.record(round, byName(), i == steps.size() - 1 && m == count);
                    if (v.abort()) {
                        abort = v.reason();
                    }
                    checkpoints.reached("analysis-" + weight);
                }
                Long canaryReq = null;
                Long stableReq = null;
                if (router != null) {
                    WindowStats s = router.stats().window(stepStart, System.nanoTime());
                    canaryReq = s.canary().requests();
                    stableReq = s.stable().requests();
                }
                timeline.add(new StepRecord(
                        i + 1,
                        weight,
                        (System.nanoTime() - stepStart) / 1_000_000,
                        canaryReq,
                        stableReq,
                        stepMeasurements,
                        abort == null ? "passed" : "aborted: " + abort));
            }
            if (smoke != null) {
                smoke.close();
                progress.phase("smoke traffic: " + smoke.sent() + " requests sent");
                smoke = null;
            }
            if (abort != null) {
                return new Outcome(Decision.ROLLED_BACK, abort, state, rollBack(abort), false);
            }
            if (rehearsal != null) {
                Rollbacks.Outcome o = Rollbacks.undo(
                        state,
                        "rehearsal, not promoted: " + rehearsal,
                        target,
                        registry,
                        store,
                        progress,
                        checkpoints,
                        true);
                state = o.state();
                return new Outcome(Decision.REHEARSED, rehearsal, state, o, false);
            }
            promote();
            return new Outcome(Decision.PROMOTED, null, state, null, false);
        } catch (StableNotReady e) {
            throw e;
        } catch (RuntimeException e) {
            if (state.phase() == Phase.PROMOTED || state.phase() == Phase.ROLLED_BACK) {
                throw e;
            }
            try {
                rollBack("the deployment stopped with an error: " + firstLine(e.getMessage()));
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
                throw new RollbackFailed(e, rollbackFailure);
            }
            throw e;
        } finally {
            if (smoke != null) {
                smoke.close();
            }
        }
    }

    /** The canary did not become ready (at start, or when scaled for a step): a failed canary, rolled back. */
    private Outcome notReady(DeployedVersion candidate, NotReadyException e, int weight) {
        extraCriteria.add(Criterion.builder(weight == 0 ? "canary.ready" : "canary." + weight + "%.ready")
                .metric("ready")
                .rule("ready")
                .status(Status.FAIL)
                .expected("ready in time")
                .message(e.getMessage())
                .build());
        String reason = "the canary (version " + candidate.version() + ") did not become ready"
                + (weight == 0 ? "" : " at " + weight + "%") + ": " + e.getMessage();
        return new Outcome(Decision.ROLLED_BACK, reason, state, rollBack(reason), true);
    }

    private static void closeQuietly(SmokeTraffic smoke) {
        if (smoke != null) {
            smoke.close();
        }
    }

    private void promote() {
        DeployedVersion candidate = state.candidate();
        state = store.save(state.phase(Phase.PROMOTING));
        checkpoints.reached("promoting");
        progress.phase("promoting version " + candidate.version());
        ServingHandle stableHandle = target.promote(candidate, state);
        state = store.save(state.resource("stable", stableHandle).resource("canary", null));
        registry.setAlias(state.model(), state.alias(), candidate.version());
        state = store.save(state.phase(Phase.ALIAS_MOVED));
        checkpoints.reached("alias-moved");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlops.deploy.id", state.deploymentId());
        tags.put("mlops.deploy.target", state.target());
        tags.put("mlops.deploy.promoted_at", Instant.now().toString());
        registry.tagVersion(state.model(), candidate.version(), tags);
        store.append(new HistoryEntry(
                Instant.now().toString(),
                state.deploymentId(),
                HistoryEntry.PROMOTED,
                state.target(),
                candidate,
                state.stable(),
                null));
        state = store.save(state.phase(Phase.PROMOTED));
        checkpoints.reached("promoted");
    }

    private Rollbacks.Outcome rollBack(String reason) {
        Rollbacks.Outcome o =
                Rollbacks.undo(state, reason, target, registry, store, progress, checkpoints, rehearsal != null);
        state = o.state();
        return o;
    }

    private List<MetricSource> sources(WeightedRouter router, boolean hasStable) {
        List<MetricSource> out = new ArrayList<>();
        out.add(
                router == null
                        ? null
                        : new RouterMetrics(router.stats(), deploy.canary().minRequests(), hasStable));
        out.add(
                deploy.canary().prometheus() == null
                        ? null
                        : new PrometheusMetrics(deploy.canary().prometheus()));
        return out;
    }

    private List<Measurement> measure(List<MetricSource> sources, Window w) {
        List<Measurement> round = new ArrayList<>();
        for (DeployConfig.AnalysisMetric m : metrics) {
            MetricSource source = m.builtin() ? sources.get(0) : sources.get(1);
            if (source == null || !source.applies(m)) {
                continue;
            }
            round.add(source.measure(m, w));
        }
        return round;
    }

    private Map<String, DeployConfig.AnalysisMetric> byName() {
        Map<String, DeployConfig.AnalysisMetric> m = new LinkedHashMap<>();
        metrics.forEach(x -> m.put(x.name(), x));
        return m;
    }

    /**
     * The smoke traffic promises requests; when a window ends before {@code min_requests} of them
     * reached the canary (a canary still warming up answers slowly, a loaded CI agent sends slowly),
     * the window is held open for them, up to ten times its length and at least 10 s, instead of
     * calling a slow start inconclusive. Past that, the analysis says how many arrived.
     */
    private void awaitSmokeRequests(WeightedRouter router, long from) {
        int needed = Math.max(1, deploy.canary().minRequests());
        long limit =
                from + Math.max(deploy.canary().interval().toNanos() * SMOKE_WAIT_FACTOR, MIN_SMOKE_WAIT.toNanos());
        long reached = router.stats().window(from, System.nanoTime()).canary().requests();
        if (reached >= needed) {
            return;
        }
        progress.phase("waiting for smoke traffic: " + reached + " of " + needed + " requests reached the canary");
        while (reached < needed && System.nanoTime() < limit) {
            sleep(SMOKE_POLL_MS);
            reached = router.stats().window(from, System.nanoTime()).canary().requests();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the canary baked", e);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The stable version could not be started; nothing was deployed and what started was stopped. */
    static final class StableNotReady extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StableNotReady(String message) {
            super(message);
        }
    }

    /** The rollout failed and so did its automatic rollback: the journal stays at ROLLING_BACK. */
    static final class RollbackFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RuntimeException rollbackFailure;

        RollbackFailed(RuntimeException cause, RuntimeException rollbackFailure) {
            super(cause.getMessage(), cause);
            this.rollbackFailure = rollbackFailure;
        }

        RuntimeException rollbackFailure() {
            return rollbackFailure;
        }
    }
}
