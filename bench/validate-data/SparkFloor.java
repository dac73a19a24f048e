import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * The floor of the validate-data benchmark on Spark: one Spark SQL SELECT per file, through the same
 * Spark Connect client the mlops Spark add-on uses, computing every column's summary — rows,
 * non-null count, min and max, and for numeric columns the mean and standard deviation (Floor.java's
 * aggregates, on Spark). Nothing can check those files on that Spark with fewer reads.
 *
 *   java --add-opens=java.base/java.nio=ALL-UNNAMED -cp mlops.jar:mlops-spark.jar:DIR SparkFloor sc://HOST:PORT FILE...
 */
public final class SparkFloor {

    private SparkFloor() {
    }

    public static void main(String[] args) {
        try (SparkSession spark = SparkSession.builder().remote(args[0]).create()) {
            for (int i = 1; i < args.length; i++) {
                String file = java.nio.file.Path.of(args[i]).toAbsolutePath().toString();
                var df = file.endsWith(".parquet")
                        ? spark.read().parquet(file)
                        : spark.read().option("header", "true").option("inferSchema", "true").csv(file);
                long t0 = System.nanoTime();
                df.createOrReplaceTempView("floor_input");
                List<String> aggregates = new ArrayList<>();
                aggregates.add("count(*)");
                for (StructField f : df.schema().fields()) {
                    String col = "`" + f.name().replace("`", "``") + "`";
                    String type = f.dataType().simpleString();
                    aggregates.add("count(" + col + ")");
                    aggregates.add("min(" + col + ")");
                    aggregates.add("max(" + col + ")");
                    if (type.matches("tinyint|smallint|int|bigint|float|double|decimal.*")) {
                        aggregates.add("avg(" + col + ")");
                        aggregates.add("stddev_samp(" + col + ")");
                    }
                }
                long t1 = System.nanoTime();
                var row = spark.sql("SELECT " + String.join(", ", aggregates) + " FROM floor_input")
                        .collectAsList()
                        .get(0);
                System.out.printf("spark-floor: %s: %,d rows, %d aggregates in one SELECT, %.2f s (schema %.2f s)%n",
                        file, row.getLong(0), aggregates.size(), (System.nanoTime() - t1) / 1e9, (t1 - t0) / 1e9);
            }
        }
    }
}
