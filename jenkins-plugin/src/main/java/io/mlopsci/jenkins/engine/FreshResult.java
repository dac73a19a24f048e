package io.mlopsci.jenkins.engine;

import hudson.FilePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The plugin's side of the engine's contract on stale results: before a step runs, its previous
 * result.json and reports are removed from the workspace; the engine is called with
 * {@code --invocation-id} (see {@link EngineInvocation#withInvocationId}); afterwards a result.json
 * is accepted only when it names that invocation and agrees with the process's exit code. A result
 * an earlier build left in a persistent workspace, or one committed to the repository, never
 * stands for this build.
 *
 * <p>Usage in a step execution: {@code inv = inv.withInvocationId(FreshResult.newInvocationId());
 * FreshResult.clearPrevious(workspace, inv);} ... run ... {@code String why =
 * FreshResult.problem(result, inv, exit);} and treat a non-null {@code why} as "no result".
 */
public final class FreshResult {

    /** The step names whose results {@code mlops run} writes below its output directory. */
    static final List<String> STEPS =
            List.of("validate-data", "train", "evaluate-gate", "package", "deploy-canary", "rollback");

    private static final List<String> FILES = List.of("result.json", "report.md", "report.xml", "report.html");

    private FreshResult() {}

    /** A new id for one engine call. */
    public static String newInvocationId() {
        return "jenkins-" + UUID.randomUUID();
    }

    /** The files a call writes, relative to the workspace: its result.json and reports (for {@code run}, every step's too). */
    public static List<String> previousResults(EngineInvocation inv) {
        List<String> out = new ArrayList<>();
        if (inv.step().equals(EngineInvocation.RUN)) {
            FILES.forEach(f -> out.add(EngineInvocation.join(inv.outDir(), f)));
            for (String s : STEPS) {
                FILES.forEach(f -> out.add(EngineInvocation.join(inv.outDir(), s + "/" + f)));
            }
        } else {
            FILES.forEach(f -> out.add(EngineInvocation.join(inv.reportDir(), f)));
        }
        return out;
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

    /** Why {@code result} cannot stand for the call {@code inv} that exited with {@code exitCode}; null when it can. */
    public static String problem(EngineResult result, EngineInvocation inv, int exitCode) {
        if (inv.invocationId() != null && !inv.invocationId().equals(result.invocation())) {
            return "mlops: " + inv.resultFile() + " was not written by this build's engine call (it names "
                    + (result.invocation() == null ? "no invocation" : "invocation " + result.invocation())
                    + "): a stale result, ignored";
        }
        if (result.exitCode() != exitCode) {
            return "mlops: the engine exited with code " + exitCode + " but " + inv.resultFile() + " says exit code "
                    + result.exitCode() + " (" + result.verdict() + "); ignored";
        }
        return null;
    }
}
