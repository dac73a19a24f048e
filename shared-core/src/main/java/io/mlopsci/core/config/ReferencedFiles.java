package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Files mlops.yaml names that a step reads only when it runs — the Dockerfile and its context, a
 * base image tarball, the tracking CA bundle. {@code mlops run} and {@code validate-config} check
 * them before any step starts (a step run on its own still reports them itself); loading the file
 * does not, so that a step that does not need them is not held up by them.
 */
public final class ReferencedFiles {

    private ReferencedFiles() {}

    public static List<ConfigProblem> check(MlopsConfig config) {
        List<ConfigProblem> out = new ArrayList<>();
        YNode root = config.tree();
        PackageConfig pkg = config.packaging();
        if (pkg != null) {
            // JibImageBuilder
            if (pkg.base() != null && pkg.base().startsWith("tar://")) {
                Path tar = Path.of(pkg.base().substring("tar://".length()));
                if (!Files.isRegularFile(tar)) {
                    out.add(new ConfigProblem(
                            CrossFieldRules.valueLocation(root, pkg.location(), "package", "base"),
                            "package.base",
                            "the base image tarball " + config.relative(tar) + " does not exist"));
                }
            }
            // DockerfileBuilder
            if (pkg.dockerfile() != null) {
                if (!Files.isDirectory(pkg.context())) {
                    out.add(new ConfigProblem(
                            CrossFieldRules.valueLocation(root, pkg.location(), "package", "context"),
                            "package.context",
                            "the build context " + config.relative(pkg.context()) + " is not a directory"));
                }
                if (!Files.isRegularFile(pkg.dockerfile())) {
                    out.add(new ConfigProblem(
                            CrossFieldRules.valueLocation(root, pkg.location(), "package", "dockerfile"),
                            "package.dockerfile",
                            config.relative(pkg.dockerfile()) + " does not exist"));
                }
            }
        }
        TrackingConfig tracking = config.tracking();
        if (tracking != null && !tracking.isLocal() && tracking.caFile() != null) {
            caFile(config, tracking.caFile(), out);
        }
        return out;
    }

    /** TlsContexts: a readable PEM file with at least one certificate. */
    private static void caFile(MlopsConfig config, Path caFile, List<ConfigProblem> out) {
        SourceLocation at = CrossFieldRules.valueLocation(config.tree(), null, "tracking", "ca_file");
        String display = config.relative(caFile);
        String problem = null;
        if (!Files.exists(caFile)) {
            problem = "the CA file " + display + " does not exist";
        } else if (!Files.isRegularFile(caFile)) {
            problem = "cannot read the CA file " + display + ": it is not a file";
        } else {
            try (InputStream in = Files.newInputStream(caFile)) {
                if (CertificateFactory.getInstance("X.509")
                        .generateCertificates(in)
                        .isEmpty()) {
                    problem = "the CA file " + display
                            + " holds no certificate (expected PEM, -----BEGIN CERTIFICATE-----)";
                }
            } catch (IOException e) {
                problem = "cannot read the CA file " + display + ": " + e.getMessage();
            } catch (CertificateException e) {
                problem = "the CA file " + display + " is not a PEM certificate: " + e.getMessage();
            }
        }
        if (problem != null) {
            out.add(new ConfigProblem(at, "tracking.ca_file", problem));
        }
    }
}
