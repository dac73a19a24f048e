package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.mlopsci.contract.result.ResultJson;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build-page action: what summary.jelly and index.jelly show, before and after a restart. */
class MlopsResultActionTest {

    private static final String RESULT = """
            {"schemaVersion":1,"step":"evaluate-gate","verdict":"FAIL","exitCode":1,
             "summary":"1 of 3 criteria failed: roc_auc.min","model":{"name":"fraud","version":"7"},
             "criteria":[
               {"id":"roc_auc.min","metric":"roc_auc","rule":"min","status":"FAIL","effect":"FAIL","direction":"higher",
                "actual":0.76875,"threshold":0.8,"baseline":0.8676,"delta":-0.09885,"expected":"≥ 0.8000",
                "message":"0.7688 is below the minimum 0.8000"},
               {"id":"roc_auc[segment=web].min","metric":"roc_auc","status":"PASS","effect":"PASS","actual":0.81,
                "expected":"≥ 0.7500","slice":{"column":"segment","value":"web","rows":412}},
               {"id":"f1.max_relative_drop","metric":"f1","status":"WARN","effect":"WARN","actual":0.67,"baseline":0.76,
                "delta":-0.09,"expected":"drop ≤ 3.00%"}],
             "notes":["compared with the champion (v6)"]}
            """;

    @TempDir
    Path tmp;

    @Test
    void showsVerdictModelAndAFormattedGateTable() throws Exception {
        OfflineJenkins.TestRun run = new OfflineJenkins.TestRun(
                new OfflineJenkins.TestJob(), tmp.resolve("5").toFile());
        MlopsResultAction a = new MlopsResultAction(
                "evaluate-gate",
                "gate",
                "mlops-evaluate-gate",
                ResultJson.parse(RESULT, "r"),
                new BuildOutcome(Result.FAILURE, "FAIL", "m"));
        run.addAction(a);
        assertThat(a.getOwner()).isSameAs(run);
        assertThat(a.getDisplayName()).as("the summary names the stage").isEqualTo("MLOps evaluate-gate (gate)");
        assertThat(a.getStage()).isEqualTo("gate");
        assertThat(a.getIconFileName()).isEqualTo("symbol-analytics");
        assertThat(a.getVerdict()).isEqualTo("FAIL");
        assertThat(a.getVerdictClass()).isEqualTo("jenkins-!-error-color");
        assertThat(a.getOutcome()).isEqualTo("FAILURE");
        assertThat(a.getModelName()).isEqualTo("fraud");
        assertThat(a.getModelVersion()).isEqualTo("7");
        assertThat(a.getNotes()).containsExactly("compared with the champion (v6)");
        List<CriterionRow> rows = a.getCriteria();
        assertThat(rows)
                .extracting(
                        CriterionRow::getId,
                        CriterionRow::getStatus,
                        CriterionRow::getActual,
                        CriterionRow::getExpected,
                        CriterionRow::getBaseline,
                        CriterionRow::getDelta,
                        CriterionRow::getSlice)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "roc_auc.min", "FAIL", "0.7688", "≥ 0.8000", "0.8676", "−0.0989", ""),
                        org.assertj.core.groups.Tuple.tuple(
                                "roc_auc[segment=web].min", "PASS", "0.8100", "≥ 0.7500", "—", "—", "segment=web"),
                        org.assertj.core.groups.Tuple.tuple(
                                "f1.max_relative_drop", "WARN", "0.6700", "drop ≤ 3.00%", "0.7600", "−0.0900", ""));
        assertThat(rows)
                .extracting(CriterionRow::getStatusClass)
                .containsExactly("jenkins-!-error-color", "jenkins-!-success-color", "jenkins-!-warning-color");
        assertThat(a.getProblems())
                .extracting(CriterionRow::getId)
                .containsExactly("roc_auc.min", "f1.max_relative_drop");
        assertThat(a.isHtmlReport()).isFalse();
    }

    @Test
    void listsTheExamplesThatRegressedOnceForTheChangeRulesOfAMetric() throws Exception {
        String json = """
                {"schemaVersion":1,"step":"evaluate-gate","verdict":"FAIL","exitCode":1,
                 "criteria":[
                   {"id":"exact_match.max_drop","metric":"exact_match","rule":"max_drop","status":"FAIL","effect":"FAIL",
                    "actual":0.6,"baseline":0.8,"delta":-0.2,
                    "examples":{"measure":"scores.exact","unit":"example","direction":"higher","binary":true,
                      "improved":1,"regressed":3,"unchanged":6,"regressedMost":[
                        {"id":"q7","input":"How many legs has a spider? <b>","expected":"8","baseline":1,"candidate":0,
                         "change":-1,"baselineOutput":"8","candidateOutput":"Let me think. 6"},
                        {"id":"q2","baseline":1,"candidate":0,"change":-1}]}},
                   {"id":"exact_match.max_relative_drop","metric":"exact_match","rule":"max_relative_drop",
                    "status":"FAIL","effect":"FAIL","actual":0.6,"baseline":0.8,
                    "examples":{"measure":"scores.exact","unit":"example","direction":"higher","binary":true,
                      "improved":1,"regressed":3,"unchanged":6,"regressedMost":[]}},
                   {"id":"ndcg@10.max_drop","metric":"ndcg@10","rule":"max_drop","status":"PASS","effect":"PASS",
                    "examples":{"measure":"ndcg@10 of the query","unit":"query","direction":"higher","binary":false,
                      "improved":4,"regressed":0,"unchanged":2,"regressedMost":[]}}]}
                """;
        MlopsResultAction a = new MlopsResultAction(
                "evaluate-gate",
                null,
                "mlops-evaluate-gate",
                ResultJson.parse(json, "r"),
                new BuildOutcome(Result.FAILURE, "FAIL", "m"));
        List<RegressedExamples> blocks = a.getRegressed();
        assertThat(blocks).as("no block where nothing regressed").hasSize(1);
        RegressedExamples b = blocks.get(0);
        assertThat(b.getTitle()).isEqualTo("exact_match (max_drop, max_relative_drop)");
        assertThat(b.getCounts())
                .isEqualTo("3 of 10 examples flipped from true to false (scores.exact); 1 improved, 6 unchanged");
        assertThat(b.getMore()).isEqualTo(1);
        assertThat(b.isInputs()).isTrue();
        assertThat(b.isExpected()).isTrue();
        assertThat(b.isChange()).as("a flip has no size").isFalse();
        assertThat(b.getUnit()).isEqualTo("Example");
        assertThat(b.getRows())
                .extracting(
                        RegressedExamples.Row::getId,
                        RegressedExamples.Row::getInput,
                        RegressedExamples.Row::getExpected,
                        RegressedExamples.Row::getBaseline,
                        RegressedExamples.Row::getCandidate,
                        RegressedExamples.Row::getChange)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "q7", "How many legs has a spider? <b>", "8", "✓ 8", "✗ Let me think. 6", "−1.0000"),
                        org.assertj.core.groups.Tuple.tuple("q2", "", "", "✓", "✗", "−1.0000"));
    }

    @Test
    void afterARestartItReadsTheCriteriaBackFromTheBuildDirectory() throws Exception {
        OfflineJenkins.TestRun run = new OfflineJenkins.TestRun(
                new OfflineJenkins.TestJob(), tmp.resolve("6").toFile());
        Path dir = Files.createDirectories(run.getRootDir().toPath().resolve("mlops-ci/mlops-evaluate-gate"));
        Files.writeString(dir.resolve("result.json"), RESULT);
        Files.writeString(dir.resolve("report.html"), "<html></html>");
        MlopsResultAction saved = new MlopsResultAction(
                "evaluate-gate",
                null,
                "mlops-evaluate-gate",
                ResultJson.parse(RESULT, "r"),
                new BuildOutcome(Result.FAILURE, "FAIL", "m"));
        // What XStream does on load: non-transient fields back, transient ones null, then onLoad.
        MlopsResultAction loaded = reloaded(saved);
        loaded.onLoad(run);
        assertThat(loaded.getVerdict()).isEqualTo("FAIL");
        assertThat(loaded.getCriteria())
                .extracting(CriterionRow::getId)
                .containsExactly("roc_auc.min", "roc_auc[segment=web].min", "f1.max_relative_drop");
        assertThat(loaded.isHtmlReport()).isTrue();
        assertThat(loaded.doReport().base().getRemote()).isEqualTo(dir.toString());

        Files.delete(dir.resolve("result.json"));
        MlopsResultAction broken = reloaded(saved);
        broken.onLoad(run);
        assertThat(broken.getCriteria())
                .as("a lost result.json leaves the summary line")
                .isEmpty();
        assertThat(broken.getSummary()).isEqualTo("1 of 3 criteria failed: roc_auc.min");
    }

    /** What XStream leaves after loading build.xml: the stored fields, transient ones null (onLoad follows). */
    private static MlopsResultAction reloaded(MlopsResultAction saved) throws Exception {
        MlopsResultAction copy = new MlopsResultAction(
                saved.getStep(),
                saved.getStage(),
                saved.getUrlName(),
                ResultJson.parse(RESULT, "r"),
                new BuildOutcome(Result.FAILURE, "FAIL", "m"));
        for (Field f : MlopsResultAction.class.getDeclaredFields()) {
            if (Modifier.isTransient(f.getModifiers())) {
                f.setAccessible(true);
                f.set(copy, null);
            }
        }
        assertThat(Arrays.stream(MlopsResultAction.class.getDeclaredFields())
                        .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                        .map(Field::getType))
                .as("only strings are stored in build.xml")
                .allMatch(t -> t == String.class);
        return copy;
    }
}
