package io.mlopsci.jenkins.engine;

import hudson.FilePath;
import io.mlopsci.contract.result.ResultFreshness;
import io.mlopsci.contract.result.StepResult;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The plugin's side of the engine's contract on stale results ({@link ResultFreshness}): before a
 * step runs, its previous result.json and reports are removed from the workspace; the engine is
 * called with {@code --invocation-id} (see {@link EngineInvocation#withInvocationId}); afterwards a
 * result.json is accepted only when it names that invocation and agrees with the process's exit
 * code. A result an earlier build left in a persistent workspace, or one committed to the
 * repository, never stands for this build.
 *
 * <p>Usage in a step execution: {@code inv = inv.withInvocationId(FreshResult.newInvocationId());
 * FreshResult.clearPrevious(workspace, inv);} ... run ... {@code String why =
 * FreshResult.problem(result, inv, exit);} and treat a non-null {@code why} as "no result".
 */
public final class FreshResult {

    private FreshResult() {}

    /** A new id for one engine call. */
    public static String newInvocationId() {
        return ResultFreshness.newInvocationId("jenkins");
    }

    /** The files a call writes, relative to the workspace: its result.json and reports (for {@code run}, every step's too). */
    public static List<String> previousResults(EngineInvocation inv) {
        return ResultFreshness.previousResults(inv.outDir(), inv.step());
    }

    /** Removes {@link #previousResults} from the workspace. */
    public static void clearPrevious(FilePath workspace, EngineInvocation inv)
            throws IOException, InterruptedException {
        for (String f : previousResults(inv)) {
            FilePath p = workspace.child(f);
            if (p.exists() && !p.delete()) {
                throw new IOException("mlops: cannot remove the previous result " + p.getRemote()
                        + "; it could be taken for this build's");
            }
        }
    }

    /**
     * Why {@code result} cannot stand for the call {@code inv} that exited with {@code exitCode}; null
     * when it can. A call without an id (an execution serialized before ids existed) is checked
     * against the exit code only.
     */
    public static String problem(StepResult result, EngineInvocation inv, int exitCode) {
        Optional<String> why = inv.invocationId() == null
                ? ResultFreshness.disagreement(result, exitCode)
                : ResultFreshness.problem(result, inv.invocationId(), exitCode);
        return why.map(w -> "mlops: " + w + "; ignored").orElse(null);
    }
}
