package io.mlopsci.core.data.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsci.core.console.Progress;
import io.mlopsci.core.data.scan.AggregateQuery;
import io.mlopsci.core.data.scan.BlockSample;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DataFileFixtures;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.RowGroupSample;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference quantiles from sample brackets equal numpy's linear quantiles of the whole column
 * (computed here by sorting every value), and so do the counts below them — through the bracket
 * path, with a tiny sample that makes brackets miss, and through the sorting fallback.
 */
class ExactQuantilesTest {

    @TempDir
    static Path tmp;

    static final int N = 300_000;
    static double[] cont;
    static double[] ties;

    @BeforeAll
    static void data() throws IOException {
        Random rnd = new Random(42);
        cont = new double[N];
        ties = new double[N];
        StringBuilder b = new StringBuilder("cont,ties\n");
        for (int i = 0; i < N; i++) {
            cont[i] = Math.round(rnd.nextGaussian() * 1e6) / 1e4;
            ties[i] = Math.min(9, (int) Math.floor(-Math.log(rnd.nextDouble()) * 2));
            b.append(cont[i]).append(',').append(ties[i]).append('\n');
        }
        Files.writeString(tmp.resolve("q.csv"), b.toString());
    }

    /** numpy.quantile(x, k/10) with the default method, and the count of values below it. */
    static double[][] expected(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        double[][] out = new double[2][9];
        for (int k = 1; k < 10; k++) {
            double q = (double) k / 10;
            long lo = ExactQuantiles.lowIndex(s.length, q);
            double e = ExactQuantiles.lerp(
                    s[(int) lo], s[(int) Math.min(lo + 1, s.length - 1)], ExactQuantiles.gamma(s.length, q));
            out[0][k - 1] = e;
            int below = 0;
            while (below < s.length && s[below] < e) {
                below++;
            }
            out[1][k - 1] = below;
        }
        return out;
    }

    private void check(String column, double[] values, int sample, long maxBracket, boolean sorting)
            throws SQLException {
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), "test", true);
        try (DuckDb db = DuckDb.open(tmp.resolve("work-" + column + sample + maxBracket), "512MB", 2, quiet)) {
            DataFile f = DataFileFixtures.reference(db, tmp.resolve("q.csv"));
            ExactQuantiles eq = new ExactQuantiles(f.column(column), 10, sample, maxBracket);
            AggregateQuery first = new AggregateQuery();
            String n = first.add("count(" + f.column(column).sql() + ")");
            eq.planSample(duckDb(first));
            Row r1 = first.run(db, f, "first");
            AggregateQuery second = new AggregateQuery();
            second.add("count(*)");
            eq.bracketsFromReservoir(r1);
            eq.planBrackets(duckDb(second), r1.count(n));
            ExactQuantiles.Result result =
                    eq.resolve(second.run(db, f, "second"), r1.count(n), db, f, DuckDbDialect.INSTANCE);
            double[][] want = expected(values);
            for (int k = 0; k < 9; k++) {
                assertThat(result.quantiles()[k]).as(column + " q" + (k + 1)).isEqualTo(want[0][k]);
                assertThat(result.below()[k]).as(column + " below q" + (k + 1)).isEqualTo((long) want[1][k]);
            }
            if (sorting) {
                assertThat(result.bySorting()).isTrue();
            }
        }
    }

    @Test
    void continuousValuesThroughBrackets() throws SQLException {
        check("cont", cont, ExactQuantiles.SAMPLE, ExactQuantiles.MAX_BRACKET_VALUES, false);
    }

    @Test
    void heavilyTiedValuesThroughBrackets() throws SQLException {
        check("ties", ties, ExactQuantiles.SAMPLE, ExactQuantiles.MAX_BRACKET_VALUES, false);
    }

    @Test
    void aTinySampleStillGivesExactQuantiles() throws SQLException {
        check("cont", cont, 64, ExactQuantiles.MAX_BRACKET_VALUES, false);
    }

    @Test
    void bracketsFromABlockSampleOfTheFile() throws SQLException, IOException {
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), "test", true);
        try (DuckDb db = DuckDb.open(tmp.resolve("work-block"), "512MB", 2, quiet)) {
            DataFile f = DataFileFixtures.reference(db, tmp.resolve("q.csv"));
            io.mlopsci.core.data.scan.BlockSample.Sample sample =
                    io.mlopsci.core.data.scan.BlockSample.of(f, tmp.resolve("samples"), 100_000, 64, 4096);
            assertThat(sample.wholeFile()).isFalse();
            long rows = db.one("SELECT count(*) AS n FROM " + sample.relation(), "count", 0)
                    .count("n");
            assertThat(rows).isBetween(5_000L, (long) N / 10);
            assertExactFromSampleBrackets(db, f, sample.relation(), rows);
        }
    }

    @Test
    void fewValuesCountedByValueGiveTheSameQuantiles() throws SQLException {
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), "test", true);
        try (DuckDb db = DuckDb.open(tmp.resolve("work-counts"), "512MB", 2, quiet)) {
            DataFile f = DataFileFixtures.reference(db, tmp.resolve("q.csv"));
            ExactQuantiles eq = new ExactQuantiles(f.column("ties"), 10);
            AggregateQuery pass = new AggregateQuery();
            String n = pass.add("count(" + f.column("ties").sql() + ")");
            eq.planValueCounts(duckDb(pass));
            assertThat(eq.byValueCounts()).isTrue();
            Row r = pass.run(db, f, "pass");
            ExactQuantiles.Result result = eq.resolve(r, r.count(n), db, f, DuckDbDialect.INSTANCE);
            double[][] want = expected(ties);
            for (int k = 0; k < 9; k++) {
                assertThat(result.quantiles()[k]).as("ties q" + (k + 1)).isEqualTo(want[0][k]);
                assertThat(result.below()[k]).as("ties below q" + (k + 1)).isEqualTo((long) want[1][k]);
            }
            assertThat(result.bySorting()).isFalse();
        }
    }

    @Test
    void countsThatDoNotAddUpAreRefused() {
        ExactQuantiles eq = new ExactQuantiles(null, 10);
        assertThat(eq.fromValueCounts(java.util.Map.of(1.0, 3L, 2.0, 4L), 8)).isNull();
        assertThat(eq.fromValueCounts(java.util.Map.of(1.0, 3L, 2.0, 5L), 8)).isNotNull();
    }

    @Test
    void bracketsFromARowGroupSampleOfAParquetFile() throws SQLException {
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), "test", true);
        Path parquet = tmp.resolve("q.parquet");
        try (DuckDb db = DuckDb.open(tmp.resolve("work-rowgroups"), "512MB", 2, quiet)) {
            db.execute(
                    "COPY (SELECT * FROM read_csv(" + io.mlopsci.core.data.scan.Sql.path(tmp.resolve("q.csv"))
                            + ")) TO " + io.mlopsci.core.data.scan.Sql.path(parquet)
                            + " (FORMAT parquet, ROW_GROUP_SIZE 10000)",
                    "writing parquet",
                    0);
            DataFile f = DataFileFixtures.reference(db, parquet);
            List<RowGroupSample.RowGroup> groups = RowGroupSample.rowGroups(f, db);
            assertThat(groups).hasSizeGreaterThan(10);
            BlockSample.Sample sample = RowGroupSample.of(f, groups, 30_000);
            assertThat(sample.wholeFile()).isFalse();
            long rows = db.one("SELECT count(*) AS n FROM " + sample.relation(), "count", 0)
                    .count("n");
            assertThat(rows).isBetween(30_000L, 60_000L);
            assertThat(sample.share()).isEqualTo((double) rows / N);
            assertExactFromSampleBrackets(db, f, sample.relation(), rows);
        }
    }

    @Test
    void theSortingFallbackGivesTheSameQuantiles() throws SQLException {
        check("cont", cont, ExactQuantiles.SAMPLE, 0, true);
        check("ties", ties, ExactQuantiles.SAMPLE, 0, true);
    }

    /**
     * For both columns: brackets from the sample's quantiles, one pass over the whole file, and
     * the exact quantiles and counts below them, equal to numpy's, without sorting.
     */
    private void assertExactFromSampleBrackets(DuckDb db, DataFile f, String sample, long rows) throws SQLException {
        for (String column : List.of("cont", "ties")) {
            ExactQuantiles eq = new ExactQuantiles(f.column(column), 10);
            Row s = db.one(
                    "SELECT "
                            + DuckDbDialect.INSTANCE.aggregate(
                                    new Aggregate.Quantiles(f.column(column), eq.sampleFractions((int) rows / 2)))
                            + " AS q FROM " + sample,
                    "sample",
                    0);
            eq.brackets(s.getList("q"), (int) rows / 2);
            AggregateQuery pass = new AggregateQuery();
            String n = pass.add("count(" + f.column(column).sql() + ")");
            eq.planBrackets(duckDb(pass), N);
            Row r = pass.run(db, f, "pass");
            ExactQuantiles.Result result = eq.resolve(r, r.count(n), db, f, DuckDbDialect.INSTANCE);
            double[][] want = expected(column.equals("cont") ? cont : ties);
            for (int k = 0; k < 9; k++) {
                assertThat(result.quantiles()[k]).as(column + " q" + (k + 1)).isEqualTo(want[0][k]);
                assertThat(result.below()[k]).as(column + " below").isEqualTo((long) want[1][k]);
            }
            assertThat(result.bySorting()).as(column + ": the brackets held").isFalse();
        }
    }

    /** Aggregates added to a DuckDB fused query (DuckDB's SQL does not depend on the relation). */
    private static AggregateSink duckDb(AggregateQuery query) {
        return AggregateSink.of(DuckDbDialect.INSTANCE, query, null);
    }
}
