package io.mlopsci.jenkins.engine;

import io.mlopsci.contract.Layout;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.ResultFreshness;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One call of the engine's CLI contract: {@code mlops <step> --config FILE [--workdir DIR] --out DIR
 * [--set k=v]... [step switches]}, with paths relative to the workspace. The output directory is
 * always passed explicitly (computed as the engine's default when not given), so the plugin and the
 * engine agree on where {@code result.json} is.
 *
 * @param step      the CLI step, e.g. {@code evaluate-gate}, or {@code run}
 * @param config    the mlops.yaml, relative to the workspace (or absolute)
 * @param workdir   the engine's working directory, or null for the config file's directory
 * @param out       the output directory, or null for {@code <workdir>/.mlops/out}
 * @param overrides {@code PATH=VALUE} pairs, each passed as {@code --set}
 * @param switches  step-specific switches, e.g. {@code --no-cache}
 * @param invocationId the id passed as {@code --invocation-id}, which the engine echoes in every
 *                  result.json it writes (see {@link FreshResult}); null for none
 */
public record EngineInvocation(
        StepId step,
        String config,
        String workdir,
        String out,
        List<String> overrides,
        List<String> switches,
        String invocationId)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public EngineInvocation {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(config, "config");
        overrides = List.copyOf(overrides);
        switches = List.copyOf(switches);
    }

    public EngineInvocation(
            StepId step, String config, String workdir, String out, List<String> overrides, List<String> switches) {
        this(step, config, workdir, out, overrides, switches, null);
    }

    /** The same call, identified by {@code id} (see {@link FreshResult#newInvocationId()}). */
    public EngineInvocation withInvocationId(String id) {
        return new EngineInvocation(step, config, workdir, out, overrides, switches, id);
    }

    /** The output directory, relative to the workspace: as given, else the engine's default. */
    public String outDir() {
        if (out != null) {
            return out;
        }
        return Layout.defaultOut(workdir != null ? workdir : parent(config));
    }

    /** Where this step's result.json will be, relative to the workspace. */
    public String resultFile() {
        return Layout.join(reportDir(), Layout.RESULT);
    }

    /** The directory holding result.json and the reports. */
    public String reportDir() {
        return Layout.stepDir(outDir(), step);
    }

    /** The workdir the engine resolves relative paths in its result against. */
    public String effectiveWorkdir() {
        return workdir != null ? workdir : parent(config);
    }

    /** The CLI arguments after {@code java -jar mlops.jar}. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of(step.id(), "--config", config));
        if (workdir != null) {
            args.add("--workdir");
            args.add(workdir);
        }
        args.add("--out");
        args.add(outDir());
        if (invocationId != null) {
            args.add(ResultFreshness.OPTION);
            args.add(invocationId);
        }
        for (String o : overrides) {
            args.add("--set");
            args.add(o);
        }
        args.addAll(switches);
        return args;
    }

    /** What follows {@code java} for this call: {@code -jar JAR ARGS} (the durable task's argument file). */
    public List<String> javaArguments(String jar) {
        List<String> args = new ArrayList<>(List.of("-jar", jar));
        args.addAll(arguments());
        return args;
    }

    /** The full command line for a launcher: {@code java -jar JAR ARGS}, escaped for it. */
    public List<String> command(String java, String jar) {
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar));
        cmd.addAll(arguments());
        return forLauncher(cmd);
    }

    /**
     * Jenkins' launchers expand {@code $VAR} and {@code ${VAR}} in every argument from the
     * environment and turn {@code $$} into {@code $}. Arguments here are data (overrides such as
     * {@code train.command=...${data.train}}), so every {@code $} is doubled to reach the engine as
     * written.
     */
    public static List<String> forLauncher(List<String> args) {
        return args.stream().map(a -> a.replace("$", "$$")).toList();
    }

    static String parent(String path) {
        String p = path.replace('\\', '/');
        int slash = p.lastIndexOf('/');
        return slash < 0 ? "" : p.substring(0, slash);
    }
}
