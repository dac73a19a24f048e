package io.mlopsci.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The stale-result contract with the real engine in a child JVM: its own fresh result is taken; a
 * result it wrote whose process then ended with another exit code is ERROR, exit 3. (The cases
 * without an engine are {@link StaleResultTest}.)
 */
class StaleResultIT extends StaleResultFixture {

    @Test
    void aResultThatDisagreesWithTheEnginesExitCodeIsAnError() {
        EngineProcess.Launcher real = EngineProcess.childJvm(System.out);
        // The real engine writes a PASS, then the process ends with 3 (killed after writing).
        SimulatedRunner.Run run = runner.run((args, env, cwd) -> {
            assertThat(real.run(args, env, cwd)).isZero();
            return 3;
        });

        assertThat(run.exitCode()).as(run.stdout()).isEqualTo(3);
        assertThat(run.outputs()).containsEntry("verdict", "ERROR");
        assertThat(run.commands())
                .anyMatch(c -> c.startsWith("::error::") && c.contains("exited with code 3 but its result.json"));
        github.assertAllRequestsValid();
    }

    @Test
    void theEnginesOwnFreshResultIsTaken() {
        SimulatedRunner.Run run = runner.run(EngineProcess.childJvm(System.out));

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.outputs())
                .containsEntry("verdict", "PASS")
                .containsEntry("result_json", "models/demo/.mlops/out/result.json");
        assertThat(github.github().checkRuns())
                .singleElement()
                .satisfies(c -> assertThat(c.conclusion()).isEqualTo("success"));
        github.assertAllRequestsValid();
    }
}
