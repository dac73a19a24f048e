package io.mlopsci.core.pipeline;

import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.core.config.ConfigProblem;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DeployConfig;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.config.PackageConfig;
import io.mlopsci.core.config.ReferencedFiles;
import io.mlopsci.core.config.YNode;
import io.mlopsci.core.step.StepDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code mlops run} will do with a configuration: each step, whether it runs and which part of
 * the configuration makes it run (so that no step joins silently), and the rules between steps that
 * no single section can check — e.g. a gate needs the run a {@code train} section records. Both
 * {@code mlops run} and {@code mlops validate-config} use it.
 */
public record RunPlan(List<Entry> entries, List<ConfigProblem> problems) {

    /** One step: whether it runs, and why (or why not). */
    public record Entry(String step, boolean runs, String why) {}

    /** The key in {@code run}'s outputs. */
    public static final String OUTPUT = "plan";

    public RunPlan {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    public static RunPlan of(MlopsConfig config) {
        List<Entry> entries = new ArrayList<>();
        for (StepDefinition<?> step : StepCatalog.steps()) {
            if (step.recovery().isPresent()) {
                continue; // runs only to recover from a failed step, which the entry of that step says
            }
            boolean runs = step.isConfigured(config);
            entries.add(new Entry(step.id().id(), runs, runs ? trigger(config, step.id()) : "not configured"));
        }
        return new RunPlan(entries, problems(config));
    }

    /** The steps that run, in order. */
    public List<String> steps() {
        return entries.stream().filter(Entry::runs).map(Entry::step).toList();
    }

    /** E.g. "validate-data (data.label is set: …), train, evaluate-gate; not configured: package, deploy-canary". */
    public String line() {
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (Entry e : entries) {
            if (e.runs()) {
                on.add(e.step() + " (" + e.why() + ")");
            } else {
                off.add(e.step());
            }
        }
        return (on.isEmpty() ? "nothing to run" : String.join(", ", on))
                + (off.isEmpty() ? "" : "; not configured: " + String.join(", ", off));
    }

    /** Which part of the configuration makes a configured {@code step} run. */
    static String trigger(MlopsConfig config, StepId step) {
        return describe(config, step).orElse("configured");
    }

    private static Optional<String> describe(MlopsConfig config, StepId step) {
        return switch (step) {
            case VALIDATE_DATA -> dataTrigger(config);
            case TRAIN ->
                Optional.ofNullable(config.train())
                        .map(t -> t.hasCommand()
                                ? "train.command"
                                : "train without a command: ingests " + config.relative(t.metrics()));
            case EVALUATE_GATE ->
                Optional.ofNullable(config.gate())
                        .map(g -> "gate: " + g.metrics().size() + " metric"
                                + (g.metrics().size() == 1 ? "" : "s")
                                + (g.baseline() == null ? ", no baseline" : " against '" + g.baseline() + "'"));
            case PACKAGE ->
                Optional.ofNullable(config.packaging())
                        .map(p -> "package: " + p.format().yaml());
            case DEPLOY_CANARY ->
                Optional.ofNullable(config.deploy())
                        .map(d -> "deploy: target " + d.target().yaml() + "; rollback if the canary fails");
            case MONITOR ->
                Optional.ofNullable(config.monitor())
                        .map(m -> "monitor: production records, on a schedule (mlops monitor; not part of run)");
            case ROLLBACK, RUN -> Optional.empty();
        };
    }

    private static Optional<String> dataTrigger(MlopsConfig config) {
        DataConfig data = config.data();
        if (data == null || !data.hasChecks()) {
            return Optional.empty();
        }
        List<String> files =
                data.validate().stream().map(r -> config.relative(data.file(r))).toList();
        List<String> checks = new ArrayList<>();
        if (data.schema() != null) {
            checks.add("schema");
        }
        if (!data.columns().isEmpty()) {
            checks.add("columns");
        }
        if (data.table() != null) {
            checks.add("table");
        }
        if (data.leakage() != null) {
            checks.add("leakage");
        }
        if (data.drift() != null) {
            checks.add("drift");
        }
        if (checks.isEmpty()) {
            // Only data.label makes it run: the label column must be present in every file to validate.
            return Optional.of("data.label is set, so the label column '" + data.label() + "' is checked in "
                    + String.join(" and ", files) + " (data.validate: [] turns this off)");
        }
        return Optional.of(String.join(", ", checks)
                + (files.isEmpty() ? "" : " on " + String.join(" and ", files))
                + (data.label() == null ? "" : ", label '" + data.label() + "'"));
    }

    /** Rules between steps (what one configured step needs from another in the same run), and the files they read. */
    static List<ConfigProblem> problems(MlopsConfig config) {
        List<ConfigProblem> out = new ArrayList<>(ReferencedFiles.check(config));
        if (config.gate() != null && config.train() == null) {
            out.add(new ConfigProblem(
                    at(config, "gate"),
                    "gate",
                    "the gate judges the run the train step records: add a 'train' section (a command, or"
                            + " none to ingest metrics an earlier CI step wrote)"));
        }
        if (config.packaging() != null && config.gate() == null) {
            out.add(new ConfigProblem(
                    at(config, "package"),
                    "package",
                    "package builds the version evaluate-gate registers, and there is no 'gate' section; add one"
                            + " (or package an existing version on its own with `mlops package --model-version N`)"));
        }
        DeployConfig deploy = config.deploy();
        if (deploy != null && config.gate() == null) {
            out.add(new ConfigProblem(
                    at(config, "deploy"),
                    "deploy",
                    "deploy-canary ships the version evaluate-gate registers, and there is no 'gate' section; add"
                            + " one (or deploy an existing version on its own with `mlops deploy-canary"
                            + " --model-version N`)"));
        }
        if (deploy != null
                && (deploy.target() == DeployConfig.Target.DOCKER
                        || deploy.target() == DeployConfig.Target.KUBERNETES)) {
            PackageConfig pkg = config.packaging();
            if (pkg == null) {
                out.add(new ConfigProblem(
                        keyAt(config, "deploy", "target"),
                        "deploy.target",
                        "the " + deploy.target().yaml() + " target runs the image the package step builds, and there"
                                + " is no 'package' section; add one"
                                + (deploy.target() == DeployConfig.Target.DOCKER
                                        ? " with 'format: docker'"
                                        : " with 'format: registry'")));
            } else if (deploy.target() == DeployConfig.Target.DOCKER && pkg.format() != PackageConfig.Format.DOCKER) {
                out.add(new ConfigProblem(
                        keyAt(config, "package", "format"),
                        "package.format",
                        "the docker target runs images from the Docker engine, but package.format is '"
                                + pkg.format().yaml() + "': use 'format: docker'"));
            }
        }
        return out;
    }

    private static @Nullable SourceLocation at(MlopsConfig config, String section) {
        YNode node = config.tree() == null ? null : config.tree().get(section);
        if (node != null) {
            return config.tree().keyLocation(section);
        }
        return config.tree() == null ? null : config.tree().location();
    }

    private static @Nullable SourceLocation keyAt(MlopsConfig config, String section, String key) {
        YNode node = config.tree() == null ? null : config.tree().get(section);
        if (node != null && node.kind() == YNode.Kind.MAP && node.get(key) != null) {
            return node.keyLocation(key);
        }
        return at(config, section);
    }
}
