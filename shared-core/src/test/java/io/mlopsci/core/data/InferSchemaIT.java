package io.mlopsci.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mlops infer-schema` through the real CLI: a readable starting schema that the file itself passes. */
class InferSchemaIT {

    @TempDir
    Path tmp;

    static String data() {
        StringBuilder b = new StringBuilder("id,amount,seg,note,day,label\n");
        for (int i = 0; i < 400; i++) {
            b.append(i)
                    .append(',')
                    .append(i % 10 == 0 ? "" : String.valueOf(i * 0.25 - 3))
                    .append(',')
                    .append(i % 4 == 0 ? "web" : i % 4 == 1 ? "store" : "mobile")
                    .append(',')
                    .append("note-")
                    .append(i * 31)
                    .append(',')
                    .append("2024-01-")
                    .append(String.format("%02d", i % 28 + 1))
                    .append(',')
                    .append(i % 3 == 0 ? 1 : 0)
                    .append('\n');
        }
        return b.toString();
    }

    @Test
    void writesARoundTrippingSchemaAtomically() throws IOException {
        Sandbox s = Sandbox.inline(tmp, "infer", "main", Map.of("data/train.csv", data()));
        Processes.Result r = s.mlops("infer-schema", "data/train.csv", "--out", "schema.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("[mlops infer-schema").contains("wrote schema.yaml");
        String yaml = Files.readString(s.dir().resolve("schema.yaml"));
        assertThat(yaml)
                .startsWith("# Schema inferred by `mlops infer-schema data/train.csv`\n# from data/train.csv (400 rows,"
                        + " 6 columns).");
        assertThat(yaml)
                .contains("""
                  id:
                    type: integer
                    nullable: false
                    min: 0
                    max: 399
                    unique: true
                """)
                .contains("""
                  amount:
                    type: number
                    max_null_fraction: 0.1    # observed 10.00% (40 rows)
                    min: -2.75
                    max: 96.75
                """)
                .contains("""
                    allowed:                # 3 distinct values
                      - mobile    # 200 rows (50.00%)
                      - store    # 100 rows (25.00%)
                      - web    # 100 rows (25.00%)
                """)
                .contains("""
                  note:
                    type: string
                    nullable: false
                    length: {min: 6, max: 10}\
                """)
                .contains("""
                  day:
                    type: date
                    nullable: false
                    min: "2024-01-01"
                    max: "2024-01-28"
                """)
                .contains("""
                      - 0    # 266 rows (66.50%)
                      - 1    # 134 rows (33.50%)
                """);
        assertThat(s.dir().resolve(".").toFile().list()).noneMatch(n -> n.endsWith(".tmp"));

        // The file the schema was inferred from passes it.
        DataRun v = DataRun.of(s.dir(), "model: m\ndata:\n  train: data/train.csv\n  schema: schema.yaml\n");
        assertThat(v.result().exitCode()).as(v.stderr() + v.result().criteria()).isZero();
        assertThat(v.result().criteria()).extracting(Criterion::status).containsOnly(Status.PASS);
        assertThat(v.result().criteria()).hasSizeGreaterThan(20);
    }

    @Test
    void printsToStdoutWithoutOut() {
        Sandbox s = Sandbox.inline(tmp, "infer", "main", Map.of("data/train.csv", data()));
        Processes.Result r = s.mlops("infer-schema", "data/train.csv", "-q");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("columns:\n  id:\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void anUnreadableFileIsTheUsersError() {
        Sandbox s = Sandbox.inline(tmp, "infer", "main", Map.of("data/bad.csv", "a,b\n1,2,3\n"));
        Processes.Result r = s.mlops("infer-schema", "data/bad.csv", "--out", "schema.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr())
                .contains("mlops infer-schema: (data/bad.csv): line 2: ragged row: expected 2 columns, found 3");
        assertThat(s.dir().resolve("schema.yaml")).doesNotExist();
        assertThat(s.mlops("infer-schema", "data/none.csv").stderr()).contains("(data/none.csv) does not exist");
    }
}
