package io.mlopsci.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.ErrorKind;
import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, one test each: a clear message naming the file, line or column, and the exit code of
 * the contract (2 for a file that cannot be read as data, 1 for data that reads but fails, never 0).
 */
class BadInputTest {

    @TempDir
    Path dir;

    private static final String CHECKS = """
            model: bad
            data:
              train: data/train.csv
              columns:
                a: {type: integer}
            """;

    private void write(String name, String content) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data").resolve(name), content);
    }

    private DataRun userError(String content) throws IOException {
        write("train.csv", content);
        DataRun r = DataRun.of(dir, CHECKS);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.result().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.result().error().kind()).isEqualTo(ErrorKind.INPUT);
        assertThat(r.result().error().message()).contains("data/train.csv");
        return r;
    }

    @Test
    void missingFile() {
        DataRun r = DataRun.of(dir, CHECKS);
        assertThat(r.result().exitCode()).isEqualTo(2);
        assertThat(r.result().error().message())
                .isEqualTo("data.train (data/train.csv) does not exist; nor does its" + " directory "
                        + dir.resolve("data"));
    }

    @Test
    void emptyFile() throws IOException {
        assertThat(userError("").result().error().message())
                .isEqualTo("data.train (data/train.csv) is empty (0 bytes); expected a header and data rows");
    }

    @Test
    void headerWithoutRows() throws IOException {
        assertThat(userError("a,b,c\n").result().error().message())
                .isEqualTo("data.train (data/train.csv) has no data rows (only a header); expected at least one row");
    }

    @Test
    void raggedRows() throws IOException {
        assertThat(userError("a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n").result().error().message())
                .isEqualTo(
                        "data.train (data/train.csv): line 3: ragged row: expected 3 columns, found 4 — the line reads:"
                                + " 4,5,6,7");
    }

    @Test
    void raggedRowAfterTheSniffingSample() throws IOException {
        StringBuilder b = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 30_000; i++) {
            b.append(i).append(',').append(i).append(',').append(i).append('\n');
        }
        b.append("1,2\n");
        assertThat(userError(b.toString()).result().error().message())
                .startsWith("data.train (data/train.csv): line 30002: ragged row: expected 3 columns, found 2");
    }

    @Test
    void badQuoting() throws IOException {
        assertThat(userError("a,b,c\n1,\"x,3\n4,5,6\n").result().error().message())
                .startsWith("data.train (data/train.csv): line 2: a quoted value is never closed (unterminated quote)");
    }

    @Test
    void invalidUtf8() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/train.csv"), "a,b\n1,ok\n2,".getBytes(StandardCharsets.UTF_8));
        Files.write(
                dir.resolve("data/train.csv"),
                new byte[] {(byte) 0xff, (byte) 0xfe, ' ', 'x', '\n', '3', ',', 'z', '\n'},
                java.nio.file.StandardOpenOption.APPEND);
        DataRun r = DataRun.of(dir, CHECKS);
        assertThat(r.result().exitCode()).isEqualTo(2);
        assertThat(r.result().error().message())
                .startsWith("data.train (data/train.csv): line ")
                .contains("invalid UTF-8 (the file must be UTF-8 text)");
    }

    @Test
    void brokenJsonLinesAndAFileThatIsNotParquet() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/train.jsonl"), "{\"a\": 1}\n{\"a\": 2,\n");
        DataRun json = DataRun.of(dir, CHECKS.replace("train.csv", "train.jsonl"));
        assertThat(json.result().exitCode()).isEqualTo(2);
        assertThat(json.result().error().message())
                .startsWith("data.train (data/train.jsonl): Malformed JSON")
                .contains("line 3");
        Files.writeString(dir.resolve("data/train.parquet"), "a,b\n1,2\n");
        DataRun parquet = DataRun.of(dir.resolve("p"), CHECKS.replace("data/train.csv", "../data/train.parquet"));
        assertThat(parquet.result().exitCode()).isEqualTo(2);
        assertThat(parquet.result().error().message())
                .startsWith("data.train (")
                .endsWith("train.parquet'" + " too small to be a Parquet file");
    }

    @Test
    void columnChangesTypeMidFile() throws IOException {
        StringBuilder b = new StringBuilder("id,amount,seg\n");
        for (int i = 0; i < 30_000; i++) {
            b.append(i)
                    .append(',')
                    .append(i * 0.5)
                    .append(',')
                    .append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        b.append("30000,abc,a\n30001,1.5,b\n");
        write("train.csv", b.toString());
        DataRun r = DataRun.of(dir, """
                model: bad
                data:
                  train: data/train.csv
                  columns:
                    amount: {type: number, min: 0}
                    seg: {allowed: [a, b]}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(1);
        Criterion type = r.get("train.amount.type");
        assertThat(type.status()).isEqualTo(Status.FAIL);
        assertThat(type.message())
                .contains("changes type mid-file: the first rows read as DOUBLE; line 30,002 has 'abc'")
                .contains("'abc' ×1 (row 30,001)");
        assertThat(type.observed()).isEqualTo("mixed: 1 of 30,002 values are not DOUBLE");
        assertThat(type.details()).containsEntry("notMatching", 1L);
        Criterion min = r.get("train.amount.range");
        assertThat(min.status()).isEqualTo(Status.ERROR);
        assertThat(min.message()).contains("read as text: it changes type mid-file");
        assertThat(r.get("train.seg.allowed").status()).isEqualTo(Status.PASS);
    }

    @Test
    void allNullColumn() throws IOException {
        StringBuilder train = new StringBuilder("x,y\n");
        StringBuilder eval = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            train.append(',').append(i).append('\n');
            eval.append(',').append(i + 1).append('\n');
        }
        write("train.csv", train.toString());
        write("eval.csv", eval.toString());
        DataRun r = DataRun.of(dir, """
                model: bad
                data:
                  train: data/train.csv
                  eval: data/eval.csv
                  columns:
                    x: {type: number, min: 0, max_null_fraction: 0.5}
                  drift: {method: psi}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.get("train.x.nulls").status()).isEqualTo(Status.FAIL);
        assertThat(r.get("train.x.nulls").observed()).isEqualTo("100% (50 of 50 rows)");
        assertThat(r.get("train.x.range").status()).isEqualTo(Status.ERROR);
        assertThat(r.get("train.x.range").message())
                .isEqualTo("every value of 'x' is null, so the rule has nothing to check");
        assertThat(r.get("train.x.type").status()).isEqualTo(Status.ERROR);
        assertThat(r.get("train.x.type").message()).contains("every value of 'x' is null");
        Criterion drift = r.get("drift.x");
        assertThat(drift.status()).isEqualTo(Status.ERROR);
        assertThat(drift.message()).contains("every value of 'x' in train file data/train.csv is null");
        assertThat(r.get("drift.y").status()).isNotEqualTo(Status.ERROR);
    }

    @Test
    void zeroVarianceReference() throws IOException {
        StringBuilder train = new StringBuilder("v\n");
        StringBuilder eval = new StringBuilder("v\n");
        for (int i = 0; i < 2_000; i++) {
            train.append("3.0\n");
            eval.append(i % 7).append('\n');
        }
        write("train.csv", train.toString());
        write("eval.csv", eval.toString());
        DataRun r = DataRun.of(dir, """
                model: bad
                data:
                  train: data/train.csv
                  eval: data/eval.csv
                  drift: {method: wasserstein}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(1);
        Criterion c = r.get("drift.v");
        assertThat(c.status()).isEqualTo(Status.ERROR);
        assertThat(c.actual()).isNull();
        assertThat(c.message())
                .startsWith(
                        "the reference standard deviation of 'v' is 0 (every reference value is the"
                                + " same), so the Wasserstein distance cannot be normalised by it (Wasserstein-1 distance = 1.7135");
        // PSI has no such division: with the reference's equal quantiles merged into one edge, it is defined.
        DataRun psi = DataRun.of(
                dir.resolve("psi"),
                Files.readString(dir.resolve("mlops.yaml"))
                        .replace("data/", "../data/")
                        .replace("wasserstein", "psi"));
        assertThat(psi.get("drift.v").status()).isEqualTo(Status.FAIL);
        assertThat(psi.get("drift.v").details()).containsEntry("edges", List.of(3.0));
    }

    @Test
    void veryHighCardinalityIsBoundedAndTruncated() throws IOException {
        StringBuilder train = new StringBuilder("user,kind\n");
        StringBuilder eval = new StringBuilder("user,kind\n");
        for (int i = 0; i < 200_000; i++) {
            train.append("u")
                    .append(i)
                    .append(',')
                    .append(i % 3 == 0 ? "a" : "b")
                    .append('\n');
            eval.append("u")
                    .append(i * 7 + 1)
                    .append(',')
                    .append(i % 5 == 0 ? "a" : "b")
                    .append('\n');
        }
        write("train.csv", train.toString());
        write("eval.csv", eval.toString());
        DataRun r = DataRun.of(dir, """
                model: bad
                data:
                  train: data/train.csv
                  eval: data/eval.csv
                  validate: [train]
                  columns:
                    user: {allowed: [u1, u2, u3]}
                  drift: {method: psi, max_categories: 50}
                  engine: {memory_limit: 96MB, threads: 1}
                """);
        assertThat(r.result().exitCode()).as(r.stderr()).isEqualTo(1);
        Criterion allowed = r.get("train.user.allowed");
        assertThat(allowed.status()).isEqualTo(Status.FAIL);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> examples =
                (List<Map<String, Object>>) allowed.details().get("examples");
        assertThat(examples).hasSize(5);
        assertThat(allowed.details()).containsEntry("truncated", true).containsEntry("unexpected", 199_997L);
        assertThat((Long) allowed.details().get("distinctValues")).isGreaterThan(150_000L);
        assertThat(allowed.message()).contains("…and about ").contains(" more distinct values");
        Criterion drift = r.get("drift.user");
        assertThat(drift.status()).isNotEqualTo(Status.ERROR);
        assertThat(drift.actual()).isNotNull();
        @SuppressWarnings("unchecked")
        List<String> bins = (List<String>) drift.details().get("bins");
        assertThat(bins).hasSize(50);
        assertThat(bins.get(49)).isEqualTo("(other values)");
    }
}
