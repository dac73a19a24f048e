package io.mlopsci.core.deploy.rollback;

import io.mlopsci.contract.RollbackOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.RollbackOutputs;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.deploy.history.Checkpoints;
import io.mlopsci.core.deploy.history.DeploymentState;
import io.mlopsci.core.deploy.history.DeploymentStore;
import io.mlopsci.core.deploy.history.HistoryEntry;
import io.mlopsci.core.deploy.history.Phase;
import io.mlopsci.core.deploy.targets.DeploymentTarget;
import io.mlopsci.core.deploy.targets.TargetContext;
import io.mlopsci.core.deploy.targets.Targets;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.preflight.Backend;
import io.mlopsci.core.preflight.Need;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.step.Step;
import io.mlopsci.core.step.StepContext;
import io.mlopsci.core.step.StepDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rollback step: restores what served before the last deployment — traffic, running version
 * and registry alias together — from the deployment journal. A deployment a crash left in flight is
 * undone; a completed promotion is undone (unless {@code --in-flight-only}, which {@code mlops run}
 * uses after a failed canary); a completed rollback is re-applied and verified, so running the step
 * again changes nothing. Each restored fact is checked and reported as a criterion.
 */
public final class RollbackStep implements Step<RollbackOptions> {

    public static final StepDefinition<RollbackOptions> DEFINITION = StepDefinition.of(
                    StepId.ROLLBACK,
                    RollbackOptions.class,
                    new RollbackOptions(false),
                    c -> c.deploy() != null,
                    RollbackStep::new)
            .recovers(StepId.DEPLOY_CANARY, new RollbackOptions(true));
    private static final StepId ID = StepId.ROLLBACK;

    @Override
    public List<Need> needs(StepContext ctx, RollbackOptions options) {
        DeployConfig deploy = ctx.config().deploy();
        List<Need> needs = new ArrayList<>(List.of(Need.of(Backend.MODEL_REGISTRY, ID)));
        if (deploy != null && deploy.target() == DeployConfig.Target.DOCKER) {
            needs.add(Need.of(Backend.DOCKER, ID));
        }
        return needs;
    }

    @Override
    public void execute(StepContext ctx, RollbackOptions options, StepResult.Builder result) {
        MlopsConfig config = ctx.config();
        DeployConfig deploy = config.deploy();
        if (deploy == null) {
            throw MlopsException.config(
                    "there is no 'deploy' section in " + config.displayName()
                            + ": rollback restores what deploy-canary deployed",
                    null);
        }
        Registry registry = ctx.registry();
        Path storeDir = config.deploymentsDir();
        boolean inFlightOnly = options.inFlightOnly();
        try (DeploymentStore store = DeploymentStore.open(storeDir, config.relative(storeDir))) {
            Optional<DeploymentState> found = store.state();
            if (found.isEmpty()) {
                result.verdict(Verdict.PASS)
                        .summary("nothing to roll back: no deployment of " + config.model() + " is recorded in "
                                + config.relative(storeDir))
                        .outputs(new RollbackOutputs(null, null, "none", null, null));
                return;
            }
            DeploymentState state = found.get();
            result.model(new ModelRef(
                            config.model(),
                            state.candidate().version(),
                            state.candidate().runId()))
                    .outputs(new RollbackOutputs(state.deploymentId(), state.target(), null, null, null));
            if (state.phase() == Phase.PROMOTED && inFlightOnly) {
                result.verdict(Verdict.PASS)
                        .summary("nothing in flight: the last deployment (" + state.deploymentId()
                                + ") promoted version " + state.candidate().version())
                        .outputs(new RollbackOutputs(null, null, "none", null, null));
                return;
            }
            TargetContext tctx =
                    new TargetContext(config, deploy, registry, ctx.env(), ctx.progress(), ctx.stepOut(ID));
            Checkpoints checkpoints = new Checkpoints(ctx.progress(), ctx.env());
            String action;
            String reason;
            if (state.phase() == Phase.ROLLED_BACK) {
                action = "verified";
                reason = state.reason();
            } else if (state.phase() == Phase.PROMOTED) {
                action = "rolled-back";
                reason = "requested: undo the promotion of version "
                        + state.candidate().version() + " (deployment " + state.deploymentId() + ")";
            } else {
                action = "recovered";
                reason = "interrupted at " + state.phase()
                        + (state.weight() == null || state.weight() == 0 ? "" : " (" + state.weight() + "% of traffic)")
                        + "; process " + state.pid() + " ended";
            }
            Rollbacks.Outcome outcome;
            try (DeploymentTarget target = Targets.create(Targets.named(state.target()), tctx)) {
                outcome = Rollbacks.undo(state, reason, target, registry, store, ctx.progress(), checkpoints);
            }
            List<List<String>> rows = new ArrayList<>();
            for (DeploymentTarget.Check c : outcome.checks()) {
                result.criterion(Criterion.builder("rollback." + c.what())
                        .metric(c.what())
                        .rule("restored")
                        .status(c.ok() ? Status.PASS : Status.FAIL)
                        .expected(c.expected())
                        .observed(c.observed())
                        .message(c.ok() ? null : "not restored")
                        .build());
                rows.add(List.of(c.what(), c.expected(), c.observed(), c.ok() ? "✓" : "✗"));
            }
            result.section(new ReportSection(
                    "Restored state",
                    null,
                    new ReportSection.Table(List.of("what", "expected", "observed", ""), rows),
                    null,
                    false));
            history(result, store.history());
            String restored = outcome.restored() == null
                    ? "no version"
                    : "version " + outcome.restored().version();
            result.outputs(new RollbackOutputs(
                    null,
                    null,
                    action,
                    outcome.restored() == null ? null : outcome.restored().version(),
                    reason));
            if (!outcome.verified()) {
                throw MlopsException.infrastructure("the rollback ran, but the restored state does not check out: "
                        + outcome.checks().stream()
                                .filter(c -> !c.ok())
                                .map(c -> c.what() + " is " + c.observed() + ", expected " + c.expected())
                                .reduce((a, b) -> a + "; " + b)
                                .orElse("")
                        + "; run `mlops rollback` again once the cause is fixed");
            }
            result.verdict(Verdict.PASS)
                    .summary(
                            switch (action) {
                                case "verified" ->
                                    "already rolled back: " + restored + " serves (deployment " + state.deploymentId()
                                            + "); verified again";
                                case "recovered" ->
                                    "recovered the interrupted deployment " + state.deploymentId() + ": " + restored
                                            + " serves, '" + state.alias() + "' restored";
                                default ->
                                    "rolled back version " + state.candidate().version() + ": " + restored
                                            + " serves, '" + state.alias() + "' restored";
                            });
        }
    }

    private static void history(StepResult.Builder result, List<HistoryEntry> history) {
        List<List<String>> rows = new ArrayList<>();
        int from = Math.max(0, history.size() - 10);
        for (HistoryEntry e : history.subList(from, history.size())) {
            rows.add(List.of(
                    e.at(),
                    e.action(),
                    e.serving() == null ? "none" : "v" + e.serving().version(),
                    e.previous() == null ? "none" : "v" + e.previous().version(),
                    e.target(),
                    e.reason() == null ? "" : e.reason()));
        }
        if (!rows.isEmpty()) {
            result.section(new ReportSection(
                    "Deployment history",
                    "The last " + rows.size() + " promotions and rollbacks," + " oldest first.",
                    new ReportSection.Table(
                            List.of("at", "action", "serving after", "before", "target", "reason"), rows),
                    null,
                    true));
        }
    }
}
