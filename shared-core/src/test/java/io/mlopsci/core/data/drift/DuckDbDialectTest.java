package io.mlopsci.core.data.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.console.Progress;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DataFileFixtures;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbDialectTest {

    @TempDir
    Path tmp;

    @Test
    void countsOfEveryValueGoApartFromTheFusedScanOfAParquetFile() throws Exception {
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), "test", true);
        try (DuckDb db = DuckDb.open(tmp.resolve("work"), "256MB", 2, quiet)) {
            Path parquet = tmp.resolve("d.parquet");
            db.execute(
                    "COPY (SELECT 'v' || (i % 3) AS c, i * 0.5 AS x FROM range(100) AS t(i)) TO '" + parquet
                            + "' (FORMAT parquet)",
                    "writing parquet",
                    0);
            DataFile f = DataFileFixtures.reference(db, parquet);
            AggregateQuery counts = new AggregateQuery();
            AggregateSink sink = AggregateSink.of(DuckDbDialect.INSTANCE, counts, f.relation());
            sink.add(new Aggregate.Count(f.column("x")));
            assertThat(counts.selects(f, f.relation(), Integer.MAX_VALUE)).hasSize(1);
            String text = sink.add(new Aggregate.ValueCounts(f.column("c")));
            String numbers = sink.add(new Aggregate.NumberCounts(f.column("x")));
            assertThat(counts.selects(f, f.relation(), Integer.MAX_VALUE)).hasSize(2);
            Row row = counts.run(db, f, "scanning d.parquet");
            assertThat((Map<?, ?>) row.get(text)).hasSize(3);
            assertThat((Map<?, ?>) row.get(numbers)).hasSize(100);
        }
    }

    @Test
    void aSamplesTextValuesAreTheNonNullValuesAsText() throws Exception {
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), "test", true);
        try (DuckDb db = DuckDb.open(tmp.resolve("work"), "256MB", 2, quiet)) {
            Path csv = tmp.resolve("t.csv");
            java.nio.file.Files.writeString(csv, "c,n\na,1\n,2\nb,\na,3\n");
            DataFile f = DataFileFixtures.reference(db, csv);
            AggregateQuery q = new AggregateQuery();
            AggregateSink sink = AggregateSink.of(DuckDbDialect.INSTANCE, q, f.relation());
            String c = sink.add(new Aggregate.TextValues(f.column("c")));
            String n = sink.add(new Aggregate.TextValues(f.column("n")));
            Row r = q.run(db, f, "values");
            assertThat(r.getList(c)).containsExactlyInAnyOrder("a", "b", "a");
            assertThat(r.getList(n)).containsExactlyInAnyOrder("1", "2", "3");
        }
    }

    @Test
    void categoryCountsArePerPositionOnADictionaryAndOnAPlainColumnWithAnEmptyValueListed() throws Exception {
        try (DuckDb db = DataFileFixtures.db(tmp.resolve("work"))) {
            // c: few values (dictionary-encoded); p: the same values among unique ones (stored plainly).
            Path parquet = tmp.resolve("d.parquet");
            db.execute(
                    "COPY (SELECT CASE i % 4 WHEN 0 THEN 'a' WHEN 1 THEN '' WHEN 2 THEN 'b' ELSE NULL END AS c,"
                            + " CASE i % 4 WHEN 0 THEN 'a' WHEN 1 THEN '' WHEN 2 THEN 'b' ELSE 'u' || i END AS p"
                            + " FROM range(100000) AS t(i)) TO '" + parquet + "' (FORMAT parquet)",
                    "writing parquet",
                    0);
            DataFile f = DataFileFixtures.reference(db, parquet);
            assertThat(f.column("c").dictionaryEncoded()).isTrue();
            assertThat(f.column("p").dictionaryEncoded()).isFalse();
            for (String column : java.util.List.of("c", "p")) {
                // histogram_exact's entry for the values not listed has the key '' too: it is not ''.
                Categories cats = new Categories(
                        java.util.List.of("b", "", "a", "zz"),
                        java.util.List.of("b", "", "a", "zz", "(values not in the reference)"),
                        false,
                        false,
                        Categories.Cast.TEXT);
                AggregateQuery q = new AggregateQuery();
                String key = AggregateSink.of(DuckDbDialect.INSTANCE, q, f.relation())
                        .add(new Aggregate.CategoryCounts(f.column(column), cats));
                Row row = q.run(db, f, "counting");
                Object positions = DuckDbDialect.INSTANCE.categoryPositions(row.get(key), cats);
                long[] counts = cats.counts(positions, 100_000 - (column.equals("c") ? 25_000 : 0));
                assertThat(counts)
                        .as(column)
                        .containsExactly(25_000, 25_000, 25_000, 0, column.equals("c") ? 0 : 25_000);
            }
        }
    }
}
