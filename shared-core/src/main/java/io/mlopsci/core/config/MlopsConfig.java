package io.mlopsci.core.config;

import io.mlopsci.contract.Layout;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated mlops.yaml. Paths are absolute; {@code displayName} is the file as the user
 * named it, used in every message. Sections are null when absent.
 *
 * @param file        the configuration file
 * @param displayName how messages name the file
 * @param workdir     directory relative paths are resolved against
 * @param outDir      where steps write results and reports
 * @param model       registered model name
 * @param tracking    tracking and registry backend
 * @param data        data files
 * @param train       training, or null
 * @param gate        quality gate, or null
 * @param packaging   model image, or null
 * @param deploy      canary deployment, or null
 * @param monitor     production monitoring, or null
 * @param tree        the whole document (after overrides and variable substitution)
 * @param variables   for late substitution (e.g. {@code ${model.version}})
 */
public record MlopsConfig(
        Path file,
        String displayName,
        Path workdir,
        Path outDir,
        String model,
        TrackingConfig tracking,
        DataConfig data,
        TrainConfig train,
        GateConfig gate,
        PackageConfig packaging,
        DeployConfig deploy,
        MonitorConfig monitor,
        YNode tree,
        Variables variables) {

    /** The directory a step writes its result.json and reports to ({@code run}: the output directory). */
    public Path stepOut(StepId step) {
        return Layout.stepDir(outDir, step);
    }

    /** The local registry's directory. */
    public Path localRegistryDir() {
        return Layout.state(workdir, "registry");
    }

    /** Where this model's deployment journal and history live. */
    public Path deploymentsDir() {
        return Layout.state(workdir, "deploy").resolve(model);
    }

    /**
     * The branches whose builds may promote (gate.promote.branches, else {@link
     * GateConfig.Promote#DEFAULT_BRANCHES}); a build on one of them is the main branch.
     */
    public List<String> mainBranches() {
        return gate == null
                ? GateConfig.Promote.DEFAULT_BRANCHES
                : gate.promote().branches();
    }

    /** A path as the user would write it: relative to the workdir when inside it. */
    public String relative(Path p) {
        if (p == null) {
            return null;
        }
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(workdir) ? workdir.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    /**
     * Resolves late variables such as {@code ${model.version}} in a value from the configuration.
     *
     * @throws ConfigException naming the location when a variable cannot be resolved
     */
    public String resolveLate(String text, Map<String, String> late, SourceLocation location, String path) {
        Problems problems = new Problems();
        String value = variables.resolveLate(text, late, location, path, problems);
        problems.throwIfAny();
        return value;
    }
}
