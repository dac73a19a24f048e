package io.mlopsci.core.data.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which column a criterion is folded under, a column's status, and text summaries from drift counts. */
class ProfilesTest {

    private static final Map<String, Boolean> COLUMNS = Map.of("a", true, "x.y", true, "dataset", true);

    @Test
    void columnRulesOnAnyFileAndDriftFoldUnderTheirColumn() {
        List<String> roles = Profiles.roles();
        Criterion rule = Criterion.builder("eval.x.y.range")
                .metric("eval.x.y")
                .status(Status.PASS)
                .build();
        Criterion drift =
                Criterion.builder("drift.a").metric("a").status(Status.PASS).build();
        Criterion dataset = Criterion.builder("drift.dataset")
                .metric("dataset drift")
                .status(Status.PASS)
                .build();
        Criterion rows = Criterion.builder("eval.rows")
                .metric("eval rows")
                .status(Status.PASS)
                .build();
        Criterion leak = Criterion.builder("leakage.keys")
                .metric("train/eval keys")
                .status(Status.PASS)
                .build();
        assertThat(Profiles.column(rule, COLUMNS, roles)).isEqualTo("x.y");
        assertThat(Profiles.column(drift, COLUMNS, roles)).isEqualTo("a");
        assertThat(Profiles.column(dataset, COLUMNS, roles)).isNull();
        assertThat(Profiles.column(rows, COLUMNS, roles)).isNull();
        assertThat(Profiles.column(leak, COLUMNS, roles)).isNull();
    }

    @Test
    void aColumnIsAsBadAsItsWorstCriterion() {
        Criterion pass = Criterion.builder("p").status(Status.PASS).build();
        Criterion warn =
                Criterion.builder("w").status(Status.FAIL).effect(Effect.WARN).build();
        Criterion fail = Criterion.builder("f").status(Status.FAIL).build();
        Criterion error = Criterion.builder("e").status(Status.ERROR).build();
        assertThat(Profiles.status(List.of())).isEqualTo(Status.PASS);
        assertThat(Profiles.status(List.of(pass, warn))).isEqualTo(Status.WARN);
        assertThat(Profiles.status(List.of(warn, fail, pass))).isEqualTo(Status.FAIL);
        assertThat(Profiles.status(List.of(fail, error))).isEqualTo(Status.ERROR);
    }

    @Test
    void topAndDistinctValuesFromTheCategoryShares() {
        List<String> labels = List.of("(x", "b", "c", "(other values)");
        assertThat(Profiles.topFromCounts(labels, List.of(10.0, 60.0, 30.0, 0.0)))
                .containsExactly("b", "c", "(x");
        assertThat(Profiles.distinctFromCounts(labels, List.of(10.0, 60.0, 0.0, 0.0)))
                .isEqualTo(2);
        assertThat(Profiles.distinctFromCounts(labels, List.of(10.0, 60.0, 20.0, 10.0)))
                .as("values pooled in the last bin: not known")
                .isNull();
    }
}
