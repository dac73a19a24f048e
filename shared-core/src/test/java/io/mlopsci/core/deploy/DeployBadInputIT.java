package io.mlopsci.core.deploy;

import static io.mlopsci.core.deploy.DeployFixtures.alias;
import static io.mlopsci.core.deploy.DeployFixtures.criterion;
import static io.mlopsci.core.deploy.DeployFixtures.liveServers;
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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user gets wrong, through the real CLI: each gives a clear message, the right exit code,
 * and leaves nothing half-deployed (the champion alias and the journal say what served before).
 */
class DeployBadInputIT {

    @TempDir
    static Path tmp;

    static Sandbox template;
    static String v1;
    static String v2;

    @BeforeAll
    static void championAndCandidate() {
        template = ScriptedModelProject.create(tmp, "template", "fraud", LocalCanaryIT.DEPLOY);
        v1 = newVersion(template);
        assertThat(template.mlops("deploy-canary").exitCode()).isZero();
        v2 = newVersion(template, "train.params.accuracy=0.96");
    }

    @Test
    void anUnknownTargetIsAConfigErrorWithASuggestion() {
        Sandbox s = template.copy(tmp, "unknown-target");
        Processes.Result r = s.mlops("deploy-canary", "--set", "deploy.target=kubernets");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr())
                .contains("'deploy.target': expected one of local, docker, kubernetes, mlflow, got 'kubernets'"
                        + " (did you mean 'kubernetes'?)");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
        assertThat(state(s, "fraud").path("phase").asText())
                .as("nothing started")
                .isEqualTo("PROMOTED");
    }

    @Test
    void aServeCommandThatNeverGetsHealthyTimesOutAndIsRolledBack() {
        Sandbox s = template.copy(tmp, "never-healthy");
        Processes.Result r = s.mlops(
                "deploy-canary",
                "--set",
                "deploy.serve.command=[sleep, '600']",
                "--set",
                "deploy.serve.ready_timeout=2s");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr())
                .contains("the stable server of version " + v1 + " did not become healthy within 2s")
                .contains("deploy.serve");
        JsonNode res = result(s, "deploy-canary");
        assertThat(res.path("error").path("kind").asText()).isEqualTo("command");
        JsonNode st = state(s, "fraud");
        assertThat(st.path("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(liveServers(st)).isEmpty();
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
    }

    @Test
    void aCanaryThatNeverGetsHealthyNextToAHealthyStableFailsTheCanary() {
        Sandbox s = template.copy(tmp, "canary-unhealthy");
        // The server refuses to start for the candidate's model: a broken model, not a broken command.
        s.write(
                "serve/run.sh",
                "#!/bin/sh\n[ \"$MLOPS_ROLE\" = canary ] && { echo 'cannot load model' >&2; exit 3; }\n"
                        + "exec busybox httpd -f -p \"127.0.0.1:$PORT\" -h \"$(dirname \"$0\")/www\"\n");
        Processes.Result r = s.mlops("deploy-canary");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode res = result(s, "deploy-canary");
        JsonNode ready = criterion(res, "canary.ready");
        assertThat(ready.path("status").asText()).isEqualTo("FAIL");
        assertThat(ready.path("message").asText())
                .contains("exited with code 3")
                .contains("cannot load model");
        assertThat(res.path("outputs").path("decision").asText()).isEqualTo("rolled-back");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
        assertThat(liveServers(state(s, "fraud"))).isEmpty();
    }

    @Test
    void aRouterPortInUseIsAnEnvironmentErrorBeforeAnythingStarts() throws IOException {
        Sandbox s = template.copy(tmp, "port-in-use");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Processes.Result r = s.mlops("deploy-canary", "--set", "deploy.local.port=" + taken.getLocalPort());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.stderr())
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("deploy.local.port")
                    .contains("already in use");
        }
        JsonNode st = state(s, "fraud");
        assertThat(st.path("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(st.path("resources").size()).as("no server was started").isZero();
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
    }

    @Test
    void deployingNeedsARegisteredVersion() {
        Sandbox s = template.copy(tmp, "no-version");
        Processes.Result r = s.mlops("deploy-canary", "--model-version", "42");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("version 42 of fraud is not in the local registry");
    }

    @Test
    void theDockerTargetNeedsAPackagedImage() {
        // With a Docker engine that answers (the preflight checks it first), the missing image is what is reported.
        Sandbox s = template.copy(tmp, "no-image").env("DOCKER_HOST", DockerDaemon.host());
        Processes.Result r = s.mlops("deploy-canary", "--set", "deploy.target=docker");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("version " + v2 + " has no image").contains("mlops package");
    }

    @Test
    void routerMetricsOnATargetWithoutTheRouterAreAConfigError() {
        Sandbox s = template.copy(tmp, "k8s-router-metric");
        Processes.Result r = s.mlops(
                "validate-config",
                "--set",
                "deploy.target=kubernetes",
                "--set",
                "deploy.serve={}",
                "--set",
                "deploy.canary.smoke={enabled: false}");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr())
                .contains("'deploy.canary.analysis.error_rate': 'error_rate' comes from the engine's router,"
                        + " which the kubernetes target does not use");
    }
}
