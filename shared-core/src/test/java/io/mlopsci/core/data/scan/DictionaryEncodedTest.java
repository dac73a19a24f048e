package io.mlopsci.core.data.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Parquet columns are stored through a dictionary (from the footer's page encodings), and
 * the counts of listed values on them: by {@code IN} there, by {@code histogram_exact} elsewhere,
 * the same counts either way.
 */
class DictionaryEncodedTest {

    @TempDir
    Path tmp;

    @Test
    void aFewValuedColumnIsDictionaryEncodedAndItsListedValuesCountTheSameAsInAText() throws Exception {
        try (DuckDb db = DataFileFixtures.db(tmp.resolve("work"))) {
            String rows = "SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE 'v' || (i % 7) END AS low, 'u' || i AS high,"
                    + " i AS n FROM range(200000) AS t(i)";
            Path parquet = tmp.resolve("d.parquet");
            Path csv = tmp.resolve("d.csv");
            db.execute("COPY (" + rows + ") TO '" + parquet + "' (FORMAT parquet)", "writing", 0);
            db.execute("COPY (" + rows + ") TO '" + csv + "' (HEADER)", "writing", 0);
            DataFile p = DataFileFixtures.reference(db, parquet);
            DataFile c = DataFileFixtures.reference(db, csv);

            assertThat(p.column("low").dictionaryEncoded()).isTrue();
            // Unique values: the writer stores them plainly.
            assertThat(p.column("high").dictionaryEncoded()).isFalse();
            assertThat(c.columns()).noneMatch(DataFile.Column::dictionaryEncoded);

            List<String> listed = List.of("v3", "v1", "v9", "v1");
            String onParquet = DuckDbSql.INSTANCE.countsOf(p.column("low"), listed);
            String onCsv = DuckDbSql.INSTANCE.countsOf(c.column("low"), listed);
            assertThat(onParquet).startsWith("histogram(").contains("IN ('v1', 'v3', 'v9')");
            assertThat(onCsv).startsWith("histogram_exact(").contains("['v1', 'v3', 'v9']");

            Map<Object, Long> expected = Map.of("v1", countOf(db, p, "v1"), "v3", countOf(db, p, "v3"));
            for (DataFile f : List.of(p, c)) {
                AggregateQuery q = new AggregateQuery();
                String key = q.add(DuckDbSql.INSTANCE.countsOf(f.column("low"), listed));
                Map<Object, Long> counts =
                        CheckDialect.listedCounts(q.run(db, f, "counting").get(key), 3);
                // A listed value the file lacks counts nothing (histogram_exact lists it with 0).
                counts.values().removeIf(n -> n == 0);
                assertThat(counts).as(f.display()).isEqualTo(expected);
            }
        }
    }

    private static long countOf(DuckDb db, DataFile f, String value) throws Exception {
        return db.one("SELECT count_if(low = '" + value + "') AS n FROM " + f.relation(), "counting", 0)
                .count("n");
    }
}
