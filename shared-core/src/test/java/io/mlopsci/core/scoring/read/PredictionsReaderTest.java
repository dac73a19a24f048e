package io.mlopsci.core.scoring.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.core.config.ConfigLoader;
import io.mlopsci.core.config.MlopsConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.scoring.Predictions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predictions as CSV and as JSON lines, with the fields the gate reads checked in every row: each
 * problem is bad input (exit 2) naming the file, the line and the field, and what was expected.
 */
class PredictionsReaderTest {

    @TempDir
    Path tmp;

    /** The predictions settings a configuration with these gate metrics gives the reader. */
    TrainConfig.PredictionsConfig columns(String predictions, String metrics) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(
                f,
                "model: m\ntrain:\n  predictions: " + predictions + "\ngate:\n  baseline: none\n  metrics:\n"
                        + metrics.indent(4));
        MlopsConfig c = ConfigLoader.load(f, new ConfigLoader.Options(null, null, Map.of(), List.of()));
        return c.train().predictions();
    }

    Predictions read(String name, String content, TrainConfig.PredictionsConfig cols) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return PredictionsReader.read(f, name, cols);
    }

    AbstractThrowableAssert<?, ? extends Throwable> refused(
            String name, String content, TrainConfig.PredictionsConfig cols) {
        return assertThatThrownBy(() -> read(name, content, cols))
                .isInstanceOf(MlopsException.class)
                .satisfies(e -> assertThat(((MlopsException) e).kind()).isEqualTo(ErrorKind.INPUT));
    }

    static final String JUDGE = "judge: {column: scores.judge, direction: higher, min: 3}";

    @Nested
    class JsonLines {

        @Test
        void nestedPathsArrayElementsAndKeysWithDotsAreRead() throws IOException {
            TrainConfig.PredictionsConfig cols = columns(
                    "{path: p.jsonl, id: doc_id, input: doc.question, prediction: filtered_resps.0, label: target}",
                    JUDGE
                            + "\nlen: {column: \"a.b\", direction: lower, max: 9}\nsecond: {column: metrics.1.score, direction: higher, min: 0}");
            Predictions p = read("p.jsonl", """
                    {"doc_id": 0, "doc": {"question": "Capital of France?"}, "target": "Paris", "filtered_resps": ["Paris"], "scores": {"judge": 5}, "a.b": 3, "metrics": [{"score": 0.1}, {"score": 0.9}]}

                    {"doc_id": 1, "doc": {"question": "2+2?"}, "target": "4", "filtered_resps": ["5"], "scores": {"judge": 1.5}, "a.b": 4, "metrics": [{"score": 0.2}, {"score": 0.3}]}
                    """, cols);
            assertThat(p.size()).isEqualTo(2);
            assertThat(p.ids()).containsExactly("0", "1");
            assertThat(p.idsFromFile()).isTrue();
            assertThat(p.labels()).containsExactly("Paris", "4");
            assertThat(p.predicted()).containsExactly("Paris", "5");
            assertThat(p.numbers().get("scores.judge")).containsExactly(5.0, 1.5);
            assertThat(p.numbers().get("a.b")).containsExactly(3.0, 4.0);
            assertThat(p.numbers().get("metrics.1.score")).containsExactly(0.9, 0.3);
            assertThat(p.columns().get("doc.question")).containsExactly("Capital of France?", "2+2?");
            assertThat(p.lines()).containsExactly(1, 3);
        }

        @Test
        void aMissingPathNamesFileLineFieldAndWhatIsThere() throws IOException {
            TrainConfig.PredictionsConfig cols = columns("p.jsonl", JUDGE);
            refused(
                            "p.jsonl",
                            "{\"id\": 1, \"scores\": {\"judge\": 4}}\n{\"id\": 2, \"scores\": {\"juge\": 4, \"f1\": 1}}\n",
                            cols)
                    .hasMessageContaining("p.jsonl:2: no field 'scores.judge' (needed by gate.metrics.judge.column)")
                    .hasMessageContaining("there is: scores.juge, scores.f1");
        }

        @Test
        void aPathThatExistsInNoLineIsCaughtOnTheFirst() throws IOException {
            TrainConfig.PredictionsConfig cols =
                    columns("p.jsonl", "judge: {column: score.judge, direction: higher, min: 3}");
            refused("p.jsonl", "{\"id\": 1, \"scores\": {\"judge\": 4}}\n", cols)
                    .hasMessageContaining("p.jsonl:1: no field 'score.judge'")
                    .hasMessageContaining("there is: id, scores");
        }

        @Test
        void aNonNumericScoreNamesTheLine() throws IOException {
            TrainConfig.PredictionsConfig cols = columns("p.jsonl", JUDGE);
            refused(
                            "p.jsonl",
                            "{\"id\": 1, \"scores\": {\"judge\": 4}}\n{\"id\": 2, \"scores\": {\"judge\": \"n/a\"}}\n",
                            cols)
                    .hasMessageContaining(
                            "p.jsonl:2: field 'scores.judge' (needed by gate.metrics.judge.column) has 'n/a';"
                                    + " expected a number");
            refused("p.jsonl", "{\"id\": 1, \"scores\": {\"judge\": null}}\n", cols)
                    .hasMessageContaining("p.jsonl:1: field 'scores.judge'")
                    .hasMessageContaining("has null; expected a number");
            refused("p.jsonl", "{\"id\": 1, \"scores\": {\"judge\": NaN}}\n", cols)
                    .hasMessageContaining("p.jsonl:1:")
                    .hasMessageContaining("expected a finite number");
            refused("p.jsonl", "{\"id\": 1, \"scores\": {\"judge\": true}}\n", cols)
                    .hasMessageContaining("expected a number (for the share of true values use 'aggregate: rate')");
        }

        @Test
        void booleansAreTrueFalseInAnyCaseOrOneAndZeroAndOtherWordsAreRefused() throws IOException {
            TrainConfig.PredictionsConfig cols =
                    columns("p.jsonl", "exact: {column: ok, aggregate: rate, direction: higher, min: 0}");
            Predictions p = read(
                    "p.jsonl",
                    "{\"id\": 1, \"ok\": true}\n{\"id\": 2, \"ok\": \"False\"}\n{\"id\": 3, \"ok\": 1}\n{\"id\": 4, \"ok\": \"0\"}\n",
                    cols);
            assertThat(p.numbers().get("ok")).containsExactly(1.0, 0.0, 1.0, 0.0);
            refused("p.jsonl", "{\"id\": 1, \"ok\": true}\n{\"id\": 2, \"ok\": \"yes\"}\n", cols)
                    .hasMessageContaining("p.jsonl:2: field 'ok' (needed by gate.metrics.exact.column) has 'yes';"
                            + " expected a boolean: true/false or 1/0")
                    .hasMessageContaining("where: \"== yes\"");
            refused("p.jsonl", "{\"id\": 1, \"ok\": 0.5}\n", cols).hasMessageContaining("p.jsonl:1: field 'ok'");
        }

        @Test
        void duplicateIdsNameTheSecondLine() throws IOException {
            TrainConfig.PredictionsConfig cols = columns("p.jsonl", JUDGE);
            refused(
                            "p.jsonl",
                            "{\"id\": \"a\", \"scores\": {\"judge\": 4}}\n{\"id\": \"b\", \"scores\": {\"judge\": 4}}\n"
                                    + "{\"id\": \"a\", \"scores\": {\"judge\": 4}}\n",
                            cols)
                    .hasMessageContaining("p.jsonl:3: duplicate id 'a' in field 'id'");
        }

        @Test
        void malformedLinesAreNamedWithTheirColumn() throws IOException {
            TrainConfig.PredictionsConfig cols = columns("p.jsonl", JUDGE);
            refused(
                            "p.jsonl",
                            "{\"id\": 1, \"scores\": {\"judge\": 4}}\n{\"id\": 2, \"scores\": {\"judge\": 4}\n",
                            cols)
                    .hasMessageContaining("p.jsonl:2: the JSON value does not end on its line");
            refused("p.jsonl", "{\"id\": 1, \"id\": 2, \"scores\": {\"judge\": 4}}\n", cols)
                    .hasMessageContaining("p.jsonl:1:")
                    .hasMessageContaining("Duplicate field 'id'");
            refused("p.jsonl", "{\"id\": 1, \"scores\": {\"judge\": 4}} {\"id\": 2}\n", cols)
                    .hasMessageContaining("p.jsonl:1:35: more after the JSON object");
            refused("p.jsonl", "[1, 2]\n", cols).hasMessageContaining("p.jsonl:1: expected one JSON object per line");
        }

        @Test
        void aPrettyPrintedJsonDocumentGetsAHint() throws IOException {
            TrainConfig.PredictionsConfig cols = columns("p.json", JUDGE);
            refused("p.json", "{\n  \"results\": []\n}\n", cols)
                    .hasMessageContaining("p.json:1:")
                    .hasMessageContaining("one JSON document spread over several lines");
        }

        @Test
        void aFilterKeepsTheLinesThatAreExamples() throws IOException {
            TrainConfig.PredictionsConfig cols = columns(
                    "{path: events.jsonl, id: sample_id, filter: {type: match}}",
                    "correct: {column: data.correct, aggregate: rate, direction: higher, min: 0}");
            Predictions p = read("events.jsonl", """
                    {"spec": {"eval_name": "qa"}}
                    {"sample_id": "qa.1", "type": "sampling", "data": {"sampled": "1999"}}
                    {"sample_id": "qa.1", "type": "match", "data": {"correct": false, "sampled": "1999"}}
                    {"sample_id": "qa.2", "type": "match", "data": {"correct": true, "sampled": "Paris"}}
                    """, cols);
            assertThat(p.ids()).containsExactly("qa.1", "qa.2");
            assertThat(p.numbers().get("data.correct")).containsExactly(0.0, 1.0);
            assertThat(p.lines()).containsExactly(3, 4);
        }

        @Test
        void textConditionsReadAnyScalarAsText() throws IOException {
            TrainConfig.PredictionsConfig cols = columns(
                    "p.jsonl", "yes: {column: grade, aggregate: rate, where: \"== yes\", direction: higher, min: 0}");
            Predictions p = read("p.jsonl", "{\"id\": 1, \"grade\": \"yes\"}\n{\"id\": 2, \"grade\": 3}\n", cols);
            assertThat(p.columns().get("grade")).containsExactly("yes", "3");
        }
    }

    @Nested
    class Csv {

        @Test
        void aMissingColumnIsNamedOnTheHeaderLine() throws IOException {
            TrainConfig.PredictionsConfig cols = columns("p.csv", JUDGE);
            refused("p.csv", "id,judge\n1,4\n", cols)
                    .hasMessageContaining(
                            "p.csv:1: missing column 'scores.judge' (needed by gate.metrics.judge.column);"
                                    + " the header has: id, judge");
        }

        @Test
        void anEmptyOrNonNumericCellNamesItsLine() throws IOException {
            TrainConfig.PredictionsConfig cols = columns("p.csv", "judge: {column: judge, direction: higher, min: 3}");
            refused("p.csv", "id,judge\n1,4\n2,\n", cols)
                    .hasMessageContaining("p.csv:3: field 'judge' (needed by gate.metrics.judge.column) has '';"
                            + " expected a number");
            refused("p.csv", "id,judge\n1,four\n", cols).hasMessageContaining("p.csv:2: field 'judge'");
        }

        @Test
        void aDottedNameIsAColumnName() throws IOException {
            TrainConfig.PredictionsConfig cols = columns("p.csv", JUDGE);
            Predictions p = read("p.csv", "\uFEFFid,scores.judge\n1,4\n2,5\n", cols);
            assertThat(p.numbers().get("scores.judge")).containsExactly(4.0, 5.0);
            assertThat(p.idsFromFile()).isTrue();
            assertThat(p.labels()).isNull();
        }

        @Test
        void aFilterOnCsvIsAnError() throws IOException {
            TrainConfig.PredictionsConfig cols = columns("{path: p.csv, filter: {type: match}, format: auto}", JUDGE);
            refused("p.csv", "id,scores.judge\n1,4\n", cols)
                    .hasMessageContaining("filter selects lines of a JSON lines");
        }

        @Test
        void labelsAreRequiredOnlyWhenAMetricNeedsThem() throws IOException {
            TrainConfig.PredictionsConfig cols = columns("p.csv", "accuracy: {min: 0.5}");
            refused("p.csv", "id,prediction\n1,1\n", cols)
                    .hasMessageContaining(
                            "p.csv:1: missing column 'label' (needed by gate.metrics.accuracy (the true" + " label))");
        }
    }
}
