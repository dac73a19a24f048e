package io.mlopsci.core.data.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.console.Progress;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateQueryTest {

    @TempDir
    Path tmp;

    /** The same 5,000 rows as CSV and as Parquet: a text column of a few values, a number. */
    private DataFile[] files(DuckDb db) throws Exception {
        String rows = "SELECT 'v' || (i % 7) AS c, CAST((i * 37) % 1000 AS DOUBLE) / 10 AS x FROM range(5000) AS t(i)";
        Path csv = tmp.resolve("d.csv");
        Path parquet = tmp.resolve("d.parquet");
        db.execute("COPY (" + rows + ") TO '" + csv + "' (HEADER)", "writing csv", 0);
        db.execute("COPY (" + rows + ") TO '" + parquet + "' (FORMAT parquet)", "writing parquet", 0);
        return new DataFile[] {DataFileFixtures.reference(db, csv), DataFileFixtures.reference(db, parquet)};
    }

    /** The fused aggregates and, apart, every value's count of the text column. */
    private static AggregateQuery query(boolean apart) {
        AggregateQuery q = new AggregateQuery();
        q.add("count(*)");
        q.add("list(\"x\") FILTER (WHERE \"x\" BETWEEN 10 AND 10.5)");
        if (apart) {
            q.addApart("histogram(\"c\")");
        } else {
            q.add("histogram(\"c\")");
        }
        return q;
    }

    @Test
    void aColumnarFileComputesTheAggregatesApartInASecondSelectWithTheSameResults() throws Exception {
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), "test", true);
        try (DuckDb db = DuckDb.open(tmp.resolve("work"), "256MB", 2, quiet)) {
            DataFile[] f = files(db);
            DataFile csv = f[0];
            DataFile parquet = f[1];
            AggregateQuery split = query(true);
            assertThat(split.splits(parquet)).isTrue();
            // A text file would be parsed twice: it stays one SELECT.
            assertThat(split.splits(csv)).isFalse();
            assertThat(query(false).splits(parquet)).isFalse();
            // Nothing to keep apart from: one SELECT.
            AggregateQuery only = new AggregateQuery();
            only.addApart("histogram(\"c\")");
            assertThat(only.splits(parquet)).isFalse();

            Row fused = query(false).run(db, parquet, "scanning d.parquet");
            for (Row r : List.of(
                    split.run(db, parquet, "scanning d.parquet"), query(true).run(db, csv, "scanning d.csv"))) {
                assertThat(r.count("a0")).isEqualTo(5000);
                // The listed values in any order (parallel aggregation does not keep one).
                assertThat(sorted(r.getDoubles("a1"))).hasSize(30).containsExactly(sorted(fused.getDoubles("a1")));
                assertThat(r.get("a2"))
                        .isInstanceOfSatisfying(Map.class, m -> assertThat(m).hasSize(7))
                        .isEqualTo(fused.get("a2"));
            }
        }
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        java.util.Arrays.sort(copy);
        return copy;
    }
}
