package io.mlopsci.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Hashing;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.DockerDaemon;
import io.mlopsci.core.testing.FreePorts;
import io.mlopsci.core.testing.OciRegistry;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import io.mlopsci.core.testing.ScriptedModelProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package step through the real CLI: Jib images as OCI layout, tarballs, pushed to a real
 * registry (with and without credentials) and loaded into a real Docker engine; Dockerfile builds;
 * and the failures a user meets, each with its exit code.
 */
class PackageStepIT {

    @TempDir
    static Path tmp;

    static Sandbox project;

    @BeforeAll
    static void trainAndGate() {
        project = ScriptedModelProject.create(tmp, "p", "fraud", """
                package:
                  image: "fraud:${model.version}"
                  labels: {team: risk, build: "run-${run.id}"}
                """);
        assertThat(project.mlops("train").exitCode()).isZero();
        Processes.Result gate = project.mlops("evaluate-gate");
        assertThat(gate.exitCode()).as(gate.toString()).isZero();
    }

    static JsonNode result() throws IOException {
        return Json.mapper().readTree(project.out("package", "result.json").toFile());
    }

    @Test
    void writesAnOciLayoutByDefaultLabelledAndRecordedOnTheVersion() throws IOException {
        Processes.Result r = project.mlops("package");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode res = result();
        String digest = res.path("outputs").path("digest").asText();
        assertThat(digest).startsWith("sha256:");
        assertThat(res.path("model").path("version").asText()).isEqualTo("1");

        Path layout = project.out("package", "image");
        assertThat(layout.resolve("oci-layout")).exists();
        JsonNode index = Json.mapper().readTree(layout.resolve("index.json").toFile());
        assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(digest);
        JsonNode manifest = Json.mapper().readTree(blob(layout, digest).toFile());
        assertThat(manifest.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(manifest.path("layers")).as("scratch base + one model layer").hasSize(1);
        for (JsonNode d : manifest.path("layers")) {
            Path b = blob(layout, d.path("digest").asText());
            assertThat("sha256:" + Hashing.sha256(b))
                    .as("blob content matches its digest")
                    .isEqualTo(d.path("digest").asText());
        }
        JsonNode config = Json.mapper()
                .readTree(blob(layout, manifest.path("config").path("digest").asText())
                        .toFile());
        JsonNode labels = config.path("config").path("Labels");
        String runId = res.path("model").path("runId").asText();
        assertThat(labels.path("io.mlopsci.model.name").asText()).isEqualTo("fraud");
        assertThat(labels.path("io.mlopsci.model.version").asText()).isEqualTo("1");
        assertThat(labels.path("io.mlopsci.run.id").asText()).isEqualTo(runId);
        assertThat(labels.path("io.mlopsci.gate.verdict").asText()).isEqualTo("PASS");
        assertThat(labels.path("io.mlopsci.git.sha").asText()).hasSize(40);
        assertThat(labels.path("io.mlopsci.metrics").asText()).isEqualTo("{\"accuracy\":0.95}");
        assertThat(labels.path("io.mlopsci.metrics.digest").asText())
                .isEqualTo("sha256:" + Hashing.sha256("{\"accuracy\":0.95}"));
        assertThat(labels.path("build").asText()).isEqualTo("run-" + runId);
        assertThat(labels.path("team").asText()).isEqualTo("risk");
        assertThat(config.path("config").path("Env").toString()).contains("MLOPS_MODEL_DIR=/models");

        JsonNode version = registryVersion("1");
        assertThat(version.path("tags").path("mlops.image").asText()).isEqualTo("fraud:1");
        assertThat(version.path("tags").path("mlops.image.digest").asText()).isEqualTo(digest);
        assertThat(Files.readString(project.out("package", "report.md")))
                .contains(digest)
                .contains("Image labels");

        assertThat(project.mlops("package").exitCode()).isZero();
        assertThat(result().path("outputs").path("digest").asText())
                .as("same model, same digest")
                .isEqualTo(digest);
    }

    @Test
    void writesOciAndDockerTarballs() throws IOException {
        for (String format : new String[] {"oci-tar", "docker-tar"}) {
            Processes.Result r = project.mlops("package", "--set", "package.format=" + format);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            Path tar = project.out("package", "image.tar");
            assertThat(tar).isRegularFile();
            Processes.Result list = Processes.run(tar.getParent(), "tar", "-tf", tar.toString());
            assertThat(list.stdout()).contains(format.equals("oci-tar") ? "index.json" : "manifest.json");
        }
    }

    @Test
    void pushesToARealRegistry() throws IOException {
        try (OciRegistry registry = OciRegistry.start(tmp.resolve("registry"))) {
            Processes.Result r = project.mlops(
                    "package",
                    "--set",
                    "package.format=registry",
                    "--set",
                    "package.image=" + registry.address() + "/models/fraud:${model.version}",
                    "--set",
                    "package.insecure=true");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode res = result();
            OciRegistry.Manifest m = registry.manifest("models/fraud", "1");
            assertThat(m).as("pushed").isNotNull();
            assertThat(m.digest()).isEqualTo(res.path("outputs").path("digest").asText());
            assertThat(m.labels())
                    .containsEntry("io.mlopsci.model.version", "1")
                    .containsEntry("io.mlopsci.gate.verdict", "PASS");
            assertThat(res.path("outputs").path("pinned").asText())
                    .isEqualTo(registry.address() + "/models/fraud@" + m.digest());
            assertThat(registryVersion("1")
                            .path("tags")
                            .path("mlops.image.pinned")
                            .asText())
                    .isEqualTo(res.path("outputs").path("pinned").asText());
        }
    }

    @Test
    void pushesWithCredentialsFromTheEnvironmentAndNeverPrintsThem() throws IOException {
        String password = "s3cret-" + System.nanoTime();
        try (OciRegistry registry = OciRegistry.startWithAuth(tmp.resolve("auth-registry"), "ci-bot", password)) {
            String[] args = {
                "package",
                "--set",
                "package.format=registry",
                "--set",
                "package.image=" + registry.address() + "/fraud:v${model.version}",
                "--set",
                "package.insecure=true"
            };
            Processes.Result denied = project.mlops(args);
            assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(3);
            assertThat(denied.stderr()).contains("refused access").contains("MLOPS_REGISTRY_USERNAME");

            project.env("MLOPS_REGISTRY_USERNAME", "ci-bot").env("MLOPS_REGISTRY_PASSWORD", password);
            try {
                Processes.Result ok = project.mlops(args);
                assertThat(ok.exitCode()).as(ok.toString()).isZero();
                assertThat(registry.manifest("fraud", "v1")).isNotNull();
                assertThat(ok.stderr() + ok.stdout()).doesNotContain(password);
                assertThat(Files.readString(project.out("package", "result.json")))
                        .doesNotContain(password);
                assertThat(Files.readString(project.out("package", "report.md")))
                        .doesNotContain(password);
            } finally {
                project.env("MLOPS_REGISTRY_USERNAME", "").env("MLOPS_REGISTRY_PASSWORD", "");
            }
        }
    }

    @Test
    void anUnreachableRegistryIsAnInfrastructureError() throws IOException {
        int closed = FreePorts.next();
        Processes.Result r = project.mlops(
                "package",
                "--set",
                "package.format=registry",
                "--set",
                "package.image=127.0.0.1:" + closed + "/fraud:${model.version}",
                "--set",
                "package.insecure=true");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stderr()).contains("cannot reach the registry 127.0.0.1:" + closed);
        JsonNode res = result();
        assertThat(res.path("verdict").asText()).isEqualTo("ERROR");
        assertThat(res.path("error").path("kind").asText()).isEqualTo("infrastructure");
    }

    @Test
    void anInvalidImageReferenceNamesTheField() {
        Processes.Result r = project.mlops("package", "--set", "package.image=Fraud/UPPER:${model.version}");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("package.image").contains("not a valid image reference");
    }

    @Test
    void buildsIntoTheDockerEngineWithJibOnABaseFromTheEngine() {
        String host = DockerDaemon.host();
        String base = DockerDaemon.busyboxImage();
        project.env("DOCKER_HOST", host);
        Processes.Result r = project.mlops(
                "package",
                "--set",
                "package.format=docker",
                "--set",
                "package.image=mlops-test/fraud-jib:${model.version}",
                "--set",
                "package.base=docker://" + base,
                "--set",
                "package.entrypoint=[sh, -c, 'cat $MLOPS_MODEL_DIR/answer']");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Processes.Result run = DockerDaemon.docker("run", "--rm", "mlops-test/fraud-jib:1");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout().trim()).isEqualTo("1");
        Processes.Result labels = DockerDaemon.docker(
                "image",
                "inspect",
                "--format",
                "{{index .Config.Labels \"io.mlopsci.model.version\"}}",
                "mlops-test/fraud-jib:1");
        assertThat(labels.stdout().trim()).isEqualTo("1");
    }

    @Test
    void buildsADockerfileThroughTheEngineAndReportsABrokenOne() throws IOException {
        project.env("DOCKER_HOST", DockerDaemon.host());
        String base = DockerDaemon.busyboxImage();
        project.write(
                "Dockerfile",
                "FROM " + base + "\nARG MLOPS_MODEL_DIR\nCOPY ${MLOPS_MODEL_DIR} /models\n"
                        + "CMD [\"cat\", \"/models/answer\"]\n");
        Processes.Result r = project.mlops(
                "package",
                "--set",
                "package.dockerfile=Dockerfile",
                "--set",
                "package.image=mlops-test/fraud-dockerfile:${model.version}");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(result().path("outputs").path("builder").asText()).isEqualTo("docker build");
        Processes.Result run = DockerDaemon.docker("run", "--rm", "mlops-test/fraud-dockerfile:1");
        assertThat(run.stdout().trim()).isEqualTo("1");
        Processes.Result label = DockerDaemon.docker(
                "image",
                "inspect",
                "--format",
                "{{index .Config.Labels \"io.mlopsci.gate.verdict\"}}",
                "mlops-test/fraud-dockerfile:1");
        assertThat(label.stdout().trim()).isEqualTo("PASS");

        project.write("Broken.Dockerfile", "FROM " + base + "\nRUN echo about to fail && false\n");
        Processes.Result broken = project.mlops(
                "package",
                "--set",
                "package.dockerfile=Broken.Dockerfile",
                "--set",
                "package.image=mlops-test/fraud-broken:${model.version}");
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(2);
        assertThat(broken.stderr())
                .contains("docker build of Broken.Dockerfile failed")
                .contains("about to fail");
        assertThat(DockerDaemon.docker("image", "inspect", "mlops-test/fraud-broken:1")
                        .exitCode())
                .as("no image left behind under the tag")
                .isNotZero();
    }

    @Test
    void needsAVersionTheGateRegistered() {
        Sandbox fresh = ScriptedModelProject.create(tmp, "fresh", "fraud", "package: {image: \"fraud:1\"}\n");
        Processes.Result r = fresh.mlops("package");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("run `mlops evaluate-gate` first");
        Processes.Result unknown = fresh.mlops("package", "--model-version", "7");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("version 7 of fraud is not in the local registry");
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
    }

    private static JsonNode registryVersion(String version) throws IOException {
        JsonNode doc = Json.mapper()
                .readTree(project.dir()
                        .resolve(".mlops/registry/models/fraud.json")
                        .toFile());
        for (JsonNode v : doc.path("versions")) {
            if (v.path("version").asText().equals(version)) {
                return v;
            }
        }
        throw new AssertionError("no version " + version + " in " + doc);
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
