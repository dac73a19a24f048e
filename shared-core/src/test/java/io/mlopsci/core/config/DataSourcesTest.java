package io.mlopsci.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.config.DataConfig.EngineKind;
import io.mlopsci.core.config.DataConfig.FileFormat;
import io.mlopsci.core.config.DataConfig.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code data.engine}, {@code data.spark} and the sources: what loads for DuckDB (unchanged) and
 * for Spark (URIs, tables, filters, partitions), and every mistake with its position — by the
 * loader and by the JSON Schema editors use. A token never belongs in the file.
 */
class DataSourcesTest {

    @TempDir
    Path tmp;

    static final String SPARK = """
            model: m
            data:
              engine: spark
              spark:
                remote: sc://spark.example.com:443/;use_ssl=true
                token_env: SPARK_CONNECT_TOKEN
                timeout: 45m
              train: s3a://lake/fraud/train/
              eval: {table: main.fraud.eval, where: "region = 'EU'", partition: ds}
              reference: {path: data/ref, format: parquet}
              columns: {amount: {min: 0}}
            """;

    private Path write(String yaml) throws IOException {
        Path f = tmp.resolve("mlops.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private DataConfig load(String yaml) throws IOException {
        return ConfigLoader.load(write(yaml), new ConfigLoader.Options(null, null, Map.of(), List.of()))
                .data();
    }

    private List<String> problems(String yaml) throws IOException {
        return ConfigLoader.validate(write(yaml), new ConfigLoader.Options(null, null, Map.of(), List.of())).stream()
                .map(p -> p.toString().replace(tmp + "/", ""))
                .toList();
    }

    @Test
    void aSparkSectionLoadsWithUrisTablesFiltersAndPartitions() throws IOException {
        DataConfig d = load(SPARK);
        assertThat(d.engine().kind()).isEqualTo(EngineKind.SPARK);
        assertThat(d.spark().remote()).isEqualTo("sc://spark.example.com:443/;use_ssl=true");
        assertThat(d.spark().tokenEnv()).isEqualTo("SPARK_CONNECT_TOKEN");
        assertThat(d.spark().timeout()).isEqualTo(Duration.ofMinutes(45));

        DataConfig.Source train = d.source(Role.TRAIN);
        assertThat(train.path()).isEqualTo("s3a://lake/fraud/train/");
        assertThat(train.isTable()).isFalse();
        assertThat(d.train()).as("no local file for a URI").isNull();

        DataConfig.Source eval = d.source(Role.EVAL);
        assertThat(eval.table()).isEqualTo("main.fraud.eval");
        assertThat(eval.where()).isEqualTo("region = 'EU'");
        assertThat(eval.partition()).isEqualTo("ds");
        assertThat(eval.describe()).isEqualTo("table main.fraud.eval (newest ds) where region = 'EU'");
        assertThat(eval.location().line()).isEqualTo(9);

        DataConfig.Source ref = d.source(Role.REFERENCE);
        assertThat(ref.path()).isEqualTo(tmp.resolve("data/ref").toString());
        assertThat(ref.format()).isEqualTo(FileFormat.Kind.PARQUET);
        assertThat(d.reference()).isEqualTo(tmp.resolve("data/ref"));
        assertThat(d.validate()).containsExactly(Role.TRAIN, Role.EVAL);
    }

    @Test
    void duckDbStaysTheDefaultAndItsPathsAreUnchanged() throws IOException {
        DataConfig d =
                load("model: m\ndata:\n  train: data/train.csv\n  engine: {threads: 2}\n  columns: {a: {min: 0}}\n");
        assertThat(d.engine().kind()).isEqualTo(EngineKind.DUCKDB);
        assertThat(d.engine().threads()).isEqualTo(2);
        assertThat(d.spark()).isNull();
        assertThat(d.train()).isEqualTo(tmp.resolve("data/train.csv"));
        assertThat(d.source(Role.TRAIN).path())
                .isEqualTo(tmp.resolve("data/train.csv").toString());
        assertThat(load("model: m\ndata:\n  engine: duckdb\n  train: {path: t.csv}\n  columns: {a: {min: 0}}\n")
                        .train())
                .isEqualTo(tmp.resolve("t.csv"));
    }

    @Test
    void theDataVariableOfAUriIsTheUriAsWritten() throws IOException {
        MlopsConfig c = ConfigLoader.load(
                write(SPARK + "train:\n  command: [python, train.py, '${data.train}', '${data.reference}']\n"),
                new ConfigLoader.Options(null, null, Map.of(), List.of()));
        assertThat(c.train().command())
                .containsExactly(
                        "python",
                        "train.py",
                        "s3a://lake/fraud/train/",
                        tmp.resolve("data/ref").toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "  engine: sparc\\n|mlops.yaml:3:11: 'data.engine': expected one of duckdb, spark, got 'sparc' (did you mean 'spark'?)",
                "  engine: spark\\n|mlops.yaml:3:11: 'data.spark': 'data.engine: spark' needs 'data.spark.remote', the Spark"
                        + " Connect URL (sc://host:15002, with ;use_ssl=true for TLS)",
                "  spark: {remote: 'sc://h:1'}\\n|mlops.yaml:3:10: 'data.spark': 'data.spark' is read only with"
                        + " 'data.engine: spark' (the engine is duckdb)",
                "  engine: spark\\n  spark: {remote: 'http://h:15002'}\\n|mlops.yaml:4:19: 'data.spark.remote': expected a"
                        + " Spark Connect URL such as sc://host:15002 or sc://host:443/;use_ssl=true, got 'http://h:15002'",
                "  engine: spark\\n  spark: {remote: 'sc://h:15002/;token=abc'}\\n|mlops.yaml:4:19: 'data.spark.remote': the URL"
                        + " carries a token: put the token in an environment variable and name it in 'data.spark.token_env'"
                        + " (mlops.yaml is committed; a token in it is leaked)",
                "  engine: spark\\n  spark: {remote: 'sc://h:15002/;use_ssl=yes'}\\n|mlops.yaml:4:19: 'data.spark.remote':"
                        + " use_ssl must be true or false, got 'yes'",
                "  engine: spark\\n  spark: {remote: 'sc://h:99999'}\\n|mlops.yaml:4:19: 'data.spark.remote': the port of"
                        + " 'sc://h:99999' is not between 1 and 65535",
                "  engine: spark\\n  spark: {remote: 'sc://h', token_env: 'dapi-123.abc'}\\n|mlops.yaml:4:40: 'data.spark.token_env':"
                        + " expected the NAME of an environment variable that holds the token (letters, digits and _, e.g."
                        + " SPARK_CONNECT_TOKEN), not the token itself",
                "  engine: spark\\n  spark: {remote: 'sc://h', timeout: soon}\\n|mlops.yaml:4:38: 'data.spark.timeout': expected"
                        + " a duration such as 90s, 30m or 2h, got a string (\"soon\")",
                "  engine: spark\\n  spark: {remote: 'sc://h'}\\n  eval: {table: a.b, path: x}\\n|mlops.yaml:5:17:"
                        + " 'data.eval.table': expected either 'path' or 'table', not both",
                "  engine: spark\\n  spark: {remote: 'sc://h'}\\n  eval: {where: 'a > 1'}\\n|mlops.yaml:5:9: 'data.eval.path':"
                        + " expected 'path' (a file or URI) or 'table' (catalog.schema.name)",
                "  engine: spark\\n  spark: {remote: 'sc://h'}\\n  eval: {table: 'a b'}\\n|mlops.yaml:5:17: 'data.eval.table':"
                        + " expected a table name such as catalog.schema.name, schema.name or name (quote odd parts with"
                        + " backticks), got 'a b'",
                "  engine: spark\\n  spark: {remote: 'sc://h'}\\n  eval: {table: a.b, format: csv}\\n|mlops.yaml:5:30:"
                        + " 'data.eval.format': a table has its own format; 'format' applies to a path",
                "  eval: {table: a.b}\\n|mlops.yaml:3:17: 'data.eval.table': 'table' in a source is read only with"
                        + " 'data.engine: spark'",
                "  eval: {path: e.csv, where: 'x > 1'}\\n|mlops.yaml:3:30: 'data.eval.where': 'where' in a source is read"
                        + " only with 'data.engine: spark'",
                "  eval: s3a://bucket/eval.parquet\\n|mlops.yaml:3:9: 'data.eval': DuckDB reads local files;"
                        + " 's3a://bucket/eval.parquet' is a URI: set 'data.engine: spark' to read it on a Spark cluster,"
                        + " or copy the file to the agent"
            })
    void mistakesAreReportedWhereTheyAreWritten(String lines, String expected) throws IOException {
        // One line of the data section per "\n" (CsvSource strips the indentation; it is added here).
        StringBuilder yaml = new StringBuilder("model: m\ndata:\n");
        for (String line : lines.split("\\\\n")) {
            if (!line.isBlank()) {
                yaml.append("  ").append(line.strip()).append('\n');
            }
        }
        yaml.append("  train: t.csv\n  columns: {a: {min: 0}}\n");
        assertThat(problems(yaml.toString())).contains(expected);
    }

    @Test
    void theSchemaAcceptsTheSparkSectionAndEveryFormOfSource() throws IOException {
        assertThat(SchemaTest.schema().validate(SchemaTest.toJson(YamlParser.parse(SPARK, "t"))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "model: m\ndata:\n  engine: sparc\n  train: t.csv\n",
                "model: m\ndata:\n  engine: spark\n  spark: {remote: 'http://h'}\n  train: t.csv\n",
                "model: m\ndata:\n  engine: spark\n  spark: {remote: 'sc://h', token_env: 'a-b'}\n  train: t.csv\n",
                "model: m\ndata:\n  engine: spark\n  spark: {remote: 'sc://h'}\n  train: {path: a, table: b}\n",
                "model: m\ndata:\n  engine: spark\n  spark: {remote: 'sc://h'}\n  train: {where: 'a > 1'}\n",
                "model: m\ndata:\n  engine: spark\n  spark: {remote: 'sc://h', tokn_env: X}\n  train: t.csv\n"
            })
    void typicalMistakesFailTheSchemaAndTheLoader(String yaml) throws IOException {
        assertThat(SchemaTest.schema().validate(SchemaTest.toJson(YamlParser.parse(yaml, "t"))))
                .as("schema errors for:\n" + yaml)
                .isNotEmpty();
        assertThat(problems(yaml)).as("loader problems for:\n" + yaml).isNotEmpty();
    }
}
