package io.mlopsci.core.config;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.mlopsci.contract.Layout;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules a step would otherwise enforce only when it runs — after training and recording, for the
 * gate and the package step — checked when the configuration is loaded, so that
 * {@code validate-config} and every step reject them up front, with the position of the field.
 * Each rule mirrors a check in the step that needs it (named in the comment).
 */
final class CrossFieldRules {

    private static final Pattern LATE_REF = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*(?::-[^}]*)?}");
    private static final List<String> PACKAGE_LATE = List.of("model.version", "run.id");

    private CrossFieldRules() {}

    static void check(YNode root, SectionContext ctx, DataConfig data, GateConfig gate, PackageConfig packaging) {
        Problems problems = ctx.problems();
        if (gate != null) {
            gate(root, problems, data, gate);
        }
        if (packaging != null) {
            packaging(root, ctx, packaging);
        }
    }

    private static void gate(YNode root, Problems problems, DataConfig data, GateConfig gate) {
        GateConfig.Evaluate evaluate = gate.evaluate();
        // BaselineRescorer: the champion is re-scored on data.eval.
        if (evaluate != null && (data == null || data.eval() == null)) {
            problems.add(
                    keyLocation(root, evaluate.location(), "gate", "evaluate"),
                    "gate.evaluate",
                    "re-scoring the baseline runs it on this run's eval data, and 'data.eval' is not set: set"
                            + " data.eval (the file the candidate is evaluated on)");
        }
        // BaselineRescorer resolves only ${baseline.*} in the command and its env.
        if (evaluate != null) {
            for (int i = 0; i < evaluate.command().size(); i++) {
                onlyLate(
                        problems,
                        evaluate.location(),
                        "gate.evaluate.command[" + i + "]",
                        evaluate.command().get(i),
                        false);
            }
            evaluate.env()
                    .forEach((k, v) -> onlyLate(problems, evaluate.location(), "gate.evaluate.env." + k, v, false));
        }
        // GateEvaluator: a change rule without a baseline is an ERROR that fails the gate.
        if (gate.baseline() == null) {
            for (GateConfig.MetricRule m : gate.metrics()) {
                noBaseline(problems, m, "gate.metrics." + m.name());
            }
            for (GateConfig.SliceRule s : gate.slices()) {
                for (GateConfig.MetricRule m : s.metrics()) {
                    noBaseline(problems, m, "gate.slices." + s.column() + "." + m.name());
                }
            }
        }
    }

    private static void noBaseline(Problems problems, GateConfig.MetricRule m, String path) {
        if (m.change() != null && !m.change().isEmpty()) {
            problems.add(
                    m.change().location(),
                    path + ".change",
                    "change rules compare the candidate with a baseline, and 'gate.baseline' is none: remove"
                            + " 'change', or set a baseline alias such as champion");
        }
    }

    private static void packaging(YNode root, SectionContext ctx, PackageConfig pkg) {
        Problems problems = ctx.problems();
        // PackageStep: the image reference, once ${model.version} and ${run.id} are known.
        if (pkg.image() != null && onlyLate(problems, pkg.imageLocation(), "package.image", pkg.image(), true)) {
            String ref = placeholders(pkg.image());
            try {
                ImageReference.parse(ref);
            } catch (InvalidImageReferenceException e) {
                problems.add(
                        pkg.imageLocation(),
                        "package.image",
                        "'" + pkg.image() + "' is not a valid image reference (expected [registry/]repository[:tag],"
                                + " lower-case, e.g. registry.example.com/fraud:${model.version})");
            }
        }
        pkg.labels().forEach((k, v) -> onlyLate(problems, pkg.location(), "package.labels." + k, v, true));
        // JibImageBuilder: the base image.
        String base = pkg.base();
        if (base != null) {
            SourceLocation at = valueLocation(root, pkg.location(), "package", "base");
            if (!base.startsWith("tar://")) {
                String ref = base.startsWith("docker://")
                        ? base.substring("docker://".length())
                        : base.startsWith("registry://") ? base.substring("registry://".length()) : base;
                try {
                    ImageReference.parse(placeholders(ref));
                } catch (InvalidImageReferenceException e) {
                    problems.add(
                            at,
                            "package.base",
                            "'" + base + "' is not an image reference (e.g. registry.example.com/serving:1.2,"
                                    + " docker://serving:1.2 or tar://base.tar)");
                }
            }
        }
        // DockerfileBuilder: the model files must be inside the build context (the files themselves: ReferencedFiles).
        if (pkg.dockerfile() != null) {
            SourceLocation contextAt = root.get("package") != null
                            && root.get("package").kind() == YNode.Kind.MAP
                            && root.get("package").get("context") != null
                    ? valueLocation(root, pkg.location(), "package", "context")
                    : valueLocation(root, pkg.location(), "package", "dockerfile");
            Path model = (pkg.modelDir() != null
                            ? pkg.modelDir()
                            : Layout.stepDir(ctx.outDir(), StepId.PACKAGE).resolve("model"))
                    .toAbsolutePath()
                    .normalize();
            if (!model.startsWith(pkg.context().toAbsolutePath().normalize())) {
                problems.add(
                        contextAt,
                        "package.context",
                        "the model files (" + model + ") will be outside the build context " + pkg.context()
                                + "; set package.context to a directory that contains them"
                                + (pkg.modelDir() == null ? " (they are staged under --out)" : ""));
            }
        }
    }

    /**
     * Late variables are known only where a step resolves them: {@code ${model.version}} and
     * {@code ${run.id}} in package.image and labels, {@code ${baseline.*}} in gate.evaluate.
     * Returns whether {@code text} uses only those allowed in its field.
     */
    private static boolean onlyLate(Problems problems, SourceLocation at, String path, String text, boolean pkg) {
        if (text == null) {
            return true;
        }
        boolean ok = true;
        Matcher m = LATE_REF.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (!Variables.LATE.contains(name)) {
                continue;
            }
            boolean allowed = pkg ? PACKAGE_LATE.contains(name) : name.startsWith("baseline.");
            if (!allowed) {
                ok = false;
                problems.add(
                        at,
                        path,
                        "${" + name + "} is not known here: "
                                + (pkg
                                        ? "package.image and package.labels know ${model.version} and ${run.id}"
                                        : "gate.evaluate knows ${baseline.model_dir}, ${baseline.predictions},"
                                                + " ${baseline.metrics}, ${baseline.version} and ${baseline.run_id}"));
            }
        }
        return ok;
    }

    private static String placeholders(String image) {
        return image.replace("${model.version}", "1").replace("${run.id}", "r0");
    }

    static SourceLocation keyLocation(YNode root, SourceLocation fallback, String section, String key) {
        YNode s = root.get(section);
        if (s != null && s.kind() == YNode.Kind.MAP && s.get(key) != null) {
            return s.keyLocation(key);
        }
        return fallback != null ? fallback : root.location();
    }

    static SourceLocation valueLocation(YNode root, SourceLocation fallback, String section, String key) {
        YNode s = root.get(section);
        if (s != null && s.kind() == YNode.Kind.MAP && s.get(key) != null) {
            return s.get(key).location();
        }
        return fallback != null ? fallback : root.location();
    }
}
