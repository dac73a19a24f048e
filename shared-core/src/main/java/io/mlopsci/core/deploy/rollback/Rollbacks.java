package io.mlopsci.core.deploy.rollback;

import io.mlopsci.core.console.Progress;
import io.mlopsci.core.deploy.history.Checkpoints;
import io.mlopsci.core.deploy.history.DeployedVersion;
import io.mlopsci.core.deploy.history.DeploymentState;
import io.mlopsci.core.deploy.history.DeploymentStore;
import io.mlopsci.core.deploy.history.HistoryEntry;
import io.mlopsci.core.deploy.history.Phase;
import io.mlopsci.core.deploy.targets.DeploymentTarget;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.Registry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Undoing a deployment, the same way whether deploy-canary rolls back its own canary or
 * {@code mlops rollback} recovers after a crash: record the intent, put traffic and the running
 * version back (the target), point the alias back, append the history, record completion, then
 * verify. Each part is idempotent, so running it again after a crash at any point finishes the job.
 */
public final class Rollbacks {

    /** What a rollback left behind. */
    public record Outcome(DeploymentState state, DeployedVersion restored, List<DeploymentTarget.Check> checks) {
        public boolean verified() {
            return checks.stream().allMatch(DeploymentTarget.Check::ok);
        }
    }

    private Rollbacks() {}

    /**
     * Restores what served before {@code state}'s deployment: its stable version (none on a first
     * deployment) and the alias's previous version.
     */
    public static Outcome undo(
            DeploymentState state,
            String reason,
            DeploymentTarget target,
            Registry registry,
            DeploymentStore store,
            Progress progress,
            Checkpoints checkpoints) {
        return undo(state, reason, target, registry, store, progress, checkpoints, false);
    }

    /**
     * As {@link #undo(DeploymentState, String, DeploymentTarget, Registry, DeploymentStore, Progress,
     * Checkpoints)}; the end of a rehearsal (a canary that was never to be promoted) restores the
     * same way but is neither tagged on the version nor written to the history.
     */
    public static Outcome undo(
            DeploymentState state,
            String reason,
            DeploymentTarget target,
            Registry registry,
            DeploymentStore store,
            Progress progress,
            Checkpoints checkpoints,
            boolean rehearsal) {
        DeployedVersion restore = state.stable();
        if (state.phase() != Phase.ROLLING_BACK && state.phase() != Phase.ROLLED_BACK) {
            state = store.save(state.rollingBack(reason, restore));
        }
        checkpoints.reached("rolling-back");
        progress.phase("rolling back deployment " + state.deploymentId() + " of version "
                + state.candidate().version()
                + (restore == null ? ": no version served before it" : ": restoring version " + restore.version()));
        target.restore(state, restore);
        checkpoints.reached("restored");
        restoreAlias(state, registry, progress);
        if (!rehearsal) {
            try {
                registry.tagVersion(
                        state.model(),
                        state.candidate().version(),
                        Map.of(
                                "mlops.deploy.rolled_back",
                                state.deploymentId(),
                                "mlops.deploy.rollback_reason",
                                abbreviate(state.reason())));
            } catch (RuntimeException e) {
                progress.warn(
                        "could not tag version " + state.candidate().version() + " as rolled back: " + e.getMessage());
            }
            store.append(new HistoryEntry(
                    Instant.now().toString(),
                    state.deploymentId(),
                    HistoryEntry.ROLLED_BACK,
                    state.target(),
                    restore,
                    state.candidate(),
                    state.reason()));
        }
        state = store.save(state.phase(Phase.ROLLED_BACK));
        return new Outcome(state, restore, verify(state, target, registry));
    }

    /** Checks that traffic, running version and alias are where the rollback put them. */
    public static List<DeploymentTarget.Check> verify(
            DeploymentState state, DeploymentTarget target, Registry registry) {
        List<DeploymentTarget.Check> checks = new ArrayList<>(target.verify(state, state.restoredTo()));
        Optional<ModelVersion> alias = registry.versionByAlias(state.model(), state.alias());
        String expected = state.aliasBefore() == null ? "unset" : "v" + state.aliasBefore();
        String observed = alias.map(v -> "v" + v.version()).orElse("unset");
        checks.add(new DeploymentTarget.Check(
                "alias '" + state.alias() + "'", expected, observed, expected.equals(observed)));
        return checks;
    }

    private static void restoreAlias(DeploymentState state, Registry registry, Progress progress) {
        Optional<ModelVersion> current = registry.versionByAlias(state.model(), state.alias());
        if (state.aliasBefore() == null) {
            if (current.isPresent()) {
                registry.deleteAlias(state.model(), state.alias());
                progress.phase("removed alias '" + state.alias() + "' (it was unset before deployment "
                        + state.deploymentId() + ")");
            }
        } else if (current.isEmpty() || !current.get().version().equals(state.aliasBefore())) {
            registry.setAlias(state.model(), state.alias(), state.aliasBefore());
            progress.phase("alias '" + state.alias() + "' points to version " + state.aliasBefore() + " again");
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 250 ? s : s.substring(0, 247) + "...";
    }
}
