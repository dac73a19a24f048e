package io.mlopsci.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.Timing;
import io.mlopsci.contract.result.Verdict;
import io.mlopsci.core.testing.ResultSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks on real files: each rule's verdict, its evidence, and what the reports show. */
class ValidateDataStepTest {

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data").resolve(name), content);
    }

    /** Copies each {@code data/<name>.csv} to {@code data/<name>.parquet}, as DuckDB writes Parquet. */
    private void toParquet(String... names) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            for (String n : names) {
                s.execute("COPY (SELECT * FROM read_csv('" + dir.resolve("data/" + n + ".csv") + "')) TO '"
                        + dir.resolve("data/" + n + ".parquet") + "' (FORMAT parquet)");
            }
        }
    }

    /** 100 rows; the comments say which rows break which rule. */
    private void people() throws IOException {
        StringBuilder b = new StringBuilder("code,amount,email,seg,name,maybe\n");
        for (int i = 1; i <= 100; i++) {
            String code = i == 50 ? "c49" : "c" + i; // row 50 repeats row 49
            double amount = i == 10 ? 500 : i == 20 ? -5 : i; // rows 10, 20 out of [0, 200]
            String email = i == 7 ? "bad-email" : "user" + i + "@x.com"; // row 7
            String seg = i == 3 || i == 4 ? "z" : new String[] {"a", "b", "c"}[i % 3]; // rows 3, 4
            String name = i == 6 ? "averyveryverylongname" : "n" + i; // row 6 longer than 10
            String maybe = i % 20 == 0 ? "" : String.valueOf(i); // 5 nulls
            b.append(code)
                    .append(',')
                    .append(amount)
                    .append(',')
                    .append(email)
                    .append(',')
                    .append(seg)
                    .append(',')
                    .append(name)
                    .append(',')
                    .append(maybe)
                    .append('\n');
        }
        write("train.csv", b.toString());
    }

    @Test
    void everyValueRuleWithItsEvidence() throws IOException {
        people();
        DataRun r = DataRun.of(dir, """
                model: people
                data:
                  train: data/train.csv
                  columns:
                    code: {type: string, unique: true}
                    amount: {type: number, min: 0, max: 200}
                    email: {regex: '[a-z0-9]+@[a-z]+\\.com'}
                    seg: {allowed: [a, b, c]}
                    name: {length: {min: 2, max: 10}}
                    maybe: {max_null_fraction: 0.02}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);

        Criterion unique = r.get("train.code.unique");
        assertThat(unique.status()).isEqualTo(Status.FAIL);
        assertThat(unique.observed()).isEqualTo("1 rows repeat an earlier value");
        assertThat(unique.message()).isEqualTo("repeated values: 'c49' ×2 (row 49); first rows: 49, 50");

        Criterion range = r.get("train.amount.range");
        assertThat(range.status()).isEqualTo(Status.FAIL);
        assertThat(range.actual()).isEqualTo(0.98);
        assertThat(range.threshold()).isEqualTo(1.0);
        assertThat(range.expected()).isEqualTo("in [0, 200]");
        assertThat(range.observed()).isEqualTo("98.00% (2 of 100 outside)");
        assertThat(range.details())
                .containsEntry("firstRows", List.of(10L, 20L))
                .containsEntry("unexpected", 2L);
        assertThat(range.location().file()).endsWith("mlops.yaml");
        assertThat(List.of(range.location().line(), range.location().column())).containsExactly(6, 28);

        assertThat(r.get("train.email.regex").message())
                .isEqualTo("1 values outside: 'bad-email' ×1 (row 7); first rows: 7");
        assertThat(r.get("train.seg.allowed").message())
                .isEqualTo("2 values outside: 'z' ×2 (row 3); first rows: 3, 4");
        assertThat(r.get("train.name.length").details()).containsEntry("firstRows", List.of(6L));
        Criterion nulls = r.get("train.maybe.nulls");
        assertThat(nulls.status()).isEqualTo(Status.FAIL);
        assertThat(nulls.observed()).isEqualTo("5.00% (5 of 100 rows)");
        assertThat(nulls.details()).containsEntry("firstRows", List.of(20L, 40L, 60L, 80L, 100L));
        assertThat(r.get("train.code.type").status()).isEqualTo(Status.PASS);
        assertThat(r.get("train.amount.type").observed()).isEqualTo("DOUBLE");
    }

    @Test
    void longAllowedListsCountTheSame() throws IOException {
        StringBuilder b = new StringBuilder("k\n");
        for (int i = 0; i < 1000; i++) {
            b.append(i % 97 == 0 ? "zz" + i : "v" + (i % 12)).append('\n');
        }
        b.append("\n");
        write("train.csv", b.toString());
        DataRun r = DataRun.of(dir, """
                model: m
                data:
                  train: data/train.csv
                  columns:
                    k: {allowed: [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11]}
                """);
        Criterion c = r.get("train.k.allowed");
        assertThat(c.status()).isEqualTo(Status.FAIL);
        assertThat(c.observed()).isEqualTo("98.90% (11 of 1,000 outside)");
        assertThat(c.message()).startsWith("11 values outside: 'zz0' ×1 (row 1)");
    }

    @Test
    void mostlyAndSeverityWarn() throws IOException {
        people();
        DataRun r = DataRun.of(dir, """
                model: people
                data:
                  train: data/train.csv
                  columns:
                    amount: {min: 0, max: 200, mostly: 0.97}
                    seg: {allowed: [a, b, c], severity: warn}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isZero();
        assertThat(r.result().verdict()).isEqualTo(Verdict.WARN);
        Criterion range = r.get("train.amount.range");
        assertThat(range.status()).isEqualTo(Status.PASS);
        assertThat(range.expected()).isEqualTo("in [0, 200] for ≥ 97.00% of non-null values");
        assertThat(range.message()).startsWith("within mostly; 2 values outside");
        assertThat(r.get("train.seg.allowed").status()).isEqualTo(Status.WARN);
    }

    @Test
    void tableRules() throws IOException {
        StringBuilder b = new StringBuilder("x,label\n");
        for (int i = 0; i < 40; i++) {
            b.append(i % 10).append(',').append(i < 4 ? 1 : 0).append('\n'); // rows 11.. repeat rows 1..10
        }
        write("train.csv", b.toString());
        DataRun r = DataRun.of(dir, """
                model: t
                data:
                  train: data/train.csv
                  label: label
                  table:
                    rows: {min: 50}
                    max_duplicate_fraction: 0.1
                    class_balance: {min: 0.2, max: 0.95}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.get("train.table.rows").observed()).isEqualTo("40 rows");
        assertThat(r.get("train.table.rows").status()).isEqualTo(Status.FAIL);
        Criterion dups = r.get("train.table.duplicates");
        assertThat(dups.status()).isEqualTo(Status.FAIL);
        assertThat(dups.observed()).isEqualTo("65.00% (26 of 40)");
        assertThat(dups.message()).startsWith("26 duplicate rows: row 5 occurs 4 times; row 6 occurs 4 times");
        Criterion rare = r.get("train.table.class_balance.min");
        assertThat(rare.status()).isEqualTo(Status.FAIL);
        assertThat(rare.actual()).isEqualTo(0.1);
        assertThat(rare.observed()).isEqualTo("rarest '1': 10.00% (4 of 40)");
        assertThat(r.get("train.table.class_balance.max").status()).isEqualTo(Status.PASS);
        assertThat(r.get("train.label.present").status()).isEqualTo(Status.PASS);
    }

    @Test
    void leakageOfKeysAndRows() throws IOException {
        StringBuilder train = new StringBuilder("id,f,label\n");
        StringBuilder eval = new StringBuilder("id,f,label\n");
        for (int i = 0; i < 100; i++) {
            train.append(i)
                    .append(',')
                    .append(i * 1.5)
                    .append(',')
                    .append(i % 2)
                    .append('\n');
        }
        for (int i = 100; i < 150; i++) {
            int id = i == 120 || i == 130 ? i - 100 : i; // eval rows 21, 31 reuse train ids 20, 30
            double f = i == 140 ? 7 * 1.5 : i * 1.5; // eval row 41 equals train row 8 but for its id
            int label = i == 140 ? 1 : i % 2;
            eval.append(id).append(',').append(f).append(',').append(label).append('\n');
        }
        write("train.csv", train.toString());
        write("eval.csv", eval.toString());
        DataRun r = DataRun.of(dir, """
                model: leak
                data:
                  train: data/train.csv
                  eval: data/eval.csv
                  leakage: {keys: [id], rows: true}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(1);
        Criterion keys = r.get("leakage.keys");
        assertThat(keys.status()).isEqualTo(Status.FAIL);
        assertThat(keys.observed()).isEqualTo("2 of 50 eval rows (4.00%), 2 distinct keys");
        assertThat(keys.message())
                .isEqualTo("2 eval rows share a key (id) with train: eval row 21 {id=20}; eval row 31 {id=30}");
        Criterion rows = r.get("leakage.rows");
        assertThat(rows.status()).isEqualTo(Status.FAIL);
        assertThat(rows.observed()).isEqualTo("1 of 50 eval rows (2.00%)");
        assertThat(rows.details()).containsEntry("columns", List.of("f", "label"));
    }

    @Test
    void schemaFileRulesAndPoliciesPointAtTheSchemaFile() throws IOException {
        write("train.csv", "a,b,extra\n1,x,5\n2,y,6\n");
        Files.writeString(dir.resolve("schema.yaml"), """
                version: 1
                extra_columns: warn
                missing_columns: fail
                columns:
                  a: {type: integer, min: 1, max: 2}
                  b: {type: string, allowed: [x, y]}
                  gone: {type: number}
                """);
        DataRun r = DataRun.of(dir, """
                model: s
                data:
                  train: data/train.csv
                  schema: schema.yaml
                  columns:
                    a: {max: 1}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(1);
        Criterion missing = r.get("train.schema.missing_columns");
        assertThat(missing.status()).isEqualTo(Status.FAIL);
        assertThat(missing.observed()).isEqualTo("1 missing: gone");
        assertThat(missing.location()).isEqualTo(new SourceLocation("schema.yaml", 7, 3));
        Criterion extra = r.get("train.schema.extra_columns");
        assertThat(extra.status()).isEqualTo(Status.WARN);
        assertThat(extra.observed()).isEqualTo("1 extra: extra");
        assertThat(extra.location()).isEqualTo(new SourceLocation("schema.yaml", 2, 1));
        // mlops.yaml's max replaces the schema file's range rule; its location is mlops.yaml's.
        Criterion range = r.get("train.a.range");
        assertThat(range.expected()).isEqualTo("≤ 1");
        assertThat(range.status()).isEqualTo(Status.FAIL);
        assertThat(range.location().file()).endsWith("mlops.yaml");
        assertThat(r.get("train.a.type").location()).isEqualTo(new SourceLocation("schema.yaml", 5, 7));
        assertThat(r.get("train.b.allowed").status()).isEqualTo(Status.PASS);
    }

    @Test
    void invalidRe2RegexIsAConfigurationError() throws IOException {
        write("train.csv", "a\nx\n");
        DataRun r = DataRun.of(dir, """
                model: s
                data:
                  train: data/train.csv
                  columns:
                    a: {regex: 'x(?=y)'}
                """);
        assertThat(r.result().exitCode()).isEqualTo(2);
        assertThat(r.result().error().message())
                .endsWith("mlops.yaml:5:9: regex /x(?=y)/ is not valid RE2 syntax:" + " invalid perl operator: (?=");
        assertThat(r.result().error().kind()).isEqualTo(ErrorKind.CONFIG);
    }

    @Test
    void parquetJsonLinesAndCsvGiveTheSameResults() throws IOException, SQLException {
        StringBuilder csv = new StringBuilder("id,v,kind\n");
        StringBuilder csv2 = new StringBuilder("id,v,kind\n");
        StringBuilder jsonl = new StringBuilder();
        StringBuilder jsonl2 = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            double v = Math.sin(i) * 10;
            double w = Math.sin(i) * 12 + 1;
            String k = i % 4 == 0 ? "x" : "y";
            csv.append(i).append(',').append(v).append(',').append(k).append('\n');
            csv2.append(i)
                    .append(',')
                    .append(w)
                    .append(',')
                    .append(i % 3 == 0 ? "x" : "y")
                    .append('\n');
            jsonl.append("{\"id\": ")
                    .append(i)
                    .append(", \"v\": ")
                    .append(v)
                    .append(", \"kind\": \"")
                    .append(k)
                    .append("\"}\n");
            jsonl2.append("{\"id\": ")
                    .append(i)
                    .append(", \"v\": ")
                    .append(w)
                    .append(", \"kind\": \"")
                    .append(i % 3 == 0 ? "x" : "y")
                    .append("\"}\n");
        }
        write("a.csv", csv.toString());
        write("b.csv", csv2.toString());
        write("a.jsonl", jsonl.toString());
        write("b.jsonl", jsonl2.toString());
        toParquet("a", "b");
        String checks = """
                model: f
                data:
                  train: data/a.%1$s
                  eval: data/b.%1$s
                  columns:
                    v: {min: -10, max: 10}
                    kind: {allowed: [x, y]}
                  drift: {method: auto, exclude: [id]}
                """;
        Map<String, Double> values = null;
        for (String ext : List.of("csv", "parquet", "jsonl")) {
            DataRun r = DataRun.of(dir.resolve(ext), checks.formatted(ext).replace("data/", "../data/"));
            assertThat(r.result().error()).as(ext + ": " + r.stderr()).isNull();
            assertThat(r.get("eval.v.range").status()).as(ext).isEqualTo(Status.FAIL);
            assertThat(r.get("train.v.range").status()).as(ext).isEqualTo(Status.PASS);
            Map<String, Double> now = Map.of(
                    "v", r.get("drift.v").actual(), "kind", r.get("drift.kind").actual());
            if (values != null) {
                // Equal up to the order DuckDB's threads add the terms in.
                for (String k : now.keySet()) {
                    assertThat(now.get(k))
                            .as(ext + " " + k)
                            .isCloseTo(
                                    values.get(k),
                                    org.assertj.core.api.Assertions.within(1e-12 * Math.abs(values.get(k))));
                }
            }
            values = now;
            assertThat(r.get("drift.v").rule()).isEqualTo("drift_wasserstein");
            assertThat(r.get("eval.v.range").details()).containsKey("firstRows");
        }
    }

    @Test
    void columnRulesCountTheSameWhenTheDriftsCountsServeThem() throws IOException, SQLException {
        // seg: 12 allowed values (a long list), some rows outside it; amount: a range some rows leave.
        StringBuilder train = new StringBuilder("seg,amount\n");
        StringBuilder eval = new StringBuilder("seg,amount\n");
        for (int i = 0; i < 6000; i++) {
            train.append(i % 97 == 0 ? "zz" : "s" + (i % 12))
                    .append(',')
                    .append(i % 500)
                    .append('\n');
            eval.append(i % 41 == 0 ? "yy" : i % 53 == 0 ? "" : "s" + (i % 9))
                    .append(',')
                    .append(i % 700 - 50)
                    .append('\n');
        }
        write("train.csv", train.toString());
        write("eval.csv", eval.toString());
        toParquet("train", "eval");
        String checks = """
                model: f
                data:
                  train: ../data/train.%1$s
                  eval: ../data/eval.%1$s
                  validate: [train, eval]
                  columns:
                    seg: {allowed: [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11]}
                    amount: {min: 0, max: 499}
                """;
        List<String> ids = List.of("train.seg.allowed", "eval.seg.allowed", "train.amount.range", "eval.amount.range");
        for (String ext : List.of("csv", "parquet")) {
            DataRun alone = DataRun.of(dir.resolve(ext + "-alone"), checks.formatted(ext));
            DataRun withDrift =
                    DataRun.of(dir.resolve(ext + "-drift"), checks.formatted(ext) + "  drift: {method: psi}\n");
            assertThat(withDrift.get("drift.seg").status())
                    .as(withDrift.stderr())
                    .isNotEqualTo(Status.ERROR);
            for (String id : ids) {
                assertThat(withDrift.get(id))
                        .as(ext + " " + id)
                        .usingRecursiveComparison()
                        .ignoringFields("location")
                        .isEqualTo(alone.get(id));
            }
            assertThat(alone.get("eval.seg.allowed").status()).isEqualTo(Status.FAIL);
            assertThat(alone.get("eval.amount.range").status()).isEqualTo(Status.FAIL);
        }
    }

    @Test
    void aGlobalKsOrWassersteinComparesTextColumnsAsCategoriesAndSaysSo() throws IOException {
        StringBuilder a = new StringBuilder("v,kind\n");
        StringBuilder b = new StringBuilder("v,kind\n");
        for (int i = 0; i < 200; i++) {
            a.append(i % 17).append(',').append(i % 3 == 0 ? "x" : "y").append('\n');
            b.append(i % 19).append(',').append(i % 2 == 0 ? "x" : "y").append('\n');
        }
        write("ka.csv", a.toString());
        write("kb.csv", b.toString());
        for (String method : List.of("ks", "wasserstein")) {
            DataRun r = DataRun.of(dir, """
                    model: f
                    data:
                      train: data/ka.csv
                      eval: data/kb.csv
                      drift: {method: %s}
                    """.formatted(method));
            assertThat(r.result().error()).as(method + ": " + r.stderr()).isNull();
            assertThat(r.get("drift.v").rule()).as(method).isEqualTo("drift_" + method);
            // ≤ 1,000 reference values: chi-square, as auto picks for categories.
            Criterion kind = r.get("drift.kind");
            assertThat(kind.status()).as(method).isNotEqualTo(Status.ERROR);
            assertThat(kind.rule()).as(method).isEqualTo("drift_chisquare");
            assertThat(kind.message())
                    .as(method)
                    .contains(method + " (the drift method) needs numbers and 'kind' is VARCHAR: compared as"
                            + " categories, as auto does");
        }
    }

    @Test
    void ksAskedForOneTextColumnIsStillAnError() throws IOException {
        write("ka.csv", "kind\nx\ny\nx\n");
        write("kb.csv", "kind\ny\ny\nx\n");
        DataRun r = DataRun.of(dir, """
                model: f
                data:
                  train: data/ka.csv
                  eval: data/kb.csv
                  drift: {per_column: {kind: {method: ks}}}
                """);
        assertThat(r.get("drift.kind").status()).isEqualTo(Status.ERROR);
        assertThat(r.get("drift.kind").message()).contains("ks needs numbers");
    }

    @Test
    void allChecksOnAFileAreOneFusedScanAndDriftIsDrawn() throws IOException {
        StringBuilder train = new StringBuilder("a,b,c,d,seg\n");
        StringBuilder eval = new StringBuilder("a,b,c,d,seg\n");
        for (int i = 0; i < 5000; i++) {
            train.append(i % 97)
                    .append(',')
                    .append(Math.cos(i))
                    .append(',')
                    .append(i % 13)
                    .append(',')
                    .append(i * 0.001)
                    .append(',')
                    .append(i % 3 == 0 ? "web" : "store")
                    .append('\n');
            eval.append(i % 97 + 30)
                    .append(',')
                    .append(Math.cos(i))
                    .append(',')
                    .append(i % 13)
                    .append(',')
                    .append(i * 0.001)
                    .append(',')
                    .append(i % 2 == 0 ? "web" : "store")
                    .append('\n');
        }
        write("train.csv", train.toString());
        write("eval.csv", eval.toString());
        DataRun r = DataRun.of(dir, """
                model: fused
                data:
                  train: data/train.csv
                  eval: data/eval.csv
                  columns:
                    a: {type: integer, nullable: false, min: 0, max: 200}
                    b: {type: number, min: -1, max: 1}
                    c: {type: integer, allowed: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}
                    d: {max_null_fraction: 0.1, min: 0}
                    seg: {allowed: [web, store], length: {min: 3, max: 5}, regex: '[a-z]+'}
                  drift: {method: psi}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(1);
        List<String> scans = r.result().timings().stream()
                .map(Timing::phase)
                .filter(p -> p.startsWith("scan "))
                .toList();
        // Every rule on a file and the drift statistics share one scan of it: a sample of the reference
        // gives the quantile brackets, the scan finds the exact edges and counts.
        assertThat(scans).hasSize(2);
        assertThat(scans).filteredOn(p -> p.startsWith("scan train (")).hasSize(1);
        assertThat(scans).filteredOn(p -> p.startsWith("scan eval (")).hasSize(1);
        assertThat(Integer.parseInt(scans.get(0).replaceAll("\\D", ""))).isGreaterThanOrEqualTo(20);
        assertThat(r.get("drift.a").status()).isEqualTo(Status.FAIL);
        assertThat(r.get("drift.b").status()).isEqualTo(Status.PASS);

        ReportSection top = r.result().sections().stream()
                .filter(s -> s.title().startsWith("Top drifting columns"))
                .findFirst()
                .orElseThrow();
        assertThat(top.table().rows().get(0).get(0)).isEqualTo("a");
        ReportSection chart = r.result().sections().stream()
                .filter(s -> s.title().equals("Distribution of a"))
                .findFirst()
                .orElseThrow();
        assertThat(chart.chart().kind()).isEqualTo("bar");
        assertThat(chart.chart().series())
                .extracting(ReportSection.Series::name)
                .containsExactly("reference (data/train.csv)", "current (data/eval.csv)");
        assertThat(chart.chart().series().get(0).values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(100, org.assertj.core.api.Assertions.within(1e-9));
        String html = r.report("report.html");
        assertThat(html).contains("<svg").contains("a: reference vs current").contains("current (data/eval.csv)");
        String md = r.report("report.md");
        assertThat(md)
                .contains("#### Top drifting columns: data/train.csv → data/eval.csv")
                .contains("| Column | Method | Measure | Value | Threshold | Result |");
        assertThat(r.result().outputs()).containsKey("drift").containsKey("driftShare");
        assertThat(ResultSchema.assertAllValid(dir.resolve(".mlops/out"))).isEqualTo(1);
    }

    @Test
    void boundedMemorySpillsToDiskWithTheSameResults() throws IOException {
        StringBuilder train = new StringBuilder("k,v,s\n");
        StringBuilder eval = new StringBuilder("k,v,s\n");
        for (int i = 0; i < 400_000; i++) {
            train.append(i)
                    .append(',')
                    .append((i * 7919L) % 100_003)
                    .append(",s")
                    .append(i % 50_000)
                    .append('\n');
            eval.append(i + 200_000)
                    .append(',')
                    .append((i * 104_729L) % 100_019)
                    .append(",s")
                    .append(i % 60_000)
                    .append('\n');
        }
        write("train.csv", train.toString());
        write("eval.csv", eval.toString());
        String yaml = """
                model: spill
                data:
                  train: ../data/train.csv
                  eval: ../data/eval.csv
                  columns:
                    k: {unique: true}
                  table: {max_duplicate_fraction: 0}
                  leakage: {keys: [k]}
                  drift: {method: ks, columns: [v]}
                  %s
                """;
        DataRun small = DataRun.of(dir.resolve("small"), yaml.formatted("engine: {memory_limit: 48MB, threads: 1}"));
        DataRun large = DataRun.of(dir.resolve("large"), yaml.formatted(""));
        assertThat(small.result().error()).as(small.stderr()).isNull();
        for (String id : List.of("train.k.unique", "train.table.duplicates", "leakage.keys", "drift.v")) {
            assertThat(small.get(id).actual()).as(id).isEqualTo(large.get(id).actual());
            assertThat(small.get(id).status()).as(id).isEqualTo(large.get(id).status());
        }
        assertThat(small.get("leakage.keys").observed()).startsWith("200,000 of 400,000 eval rows");
    }
}
