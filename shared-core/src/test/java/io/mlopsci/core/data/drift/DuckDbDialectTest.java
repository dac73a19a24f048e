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
}
