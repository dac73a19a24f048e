package io.mlopsci.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.FileFormat;
import io.mlopsci.core.data.engine.ResolvedSource;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.error.MlopsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.connect.DataFrameReader;
import org.apache.spark.sql.connect.Dataset;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns a configured source into a relation Spark reads: a path (any scheme the cluster is
 * configured for) in CSV, Parquet or JSON lines, or a catalog table; then the {@code where}
 * filter and the newest value of the {@code partition} column, with NaN read as null (as on
 * DuckDB). Each resolved source is a temporary view of the session ({@code mlops_train}, ...), so
 * the checks' SQL names it.
 */
final class SparkSources {

    private final SparkEngine engine;
    private final FileFormat format;

    SparkSources(SparkEngine engine, FileFormat format) {
        this.engine = engine;
        this.format = format;
    }

    ResolvedSource resolve(DataConfig.Source source) {
        Dataset<org.apache.spark.sql.Row> df = source.isTable() ? table(source) : file(source);
        StructType schema = df.schema(); // analysis: a path or table that does not exist fails here
        List<String> names = List.of(schema.fieldNames());
        if (source.where() != null) {
            df = df.where(source.where());
            try {
                df.schema(); // a column the filter names that the source lacks fails here
            } catch (Exception e) {
                String condition = SparkErrors.condition(e);
                throw MlopsException.config(
                        "data." + source.role().key() + ".where (" + source.where() + "): "
                                + SparkErrors.firstLine(e.getMessage())
                                + (condition != null && condition.startsWith("UNRESOLVED")
                                        ? "; the columns of " + (source.isTable() ? source.table() : source.path())
                                                + " are " + listed(names)
                                        : ""),
                        source.location());
            }
        }
        if (source.partition() != null) {
            df = newestPartition(source, df, names);
        }
        df = nanAsNull(df, schema);
        String view = "mlops_" + source.role().key();
        df.createOrReplaceTempView(view);
        // Positions in the order Spark reads the source: a file's splits are read in offset order,
        // so for one file they are its data rows' numbers (a global sort: evidence queries only).
        String numbered =
                "(SELECT row_number() OVER (ORDER BY monotonically_increasing_id()) AS __row, * FROM `" + view + "`)";
        return new ResolvedSource(
                source, "`" + view + "`", numbered, source.isTable() ? null : kind(source), columns(schema));
    }

    private Dataset<org.apache.spark.sql.Row> table(DataConfig.Source source) {
        return engine.session().read().table(source.table());
    }

    private Dataset<org.apache.spark.sql.Row> file(DataConfig.Source source) {
        FileFormat.Kind kind = kind(source);
        DataFrameReader r = engine.session().read();
        return switch (kind) {
            case CSV -> {
                String delimiter = format.delimiter() != null
                        ? format.delimiter()
                        : source.path().toLowerCase(Locale.ROOT).contains(".tsv") ? "\t" : ",";
                r = r.option("header", "true")
                        .option("inferSchema", "true")
                        .option("sep", delimiter)
                        .option("quote", "\"")
                        .option("escape", "\"")
                        .option("mode", "FAILFAST");
                List<String> nulls =
                        format.nulls().stream().filter(n -> !n.isEmpty()).toList();
                if (!nulls.isEmpty()) {
                    r = r.option("nullValue", nulls.get(0));
                }
                yield r.csv(source.path());
            }
            case JSONL -> r.option("mode", "FAILFAST").json(source.path());
            case PARQUET -> r.parquet(source.path());
        };
    }

    /** The source's format: its own, else {@code data.format}, else its name's extension. */
    FileFormat.Kind kind(DataConfig.Source source) {
        if (source.format() != null) {
            return source.format();
        }
        if (format.kind() != null) {
            return format.kind();
        }
        String name = source.path().replaceAll("/+$", "").toLowerCase(Locale.ROOT);
        name = name.replaceAll("\\.(gz|bz2|zst|snappy)$", "");
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return FileFormat.Kind.CSV;
        }
        if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            return FileFormat.Kind.PARQUET;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return FileFormat.Kind.JSONL;
        }
        throw MlopsException.config(
                "data." + source.role().key() + " (" + source.path() + "): cannot tell its format from the name;"
                        + " write it as {path: ..., format: parquet} (csv, parquet or jsonl), or set data.format",
                source.location());
    }

    /** Only the rows whose partition column holds its greatest value. */
    private Dataset<org.apache.spark.sql.Row> newestPartition(
            DataConfig.Source source, Dataset<org.apache.spark.sql.Row> df, List<String> names) {
        String p = source.partition();
        if (!names.contains(p)) {
            throw MlopsException.config(
                    "data." + source.role().key() + ".partition: column '" + p + "' is not in " + source.describe()
                            + "; its columns are " + listed(names),
                    source.location());
        }
        List<io.mlopsci.core.data.scan.Row> newest = engine.collect(
                df.agg(max(col(quoted(p))).as("newest")),
                "finding the newest " + p + " of " + source.role().key(),
                1);
        Object value = newest.isEmpty() ? null : newest.get(0).get("newest");
        if (value == null) {
            throw MlopsException.input("data." + source.role().key() + " (" + source.describe() + ") has no rows"
                    + " with a value of its partition column " + p);
        }
        return df.where(col(quoted(p)).equalTo(lit(value)));
    }

    /** NaN counts as null everywhere, as on DuckDB: floating-point columns read NaN as null. */
    private static Dataset<org.apache.spark.sql.Row> nanAsNull(
            Dataset<org.apache.spark.sql.Row> df, StructType schema) {
        List<org.apache.spark.sql.Column> out = new ArrayList<>();
        boolean any = false;
        for (StructField f : schema.fields()) {
            org.apache.spark.sql.Column c = col(quoted(f.name()));
            String type = f.dataType().simpleString();
            if (type.equals("double") || type.equals("float")) {
                out.add(when(isnan(c), lit(null).cast(type)).otherwise(c).as(f.name()));
                any = true;
            } else {
                out.add(c);
            }
        }
        return any ? df.select(out.toArray(org.apache.spark.sql.Column[]::new)) : df;
    }

    /** A column reference for the DataFrame API (backticks keep dots and odd characters literal). */
    static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static List<ResolvedSource.Column> columns(StructType schema) {
        List<ResolvedSource.Column> out = new ArrayList<>();
        for (StructField f : schema.fields()) {
            String type = f.dataType().simpleString();
            out.add(new ResolvedSource.Column(f.name(), type, kind(type)));
        }
        return out;
    }

    /** What the checks make of a Spark type, by its SQL name ({@code bigint}, {@code decimal(10,2)}, ...). */
    static DataFile.Kind kind(String sparkType) {
        String t = sparkType.toLowerCase(Locale.ROOT);
        return switch (t.replaceAll("\\(.*$", "")) {
            case "tinyint", "smallint", "int", "bigint" -> DataFile.Kind.INTEGER;
            case "float", "double", "decimal" -> DataFile.Kind.FLOAT;
            case "string", "varchar", "char" -> DataFile.Kind.STRING;
            case "boolean" -> DataFile.Kind.BOOLEAN;
            case "date" -> DataFile.Kind.DATE;
            case "timestamp", "timestamp_ntz", "timestamp_ltz" -> DataFile.Kind.TIMESTAMP;
            case "time" -> DataFile.Kind.TIME;
            default -> DataFile.Kind.OTHER;
        };
    }

    static String listed(List<String> names) {
        if (names.isEmpty()) {
            return "(none)";
        }
        String shown = names.stream().limit(30).collect(Collectors.joining(", "));
        return names.size() > 30 ? shown + ", … (" + names.size() + " in all)" : shown;
    }
}
