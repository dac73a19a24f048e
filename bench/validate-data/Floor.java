import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor of the validate-data benchmark: one DuckDB scan per file (the same embedded DuckDB the
 * engine uses) computing every column's summary — rows, non-null count, min and max, and for
 * numeric columns the mean and standard deviation. Nothing can check those files with fewer reads.
 *
 *   java -cp mlops.jar:DIR Floor FILE...
 */
public final class Floor {

    private Floor() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String file : args) {
                String from = file.endsWith(".parquet") ? "read_parquet('" + file + "')" : "read_csv('" + file + "')";
                List<String> aggregates = new ArrayList<>();
                aggregates.add("count(*)");
                try (ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + from)) {
                    while (r.next()) {
                        String col = "\"" + r.getString("column_name").replace("\"", "\"\"") + "\"";
                        String type = r.getString("column_type");
                        aggregates.add("count(" + col + ")");
                        aggregates.add("min(" + col + ")");
                        aggregates.add("max(" + col + ")");
                        if (type.matches("BIGINT|INTEGER|DOUBLE|FLOAT|DECIMAL.*")) {
                            aggregates.add("avg(" + col + ")");
                            aggregates.add("stddev_samp(" + col + ")");
                        }
                    }
                }
                long t0 = System.nanoTime();
                try (ResultSet r = s.executeQuery("SELECT " + String.join(", ", aggregates) + " FROM " + from)) {
                    r.next();
                    System.out.printf("floor: %s: %,d rows, %d aggregates in one scan, %.2f s%n", file, r.getLong(1),
                            aggregates.size(), (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }
}
