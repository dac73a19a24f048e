package io.mlopsci.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StepIdTest {

    @Test
    void theStepsInPipelineOrderThenRun() {
        assertThat(StepId.steps()).doesNotContain(StepId.RUN).hasSize(StepId.values().length - 1);
        assertThat(StepId.pipeline())
                .as("run runs the six pipeline steps, not monitor")
                .containsExactly(
                        StepId.VALIDATE_DATA,
                        StepId.TRAIN,
                        StepId.EVALUATE_GATE,
                        StepId.PACKAGE,
                        StepId.DEPLOY_CANARY,
                        StepId.ROLLBACK);
        assertThat(StepId.MONITOR.inPipeline()).isFalse();
        assertThat(StepId.of("monitor")).contains(StepId.MONITOR);
        assertThat(Arrays.stream(StepId.values()).map(StepId::id).distinct()).hasSize(StepId.values().length);
        assertThat(StepId.of(StepId.Names.DEPLOY_CANARY)).contains(StepId.DEPLOY_CANARY);
        assertThat(StepId.of("deploy")).isEmpty();
        assertThat(StepId.parse(" Evaluate-Gate ")).isEqualTo(StepId.EVALUATE_GATE);
        assertThatThrownBy(() -> StepId.parse("gate"))
                .hasMessage("expected one of validate-data, train, evaluate-gate, package, deploy-canary, rollback,"
                        + " monitor, run, got 'gate'");
    }

    @Test
    void optionsBecomeTheSwitchesTheirStepAccepts() {
        assertThat(new TrainOptions(true, false).arguments()).containsExactly("--no-cache");
        assertThat(new TrainOptions(false, true).arguments()).containsExactly("--record-only");
        assertThat(new RunOptions(true).train()).isEqualTo(new TrainOptions(true, false));
        assertThat(new PackageOptions("3").arguments()).containsExactly("--model-version", "3");
        assertThat(new DeployCanaryOptions(null).arguments()).isEmpty();
        assertThat(new RollbackOptions(true).arguments()).containsExactly("--in-flight-only");
        assertThat(new MonitorOptions(java.time.Instant.parse("2026-01-05T00:00:00Z")).arguments())
                .containsExactly("--at", "2026-01-05T00:00:00Z");
        assertThat(MonitorOptions.NOW.arguments()).isEmpty();
        for (StepOptions o : new StepOptions[] {
            new TrainOptions(true, false),
            new TrainOptions(false, true),
            new PackageOptions("1"),
            new DeployCanaryOptions("1"),
            new RollbackOptions(true),
            new MonitorOptions(java.time.Instant.EPOCH)
        }) {
            assertThat(Arrays.stream(StepId.values())
                            .anyMatch(s -> s.switches().contains(o.arguments().get(0))))
                    .as(o + " is a switch some step accepts")
                    .isTrue();
        }
    }

    @Test
    void theLayoutOfAWorkdir() {
        assertThat(Layout.defaultOut(Path.of("/w"))).isEqualTo(Path.of("/w/.mlops/out"));
        assertThat(Layout.stepDir(Path.of("/o"), StepId.TRAIN)).isEqualTo(Path.of("/o/train"));
        assertThat(Layout.stepDir(Path.of("/o"), StepId.RUN)).isEqualTo(Path.of("/o"));
        assertThat(Layout.defaultOut("")).isEqualTo(".mlops/out");
        assertThat(Layout.defaultOut("models/fraud")).isEqualTo("models/fraud/.mlops/out");
        assertThat(Layout.stepDir("out", StepId.PACKAGE)).isEqualTo("out/package");
        assertThat(ExitCodes.describe(ErrorKind.CONFIG.exitCode())).isEqualTo("usage or configuration error");
    }
}
