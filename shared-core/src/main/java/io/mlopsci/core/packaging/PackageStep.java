package io.mlopsci.core.packaging;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.mlopsci.contract.PackageOptions;
import io.mlopsci.contract.StepId;
import io.mlopsci.contract.result.Artifact;
import io.mlopsci.contract.result.GateOutputs;
import io.mlopsci.contract.result.ModelRef;
import io.mlopsci.contract.result.PackageOutputs;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.Timing;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.config.PackageConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import io.mlopsci.core.preflight.Backend;
import io.mlopsci.core.preflight.Need;
import io.mlopsci.core.registry.ModelVersion;
import io.mlopsci.core.registry.Registry;
import io.mlopsci.core.registry.RegistryException;
import io.mlopsci.core.registry.RunRecord;
import io.mlopsci.core.registry.VersionTags;
import io.mlopsci.core.step.Step;
import io.mlopsci.core.step.StepContext;
import io.mlopsci.core.step.StepDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The package step: builds the OCI image of a registered model version — the model files as a
 * layer under {@code /models}, labels tracing it to its version, run, commit, gate verdict and
 * metrics — and records the image and its digest on the model version, where deploy-canary and
 * rollback find it.
 */
public final class PackageStep implements Step<PackageOptions> {

    public static final StepDefinition<PackageOptions> DEFINITION = StepDefinition.of(
            StepId.PACKAGE,
            PackageOptions.class,
            new PackageOptions(null),
            c -> c.packaging() != null,
            PackageStep::new);
    private static final StepId ID = StepId.PACKAGE;

    @Override
    public List<Need> needs(StepContext ctx, PackageOptions options) {
        PackageConfig pkg = ctx.config().packaging();
        List<Need> needs = new ArrayList<>(List.of(Need.of(Backend.TRACKING, ID), Need.of(Backend.MODEL_REGISTRY, ID)));
        if (pkg == null) {
            return needs;
        }
        if (pkg.modelDir() == null) {
            needs.add(Need.of(Backend.ARTIFACT_STORE, ID));
        }
        String base = pkg.base();
        if (pkg.format() == PackageConfig.Format.DOCKER
                || pkg.dockerfile() != null
                || (base != null && base.startsWith("docker://"))) {
            needs.add(Need.of(Backend.DOCKER, ID));
        }
        if (pkg.format() == PackageConfig.Format.REGISTRY && pkg.dockerfile() == null) {
            registryHost(ctx.config(), pkg.image())
                    .ifPresent(h -> needs.add(new Need(Backend.IMAGE_REGISTRY, ID, h, pkg.insecure())));
        }
        if (base != null && !base.startsWith("docker://") && !base.startsWith("tar://")) {
            registryHost(ctx.config(), base.startsWith("registry://") ? base.substring("registry://".length()) : base)
                    .ifPresent(h -> needs.add(new Need(Backend.IMAGE_REGISTRY, ID, h, pkg.insecure())));
        }
        return needs;
    }

    /** The registry host of an image reference (late variables filled with placeholders), if it parses. */
    static Optional<String> registryHost(MlopsConfig config, String image) {
        try {
            String ref = config.resolveLate(image, Map.of("model.version", "1", "run.id", "r0"), null, "package.image");
            return Optional.of(ImageReference.parse(ref).getRegistry());
        } catch (InvalidImageReferenceException | MlopsException e) {
            return Optional.empty();
        }
    }

    @Override
    public void execute(StepContext ctx, PackageOptions options, StepResult.Builder result)
            throws IOException, InterruptedException {
        MlopsConfig config = ctx.config();
        PackageConfig pkg = config.packaging();
        if (pkg == null) {
            throw MlopsException.config("there is no 'package' section in " + config.displayName(), null);
        }
        Registry registry = ctx.registry();
        ModelVersion version = version(ctx, registry, options.modelVersion());
        RunRecord run = registry.findRun(version.runId())
                .orElseThrow(() -> MlopsException.infrastructure("version "
                        + version.version() + " of " + config.model() + " points to run " + version.runId()
                        + ", which is not in"
                        + " the " + registry.describe()));
        result.model(new ModelRef(config.model(), version.version(), run.runId()));

        String reference = config.resolveLate(
                pkg.image(),
                Map.of("model.version", version.version(), "run.id", run.runId()),
                pkg.imageLocation(),
                "package.image");
        ImageReference target;
        try {
            target = ImageReference.parse(reference);
        } catch (InvalidImageReferenceException e) {
            throw MlopsException.config(
                    "package.image: '" + reference + "' is not a valid image reference (expected"
                            + " [registry/]repository[:tag], lower-case, e.g. registry.example.com/fraud:3)",
                    pkg.imageLocation());
        }
        Path out = ctx.stepOut(ID);
        Path modelDir = modelFiles(ctx, registry, pkg, run, out);
        Map<String, String> userLabels = new LinkedHashMap<>();
        pkg.labels()
                .forEach((k, v) -> userLabels.put(
                        k,
                        config.resolveLate(
                                v,
                                Map.of("model.version", version.version(), "run.id", run.runId()),
                                pkg.location(),
                                "package.labels." + k)));
        String gitSha = Optional.ofNullable(run.tags().get("mlops.git.sha"))
                .orElse(ctx.ci().sha());
        String verdict = Optional.ofNullable(version.tags().get("mlops.gate.verdict"))
                .orElse(run.tags().get("mlops.gate.verdict"));
        Map<String, String> labels = ImageLabels.of(
                config.model(),
                version.version(),
                run.runId(),
                gitSha,
                verdict,
                run.metrics(),
                pkg.modelPath(),
                userLabels);

        long t0 = System.nanoTime();
        BuiltImage image;
        if (pkg.dockerfile() != null) {
            ctx.progress()
                    .phase("building " + reference + " from " + config.relative(pkg.dockerfile())
                            + " with the Docker engine");
            image = DockerfileBuilder.build(
                    reference, pkg, modelDir, labels, ctx.env(), ctx.progress(), config.relative(pkg.dockerfile()));
        } else {
            ctx.progress()
                    .phase("building " + reference + " with Jib ("
                            + pkg.format().yaml() + ", base " + (pkg.base() == null ? "scratch" : pkg.base()) + ")");
            image = JibImageBuilder.build(
                    new JibImageBuilder.Request(target, pkg, modelDir, labels, out, ctx.env(), ctx.progress()));
        }
        result.timing(new Timing("build image", (System.nanoTime() - t0) / 1_000_000));
        ctx.progress().phase("built " + image.reference() + " " + image.digest());

        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(VersionTags.IMAGE, image.reference());
        tags.put(VersionTags.DIGEST, image.digest());
        tags.put(VersionTags.IMAGE_ID, image.imageId());
        tags.put(VersionTags.FORMAT, pkg.format().yaml());
        if (pkg.format() == PackageConfig.Format.REGISTRY) {
            tags.put(VersionTags.PINNED, image.pinned());
        }
        try {
            registry.tagVersion(config.model(), version.version(), tags);
        } catch (RegistryException e) {
            throw MlopsException.infrastructure(
                    "the image " + image.reference() + " (" + image.digest() + ") was built,"
                            + " but recording it on version " + version.version() + " failed: " + e.getMessage(),
                    e);
        }
        describe(ctx, result, pkg, version, run, image, labels, modelDir);
    }

    /** The version to package: --model-version, else the one the gate registered. */
    private static ModelVersion version(StepContext ctx, Registry registry, String requested) {
        MlopsConfig config = ctx.config();
        if (requested == null) {
            StepResult gate = ctx.previous(StepId.EVALUATE_GATE)
                    .orElseThrow(
                            () -> MlopsException.usage(
                                    "no model version to"
                                            + " package: run `mlops evaluate-gate` first (it registers the version) or pass --model-version"));
            if (!gate.verdict().passed()) {
                throw MlopsException.usage("the last evaluate-gate did not pass (" + gate.verdict() + "): nothing to"
                        + " package; fix the model or pass --model-version to package a registered version");
            }
            requested = gate.outputs(GateOutputs.class).modelVersion();
            if (requested == null) {
                throw MlopsException.usage("the last evaluate-gate registered no model version; pass --model-version");
            }
        }
        String v = requested;
        return registry.version(config.model(), v)
                .orElseThrow(() -> MlopsException.usage(
                        "version " + v + " of " + config.model() + " is not in the " + registry.describe()));
    }

    /** The model files: package.model_dir, else the run's "model" artifact (train.output). */
    private static Path modelFiles(StepContext ctx, Registry registry, PackageConfig pkg, RunRecord run, Path out)
            throws IOException {
        MlopsConfig config = ctx.config();
        if (pkg.modelDir() != null) {
            if (!Files.isDirectory(pkg.modelDir())) {
                throw MlopsException.input(
                        "package.model_dir: " + config.relative(pkg.modelDir()) + " is not a directory");
            }
            return pkg.modelDir();
        }
        if (run.artifacts().stream().noneMatch(a -> a.startsWith("model/"))) {
            throw MlopsException.input("run " + run.runId() + " recorded no model files (its train.output directory was"
                    + " empty or missing); write the model there or set package.model_dir");
        }
        Path fetched = registry.fetchArtifacts(run.runId(), "model", out.resolve(".model"));
        if (pkg.dockerfile() == null) {
            return fetched;
        }
        // A Dockerfile build needs the files inside its context: stage them under the step's output.
        Path staged = out.resolve("model");
        AtomicFiles.copyTree(fetched, staged);
        return staged;
    }

    private static void describe(
            StepContext ctx,
            StepResult.Builder result,
            PackageConfig pkg,
            ModelVersion version,
            RunRecord run,
            BuiltImage image,
            Map<String, String> labels,
            Path modelDir)
            throws IOException {
        MlopsConfig config = ctx.config();
        String where = switch (pkg.format()) {
            case OCI_LAYOUT -> "as an OCI image layout in " + config.relative(image.path());
            case OCI_TAR -> "as an OCI tarball " + config.relative(image.path());
            case DOCKER_TAR -> "as a docker-load tarball " + config.relative(image.path());
            case REGISTRY -> "and pushed to " + registryHost(image.reference());
            case DOCKER -> "into the Docker engine";
        };
        long files;
        long bytes = 0;
        try (var s = Files.walk(modelDir)) {
            List<Path> list = s.filter(Files::isRegularFile).toList();
            files = list.size();
            for (Path p : list) {
                bytes += Files.size(p);
            }
        }
        result.verdict(Verdict.PASS)
                .summary("built " + image.reference() + " (" + shortDigest(image.digest()) + ") " + where)
                .outputs(new PackageOutputs(
                        image.reference(),
                        image.digest(),
                        image.imageId(),
                        pkg.format() == PackageConfig.Format.REGISTRY ? image.pinned() : null,
                        pkg.format().yaml(),
                        image.builder(),
                        image.path() == null ? null : config.relative(image.path()),
                        version.version(),
                        run.runId(),
                        labels));
        if (image.path() != null) {
            result.artifact(new Artifact(
                    "image",
                    config.relative(image.path()),
                    pkg.format() == PackageConfig.Format.OCI_LAYOUT
                            ? "application/vnd.oci.image.layout.v1+directory"
                            : "application/x-tar"));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("reference", image.reference()));
        rows.add(List.of("digest", image.digest()));
        rows.add(List.of("image id", image.imageId()));
        if (pkg.format() == PackageConfig.Format.REGISTRY) {
            rows.add(List.of("pinned", image.pinned()));
        }
        rows.add(List.of(
                "output", pkg.format().yaml() + (image.path() == null ? "" : " " + config.relative(image.path()))));
        rows.add(List.of(
                "built by",
                image.builder() + (pkg.base() == null || pkg.dockerfile() != null ? "" : " on " + pkg.base())));
        rows.add(List.of("model files", files + " files, " + bytes + " bytes under " + pkg.modelPath()));
        rows.add(List.of("model version", version.version() + " (run " + run.runId() + ")"));
        result.section(new ReportSection(
                "Image",
                "Recorded on version " + version.version() + " of " + config.model() + " as tags " + VersionTags.IMAGE
                        + " and " + VersionTags.DIGEST + ".",
                new ReportSection.Table(List.of("", "value"), rows),
                null,
                false));
        List<List<String>> labelRows = new ArrayList<>();
        labels.forEach((k, v) -> labelRows.add(List.of(k, v)));
        result.section(new ReportSection(
                "Image labels", null, new ReportSection.Table(List.of("label", "value"), labelRows), null, true));
    }

    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
    }

    /** Registry host of a reference, for messages. */
    private static String registryHost(String reference) {
        try {
            return ImageReference.parse(reference).getRegistry();
        } catch (InvalidImageReferenceException e) {
            return reference;
        }
    }
}
