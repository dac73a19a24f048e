package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.ValidationMessage;
import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.config.DataConfig.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The data section's checks: what loads, and every mistake reported with file:line:column (in the
 * schema file when it is there), a "did you mean", by both the loader and the JSON Schema.
 */
class DataSectionTest {

    @TempDir
    Path tmp;

    static final String FULL = """
            model: m
            data:
              train: data/train.csv
              eval: data/eval.parquet
              reference: data/ref.jsonl
              schema: schema.yaml
              label: label
              csv: {delimiter: ';', nulls: ['', NA]}
              validate: [train, eval]
              columns:
                amount: {type: number, min: 0, max: 1e6, mostly: 0.99, max_null_fraction: 0.01}
                seg: {allowed: [web, store], severity: warn}
                email: {regex: '[^@]+@[^@]+', length: {min: 3, max: 64}}
              table:
                rows: {min: 1000, max: 1000000}
                max_duplicate_fraction: 0.01
                class_balance: {min: 0.05}
              leakage: {keys: [id], rows: true}
              drift:
                method: auto
                warn: 0.15
                fail: 0.3
                p_value: {warn: 0.01, fail: 0.001}
                exclude: [id]
                per_column:
                  amount: {method: ks}
                share: {warn: 0.25, fail: 0.5}
              engine: {memory_limit: 2GB, threads: 2}
            """;

    static final String SCHEMA = """
            version: 1
            extra_columns: warn
            columns:
              id: {type: integer, unique: true, nullable: false}
              amount: {type: number, min: -5}
            """;

    private Path write(String yaml, String schema) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        if (schema != null) {
            Files.writeString(tmp.resolve("schema.yaml"), schema);
        }
        return f;
    }

    private List<String> problems(String yaml, String schema) throws IOException {
        return ConfigLoader.validate(write(yaml, schema), new ConfigLoader.Options(null, null, Map.of(), List.of()))
                .stream()
                .map(p -> p.toString().replace(tmp + "/", ""))
                .toList();
    }

    @Test
    void aFullSectionLoadsAndMergesTheSchemaFile() throws IOException {
        MlopsConfig c =
                ConfigLoader.load(write(FULL, SCHEMA), new ConfigLoader.Options(null, null, Map.of(), List.of()));
        DataConfig d = c.data();
        assertThat(d.hasChecks()).isTrue();
        assertThat(d.validate()).containsExactly(Role.TRAIN, Role.EVAL);
        assertThat(d.format().delimiter()).isEqualTo(";");
        assertThat(d.format().nulls()).containsExactly("", "NA");
        assertThat(d.policy().extra()).isEqualTo(DataConfig.Policy.WARN);
        assertThat(d.policy().missing()).isEqualTo(DataConfig.Policy.FAIL);
        assertThat(d.columns().keySet()).containsExactly("id", "amount", "seg", "email");
        DataConfig.ColumnSpec amount = d.columns().get("amount");
        // mlops.yaml's range replaces the schema file's; the schema file's type stays.
        assertThat(amount.rule(DataConfig.RangeRule.class).orElseThrow().min().text())
                .isEqualTo("0");
        assertThat(d.columns()
                        .get("id")
                        .rule(DataConfig.UniqueRule.class)
                        .orElseThrow()
                        .location()
                        .file())
                .isEqualTo("schema.yaml");
        assertThat(amount.mostly()).isEqualTo(0.99);
        assertThat(d.drift().reference()).isEqualTo(Role.REFERENCE);
        assertThat(d.drift().current()).isEqualTo(Role.EVAL);
        assertThat(d.drift().method()).isEqualTo(Method.AUTO);
        assertThat(d.drift().thresholds()).isEqualTo(new DataConfig.Thresholds(0.15, 0.3, 0.01, 0.001));
        assertThat(d.drift().perColumn().get("amount").method()).isEqualTo(Method.KS);
        assertThat(d.drift().shareWarn()).isEqualTo(0.25);
        assertThat(d.engine().kind()).isEqualTo(DataConfig.EngineKind.DUCKDB);
        assertThat(d.engine().memoryLimit()).isEqualTo("2GB");
        assertThat(d.engine().threads()).isEqualTo(2);
        assertThat(d.leakage().ignore()).containsExactly("id");
    }

    @Test
    void defaultsArePsiAtPointOneAndPointTwoAndHalfTheColumnsForTheDataset() throws IOException {
        MlopsConfig c = ConfigLoader.load(
                write("model: m\ndata:\n  train: a.csv\n  eval: b.csv\n  drift: {}\n", null),
                new ConfigLoader.Options(null, null, Map.of(), List.of()));
        DataConfig.Drift d = c.data().drift();
        assertThat(d.method()).isEqualTo(Method.PSI);
        assertThat(d.thresholds()).isEqualTo(new DataConfig.Thresholds(0.1, 0.2, 0.05, 0.01));
        assertThat(d.shareFail()).isEqualTo(0.5);
        assertThat(d.reference()).isEqualTo(Role.TRAIN);
        assertThat(d.current()).isEqualTo(Role.EVAL);
        assertThat(d.bins()).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "js, JENSENSHANNON",
        "jensen-shannon, JENSENSHANNON",
        "Jensen-Shannon, JENSENSHANNON",
        "jensen_shannon, JENSENSHANNON",
        "chi2, CHISQUARE",
        "chi-square, CHISQUARE",
        "chi_square, CHISQUARE",
        "kolmogorov-smirnov, KS",
        "jensenshannon, JENSENSHANNON"
    })
    void commonSpellingsOfDriftMethodsAreAliases(String written, Method expected) throws IOException {
        MlopsConfig c = ConfigLoader.load(
                write(
                        "model: m\ndata:\n  train: a.csv\n  eval: b.csv\n  drift:\n    method: " + written
                                + "\n    per_column:\n      x: {method: " + written + "}\n",
                        null),
                new ConfigLoader.Options(null, null, Map.of(), List.of()));
        assertThat(c.data().drift().method()).isEqualTo(expected);
        assertThat(c.data().drift().perColumn().get("x").method()).isEqualTo(expected);
    }

    @Test
    void filesWithoutChecksDoNotConfigureTheStep() throws IOException {
        MlopsConfig c = ConfigLoader.load(
                write("model: m\ndata:\n  train: a.csv\n  eval: b.csv\n", null),
                new ConfigLoader.Options(null, null, Map.of(), List.of()));
        assertThat(c.data().hasChecks()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "model: m\\ndata:\\n  train: a.csv\\n  eval: b.csv\\n  drift: {methd: psi}\\n"
                        + "|mlops.yaml:5:11: 'data.drift.methd': unknown key 'methd'; did you mean 'method'?",
                "model: m\\ndata:\\n  train: a.csv\\n  eval: b.csv\\n  drift: {method: kss}\\n"
                        + "|mlops.yaml:5:19: 'data.drift.method': expected one of auto, psi, ks, wasserstein, jensenshannon,"
                        + " chisquare, got 'kss' (did you mean 'ks'?)",
                "model: m\\ndata:\\n  train: a.csv\\n  validate: [trian]\\n"
                        + "|mlops.yaml:4:13: 'data.validate': expected one of train, eval, reference, got 'trian' (did you mean 'train'?)",
                "model: m\\ndata:\\n  train: a.csv\\n  eval: b.csv\\n  drift: {warn: 0.3, fail: 0.2}\\n"
                        + "|mlops.yaml:5:17: 'data.drift.warn': warn (0.3) is above fail (0.2): distances drift when at or above"
                        + " a threshold, so warn must not exceed fail",
                "model: m\\ndata:\\n  train: a.csv\\n  eval: b.csv\\n  drift: {p_value: {warn: 0.01, fail: 0.05}}\\n"
                        + "|mlops.yaml:5:39: 'data.drift.p_value.fail': fail (0.05) is above warn (0.01): p-values drift when"
                        + " below a threshold, so fail must not exceed warn",
                "model: m\\ndata:\\n  train: a.csv\\n  drift: {}\\n"
                        + "|mlops.yaml:4:10: 'data.drift': drift needs two different files: reference and current are both 'train'"
                        + " (set data.eval or data.reference)",
                "model: m\\ndata:\\n  train: a.csv\\n  leakage: {keys: [id]}\\n"
                        + "|mlops.yaml:4:12: 'data.leakage': leakage compares train and eval data: set both 'data.train' and"
                        + " 'data.eval'",
                "model: m\\ndata:\\n  train: a.csv\\n  table: {class_balance: {min: 0.1}}\\n"
                        + "|mlops.yaml:4:26: 'data.table.class_balance': class balance needs the label column: set 'data.label'",
                "model: m\\ndata:\\n  train: a.csv\\n  columns:\\n    x: {min: 5, max: 1}\\n"
                        + "|mlops.yaml:5:14: 'data.columns.x.min': min (5) is greater than max (1): no value can pass",
                "model: m\\ndata:\\n  train: a.csv\\n  columns:\\n    x: {type: number, mostly: 0.9}\\n"
                        + "|mlops.yaml:5:31: 'data.columns.x.mostly': 'mostly' applies to min, max, allowed, regex and length;"
                        + " this column has none of them",
                "model: m\\ndata:\\n  train: a.csv\\n  columns:\\n    x: {tpye: number}\\n"
                        + "|mlops.yaml:5:9: 'data.columns.x.tpye': unknown key 'tpye'; did you mean 'type'?",
                "model: m\\ndata:\\n  train: a.csv\\n  columns:\\n    x: {regex: 'a(b'}\\n"
                        + "|mlops.yaml:5:16: 'data.columns.x.regex': not a valid regular expression: Unclosed group near index 3",
                "model: m\\ndata:\\n  train: a.csv\\n  engine: {memory_limit: lots}\\n"
                        + "|mlops.yaml:4:26: 'data.engine.memory_limit': expected a size such as 512MB, 4GB or 2GiB, got 'lots'",
                "model: m\\ndata:\\n  train: a.csv\\n  schema: nope.yaml\\n"
                        + "|mlops.yaml:4:11: 'data.schema': schema file nope.yaml not found (write one with `mlops infer-schema"
                        + " DATA --out nope.yaml`)"
            })
    void mistakesAreReportedWhereTheyAreWritten(String yaml, String expected) throws IOException {
        assertThat(problems(yaml.replace("\\n", "\n"), null)).contains(expected);
    }

    @Test
    void schemaFileProblemsPointIntoTheSchemaFile() throws IOException {
        List<String> p = problems(
                "model: m\ndata:\n  train: a.csv\n  schema: schema.yaml\n",
                "columns:\n  a: {type: integr}\n  b: {nulable: false}\nextra_columns: maybe\n");
        assertThat(p)
                .contains(
                        "schema.yaml:2:13: 'columns.a.type': expected one of integer, number, string, boolean, date, timestamp, time,"
                                + " got 'integr' (did you mean 'integer'?)",
                        "schema.yaml:3:7: 'columns.b.nulable': unknown key 'nulable'; did you mean 'nullable'?",
                        "schema.yaml:4:16: 'extra_columns': expected one of fail, warn, allow, got 'maybe'");
    }

    @Test
    void theJsonSchemaAcceptsTheFullSectionAndRejectsTheSameMistakes() throws IOException {
        Set<ValidationMessage> ok = SchemaTest.schema().validate(SchemaTest.toJson(YamlParser.parse(FULL, "t")));
        assertThat(ok).isEmpty();
        for (String bad : List.of(
                "drift: {methd: psi}",
                "drift: {method: kss}",
                "validate: [trian]",
                "columns: {x: {tpye: number}}",
                "engine: {memory_limit: lots}",
                "table: {rows: {min: -1}}",
                "leakage: {keys: []}",
                "drift: {share: 2}")) {
            String yaml = "model: m\ndata:\n  train: a.csv\n  eval: b.csv\n  label: y\n  " + bad + "\n";
            assertThat(SchemaTest.schema().validate(SchemaTest.toJson(YamlParser.parse(yaml, "t"))))
                    .as(bad)
                    .isNotEmpty();
            assertThat(problems(yaml, null)).as(bad).isNotEmpty();
        }
    }
}
