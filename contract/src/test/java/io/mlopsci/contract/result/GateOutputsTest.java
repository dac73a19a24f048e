package io.mlopsci.contract.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's outputs filled in as it goes: each step sets its own components and keeps the others. */
class GateOutputsTest {

    @Test
    void nothingIsSetAtFirst() {
        assertThat(GateOutputs.none())
                .isEqualTo(new GateOutputs(
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void eachWithSetsItsComponentsAndKeepsEveryOther() {
        GateOutputs.Rescored rescored = new GateOutputs.Rescored(true, "k", "sha", 42);
        List<GateOutputs.NotApplicable> rules =
                List.of(new GateOutputs.NotApplicable("auc.max_drop", "auc", "max_drop", "≤ 0.01", "same run"));
        GateOutputs o = GateOutputs.none()
                .withBaseline(rescored, "3", "run-3")
                .withMetrics(Map.of("auc", 0.9), Map.of("auc", 0.8))
                .withRunId("run-4")
                .withModelVersion("4")
                .withPromoted(true)
                .withVerdict(Verdict.PASS)
                .withInvocationRunId("run-5")
                .withChampionAsCandidate("3")
                .withNotApplicable(rules)
                .withVersionCreated(false);

        assertThat(o)
                .isEqualTo(new GateOutputs(
                        rescored,
                        "3",
                        "run-3",
                        Map.of("auc", 0.9),
                        Map.of("auc", 0.8),
                        "run-4",
                        "4",
                        true,
                        Verdict.PASS,
                        "run-5",
                        true,
                        "3",
                        rules,
                        false));
        GateOutputs failed = o.withVerdict(Verdict.FAIL);
        assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failed).usingRecursiveComparison().ignoringFields("verdict").isEqualTo(o);
    }
}
