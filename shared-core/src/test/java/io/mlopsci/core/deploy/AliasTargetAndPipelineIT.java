package io.mlopsci.core.deploy;

import static io.mlopsci.core.deploy.DeployFixtures.alias;
import static io.mlopsci.core.deploy.DeployFixtures.json;
import static io.mlopsci.core.deploy.DeployFixtures.newVersion;
import static io.mlopsci.core.deploy.DeployFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import io.mlopsci.core.testing.ScriptedModelProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mlflow (alias-only) target with the local registry, and {@code mlops run} ending a failed
 * canary with the rollback step.
 */
class AliasTargetAndPipelineIT {

    @TempDir
    Path tmp;

    @Test
    void theAliasTargetMovesOnlyAliasesAndUndoesThem() {
        Sandbox s = ScriptedModelProject.create(tmp, "p", "fraud", """
                deploy:
                  target: mlflow
                  mlflow: {canary_alias: canary}
                  canary: {steps: [100], bake: 300ms}
                """);
        String v1 = newVersion(s);
        assertThat(s.mlops("deploy-canary").exitCode()).isZero();
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
        assertThat(alias(s, "fraud", "canary")).as("dropped after promotion").isNull();

        String v2 = newVersion(s, "train.params.accuracy=0.96");
        Processes.Result crashed = s.env("MLOPS_DEBUG_HALT_AT", "traffic-100").mlops("deploy-canary");
        s.env("MLOPS_DEBUG_HALT_AT", "");
        assertThat(crashed.exitCode()).isEqualTo(137);
        assertThat(alias(s, "fraud", "canary"))
                .as("serving stacks follow the canary alias")
                .isEqualTo(v2);
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
        Processes.Result rb = s.mlops("rollback");
        assertThat(rb.exitCode()).as(rb.toString()).isZero();
        assertThat(alias(s, "fraud", "canary")).isNull();
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);

        s.git("checkout", "-q", "-b", "experiment");
        Processes.Result offBranch = s.mlops("deploy-canary", "--model-version", v2);
        assertThat(offBranch.exitCode()).isZero();
        assertThat(result(s, "deploy-canary").path("outputs").path("decision").asText())
                .isEqualTo("not-deployed");
        assertThat(alias(s, "fraud", "canary"))
                .as("persistent targets are not touched off the release branches")
                .isNull();
        s.git("checkout", "-q", "main");

        Processes.Result promoted = s.mlops("deploy-canary", "--model-version", v2);
        assertThat(promoted.exitCode()).as(promoted.toString()).isZero();
        assertThat(result(s, "deploy-canary").path("notes").toString()).contains("each step only bakes");
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v2);
    }

    @Test
    void runRollsBackAFailedCanaryAndReportsIt() {
        Sandbox s = ScriptedModelProject.create(tmp, "p", "fraud", LocalCanaryIT.DEPLOY);
        Processes.Result first = s.mlops("run");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String v1 = alias(s, "fraud", "champion");
        assertThat(v1).isNotNull();

        Processes.Result bad = s.mlops("run", "--set", "train.params.answer=0", "--set", "train.params.accuracy=0.97");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
        JsonNode summary = json(s.out("result.json"));
        List<String> lines = new ArrayList<>();
        summary.path("steps")
                .forEach(st -> lines.add(
                        st.path("step").asText() + " " + st.path("verdict").asText()));
        assertThat(lines).containsSubsequence("deploy-canary FAIL", "rollback PASS");
        assertThat(summary.path("summary").asText()).startsWith("deploy-canary: rolled back version");
        assertThat(result(s, "rollback").path("summary").asText()).startsWith("already rolled back: version " + v1);
        assertThat(alias(s, "fraud", "champion")).isEqualTo(v1);
    }
}
