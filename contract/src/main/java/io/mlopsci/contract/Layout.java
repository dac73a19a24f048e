package io.mlopsci.contract;

import java.nio.file.Path;

/**
 * Where the engine keeps things under a workdir, as the CLI contract fixes it: results and reports
 * in {@code <workdir>/.mlops/out} unless {@code --out} says otherwise, {@code <out>/<step>/} per
 * step and {@code <out>/} for {@code run}; its own state (local registry, deployment journals)
 * beside it in {@code <workdir>/.mlops/}. Front ends compose the same paths from these.
 */
public final class Layout {

    /** The engine's directory in a workdir. */
    public static final String STATE_DIR = ".mlops";
    /** The default output directory, relative to the workdir. */
    public static final String DEFAULT_OUT = STATE_DIR + "/out";

    public static final String RESULT = "result.json";
    public static final String MARKDOWN = "report.md";
    public static final String JUNIT = "report.xml";
    public static final String HTML = "report.html";

    private Layout() {}

    /** {@code <workdir>/.mlops/out}. */
    public static Path defaultOut(Path workdir) {
        return workdir.resolve(STATE_DIR).resolve("out");
    }

    /** {@code <workdir>/.mlops/<name>}: the engine's own state (registry, deployments). */
    public static Path state(Path workdir, String name) {
        return workdir.resolve(STATE_DIR).resolve(name);
    }

    /** The directory a step's result and reports go to: {@code <out>/<step>}, or {@code <out>} for run. */
    public static Path stepDir(Path out, StepId step) {
        return step == StepId.RUN ? out : out.resolve(step.id());
    }

    /** As {@link #stepDir(Path, StepId)}, for a slash-separated path relative to a workspace. */
    public static String stepDir(String out, StepId step) {
        return step == StepId.RUN ? out : join(out, step.id());
    }

    /** {@code <workdir>/.mlops/out} for a slash-separated workdir ("" or "." for the workspace itself). */
    public static String defaultOut(String workdir) {
        return join(workdir, DEFAULT_OUT);
    }

    /** {@code dir/rel}, where an empty or "." dir is the workspace itself. */
    public static String join(String dir, String rel) {
        if (dir == null || dir.isEmpty() || dir.equals(".")) {
            return rel;
        }
        return dir.endsWith("/") ? dir + rel : dir + "/" + rel;
    }
}
