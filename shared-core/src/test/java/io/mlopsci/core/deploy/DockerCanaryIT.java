package io.mlopsci.core.deploy;

import static io.mlopsci.core.deploy.DeployFixtures.alias;
import static io.mlopsci.core.deploy.DeployFixtures.newVersion;
import static io.mlopsci.core.deploy.DeployFixtures.result;
import static io.mlopsci.core.deploy.DeployFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.testing.DockerDaemon;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import io.mlopsci.core.testing.ScriptedModelProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker target against a real Docker engine: images packaged with Jib onto a locally built
 * serving base (nothing pulled), containers per version behind the router. A promoted canary
 * replaces the stable container; a disagreeing one is removed and the stable keeps serving; after
 * a crash or a promotion, rollback brings back a container of the previous version from its image.
 */
class DockerCanaryIT {

    static final String BASE = "mlops-test/model-server:1";

    @TempDir
    static Path tmp;

    static String model;
    static Sandbox project;

    @BeforeAll
    static void serverImage() throws IOException {
        String busybox = DockerDaemon.busyboxImage();
        Path ctx = tmp.resolve("base");
        Files.createDirectories(ctx.resolve("www/cgi-bin"));
        Files.writeString(ctx.resolve("www/health"), "ok\n");
        Files.writeString(ctx.resolve("www/cgi-bin/predict"), ScriptedModelProject.PREDICT_CGI);
        ctx.resolve("www/cgi-bin/predict").toFile().setExecutable(true, false);
        Files.writeString(
                ctx.resolve("Dockerfile"),
                "FROM " + busybox + "\nCOPY www /www\n"
                        + "ENTRYPOINT [\"sh\", \"-c\", \"exec httpd -f -p ${PORT:-8080} -h /www\"]\n");
        Processes.Result build = DockerDaemon.docker("build", "-q", "-t", BASE, ctx.toString());
        assertThat(build.exitCode()).as(build.toString()).isZero();

        model = "dkr" + Long.toString(System.nanoTime(), 36);
        project = ScriptedModelProject.create(tmp, "p", model, """
                package:
                  image: "mlops-test/%s:${model.version}"
                  format: docker
                  base: "docker://%s"
                deploy:
                  target: docker
                  docker: {network: host}
                  serve: {predict: /cgi-bin/predict, ready_timeout: 30s}
                  canary:
                    steps: [50, 100]
                    bake: 1s
                    min_requests: 5
                    smoke: {rate: 30}
                    analysis:
                      error_rate: {max: 0.01}
                      disagreement: {max: 0.05}
                """.formatted(model, BASE));
        project.env("DOCKER_HOST", DockerDaemon.host());
    }

    @AfterAll
    static void removeContainers() {
        if (model != null) {
            Processes.Result ids = DockerDaemon.docker("ps", "-aq", "--filter", "label=io.mlopsci.model=" + model);
            for (String id : ids.stdout().trim().split("\\s+")) {
                if (!id.isBlank()) {
                    DockerDaemon.docker("rm", "-f", id);
                }
            }
        }
    }

    /** Versions of this model's containers, with their state, e.g. ["1 running"]. */
    static List<String> containers() {
        Processes.Result r = DockerDaemon.docker(
                "ps",
                "-a",
                "--filter",
                "label=io.mlopsci.model=" + model,
                "--format",
                "{{.Label \"io.mlopsci.model.version\"}} {{.State}}");
        return Arrays.stream(r.stdout().trim().split("\n"))
                .filter(l -> !l.isBlank())
                .sorted()
                .toList();
    }

    static String release(String... overrides) {
        String v = newVersion(project, overrides);
        Processes.Result p = project.mlops("package");
        assertThat(p.exitCode()).as(p.toString()).isZero();
        return v;
    }

    @Test
    void canaryPromotionRollbackAndRecoveryWithRealContainers() {
        String v1 = release();
        Processes.Result first = project.mlops("deploy-canary");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(containers()).containsExactly(v1 + " running");

        String v2 = release("train.params.accuracy=0.96");
        Processes.Result second = project.mlops("deploy-canary");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(alias(project, model, "champion")).isEqualTo(v2);
        assertThat(containers()).as("the old stable container is gone").containsExactly(v2 + " running");
        JsonNode r2 = result(project, "deploy-canary");
        assertThat(DeployFixtures.criterion(r2, "canary.50%.disagreement")
                        .path("details")
                        .path("comparisons")
                        .asLong())
                .isGreaterThanOrEqualTo(5);

        String bad = release("train.params.answer=0", "train.params.accuracy=0.97");
        Processes.Result third = project.mlops("deploy-canary");
        assertThat(third.exitCode()).as(third.toString()).isEqualTo(1);
        assertThat(result(project, "deploy-canary").path("summary").asText()).contains("disagreement");
        assertThat(containers())
                .as("the canary container is removed, the stable one serves")
                .containsExactly(v2 + " running");
        assertThat(alias(project, model, "champion")).isEqualTo(v2);

        String v4 = release("train.params.accuracy=0.98");
        Processes.Result crashed =
                project.env("MLOPS_DEBUG_HALT_AT", "traffic-50").mlops("deploy-canary");
        project.env("MLOPS_DEBUG_HALT_AT", "");
        assertThat(crashed.exitCode()).isEqualTo(137);
        assertThat(containers()).containsExactly(v2 + " running", v4 + " running");
        Processes.Result recovered = project.mlops("rollback");
        assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
        assertThat(containers()).containsExactly(v2 + " running");
        assertThat(result(project, "rollback").path("criteria").toString()).contains("health of v" + v2);

        Processes.Result promoted = project.mlops("deploy-canary", "--model-version", v4);
        assertThat(promoted.exitCode()).as(promoted.toString()).isZero();
        assertThat(containers()).containsExactly(v4 + " running");
        Processes.Result undo = project.mlops("rollback");
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(containers()).as("v" + v2 + " runs again, from its image").containsExactly(v2 + " running");
        assertThat(alias(project, model, "champion")).isEqualTo(v2);
        assertThat(state(project, model).path("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(bad).isNotEqualTo(v1);
    }
}
