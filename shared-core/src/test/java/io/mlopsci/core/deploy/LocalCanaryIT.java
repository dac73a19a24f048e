package io.mlopsci.core.deploy;

import static io.mlopsci.core.deploy.DeployFixtures.alias;
import static io.mlopsci.core.deploy.DeployFixtures.criterion;
import static io.mlopsci.core.deploy.DeployFixtures.history;
import static io.mlopsci.core.deploy.DeployFixtures.liveServers;
import static io.mlopsci.core.deploy.DeployFixtures.newVersion;
import static io.mlopsci.core.deploy.DeployFixtures.result;
import static io.mlopsci.core.deploy.DeployFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import io.mlopsci.core.testing.ScriptedModelProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local target with real model-server processes and real traffic through the router: a first
 * deployment, a canary that is promoted, and a canary that disagrees with the stable model and is
 * rolled back automatically with the reason in the report.
 */
class LocalCanaryIT {

    static final String DEPLOY = """
            deploy:
              target: local
            """ + ScriptedModelProject.localServe() + """
              canary:
                steps: [50, 100]
                bake: 1s
                min_requests: 5
                smoke: {rate: 40, concurrency: 2}
                analysis:
                  error_rate: {max: 0.01}
                  latency_p95_ms: {max: 5000}
                  disagreement: {max: 0.05}
            """;

    @TempDir
    Path tmp;

    @Test
    void promotesAgreeingCanariesAndRollsBackOneThatDisagrees() throws IOException {
        Sandbox s = ScriptedModelProject.create(tmp, "p", "fraud", DEPLOY);
        String v1 = newVersion(s);
        Processes.Result first = s.mlops("deploy-canary");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode r1 = result(s, "deploy-canary");
        assertThat(r1.path("outputs").path("decision").asText()).isEqualTo("promoted");
        assertThat(r1.path("summary").asText()).contains("first deployment");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
        assertThat(criterion(r1, "canary.100%.error_rate").path("status").asText())
                .isEqualTo("PASS");

        String v2 = newVersion(s, "train.params.accuracy=0.96");
        assertThat(v2).isNotEqualTo(v1);
        Processes.Result second = s.mlops("deploy-canary");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode r2 = result(s, "deploy-canary");
        assertThat(r2.path("outputs").path("decision").asText()).isEqualTo("promoted");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v2);
        JsonNode agree = criterion(r2, "canary.50%.disagreement");
        assertThat(agree.path("status").asText()).isEqualTo("PASS");
        assertThat(agree.path("actual").asDouble()).isZero();
        assertThat(agree.path("details").path("comparisons").asLong()).isGreaterThanOrEqualTo(5);
        JsonNode requests50 = criterion(r2, "canary.50%.error_rate").path("details");
        assertThat(requests50.path("canaryRequests").asLong())
                .as("about half the smoke traffic")
                .isGreaterThan(0)
                .isCloseTo(requests50.path("stableRequests").asLong(), org.assertj.core.data.Offset.offset(2L));

        String v3 = newVersion(s, "train.params.answer=0", "train.params.accuracy=0.97");
        Processes.Result third = s.mlops("deploy-canary");
        assertThat(third.exitCode()).as(third.toString()).isEqualTo(1);
        JsonNode r3 = result(s, "deploy-canary");
        assertThat(r3.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(r3.path("outputs").path("decision").asText()).isEqualTo("rolled-back");
        assertThat(r3.path("summary").asText())
                .contains("rolled back version " + v3 + " at 50%")
                .contains("disagreement");
        JsonNode disagree = criterion(r3, "canary.50%.disagreement");
        assertThat(disagree.path("status").asText()).isEqualTo("FAIL");
        assertThat(disagree.path("effect").asText()).isEqualTo("FAIL");
        assertThat(disagree.path("actual").asDouble()).isEqualTo(1.0);
        assertThat(alias(s, "fraud", "champion")).as("the alias never moved").isEqualTo(v2);
        JsonNode st = state(s, "fraud");
        assertThat(st.path("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(liveServers(st)).isEmpty();
        JsonNode h = history(s, "fraud");
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.get(2).path("action").asText()).isEqualTo("rolled-back");
        assertThat(h.get(2).path("serving").path("version").asText()).isEqualTo(v2);
        String md = Files.readString(s.out("deploy-canary", "report.md"));
        assertThat(md)
                .contains("Canary timeline")
                .contains("Rolled back")
                .contains("disagreement")
                .contains("xychart-beta");
    }

    @Test
    void aWindowWithTooFewSmokeRequestsWaitsForThemInsteadOfCallingTheCanaryInconclusive() {
        // 4 requests/s, half to the canary: 2 reach it in the 1 s bake, min_requests is 10.
        String slowSmoke = DEPLOY.replace("min_requests: 5", "min_requests: 10")
                .replace("smoke: {rate: 40, concurrency: 2}", "smoke: {rate: 4, concurrency: 1}");
        Sandbox s = ScriptedModelProject.create(tmp, "p", "fraud", slowSmoke);
        newVersion(s);
        assertThat(s.mlops("deploy-canary").exitCode()).isZero();
        String v2 = newVersion(s, "train.params.accuracy=0.96");

        Processes.Result r = s.mlops("deploy-canary");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("waiting for smoke traffic: ").contains(" of 10 requests reached the canary");
        JsonNode res = result(s, "deploy-canary");
        assertThat(res.path("outputs").path("decision").asText()).isEqualTo("promoted");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v2);
        JsonNode at50 = criterion(res, "canary.50%.error_rate");
        assertThat(at50.path("status").asText()).isEqualTo("PASS");
        assertThat(at50.path("details").path("canaryRequests").asLong()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void offTheReleaseBranchesTheCanaryIsARehearsalThatNeverMovesTheAlias() {
        Sandbox s = ScriptedModelProject.create(tmp, "p", "fraud", DEPLOY + "\n");
        String v1 = newVersion(s);
        assertThat(s.mlops("deploy-canary").exitCode()).isZero();
        int historyBefore = history(s, "fraud").size();
        s.git("checkout", "-q", "-b", "feature/new-model");
        String v2 = newVersion(s, "train.params.accuracy=0.96");

        Processes.Result r = s.mlops("deploy-canary");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode res = result(s, "deploy-canary");
        assertThat(res.path("outputs").path("decision").asText()).isEqualTo("rehearsed");
        assertThat(res.path("summary").asText())
                .contains("rehearsed the canary of version " + v2 + " next to version " + v1)
                .contains("branch 'feature/new-model' (from the git checkout in ")
                .contains(" is not one of [main, master] (gate.promote.branches)");
        assertThat(criterion(res, "canary.50%.disagreement").path("status").asText())
                .as("analysed as usual")
                .isEqualTo("PASS");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
        assertThat(history(s, "fraud").size())
                .as("a rehearsal is not a deployment")
                .isEqualTo(historyBefore);
        assertThat(liveServers(state(s, "fraud"))).isEmpty();

        Processes.Result failing = s.mlops("deploy-canary", "--set", "train.params.answer=0");
        assertThat(failing.exitCode())
                .as("the rehearsal of the same version passes again")
                .isZero();
        String bad = newVersion(s, "train.params.answer=0", "train.params.accuracy=0.97");
        Processes.Result disagreeing = s.mlops("deploy-canary");
        assertThat(disagreeing.exitCode())
                .as("a failing rehearsal fails the step")
                .isEqualTo(1);
        assertThat(result(s, "deploy-canary").path("summary").asText()).contains("rolled back version " + bad);
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
        assertThat(history(s, "fraud").size()).isEqualTo(historyBefore);
    }
}
