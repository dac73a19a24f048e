package io.mlopsci.core.cli;

import io.mlopsci.contract.ExitCodes;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.console.Console;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DataFiles;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.ParquetIntegrity;
import io.mlopsci.core.data.schema.SchemaInference;
import io.mlopsci.core.data.schema.SchemaYaml;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlops infer-schema DATA}: a starting schema file for data.schema, from a reference file. */
@Command(
        name = "infer-schema",
        mixinStandardHelpOptions = true,
        description = {
            "Profile a data file (CSV, Parquet or JSON lines) and write a schema for data.schema:",
            "each column's type, nullability and range, and for columns with few values the values with their",
            "frequencies. Edit it, then reference it from mlops.yaml. Exit 2 when the file cannot be read."
        })
final class InferSchemaCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA", description = "The data file to profile.")
    Path data;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "FILE",
            description = "Where to write the schema (default: stdout). Written atomically.")
    Path out;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "csv, parquet or jsonl (default: from the extension).")
    String format;

    @Option(
            names = "--delimiter",
            paramLabel = "CHAR",
            description = "CSV field separator (default ',' or tab for .tsv).")
    String delimiter;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress lines on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        Console console = Console.system(System.getenv());
        Progress progress = new Progress(System.err, "infer-schema", quiet, console.mask());
        DataConfig.FileFormat.Kind kind = null;
        if (format != null) {
            kind = switch (format) {
                case "csv" -> DataConfig.FileFormat.Kind.CSV;
                case "parquet" -> DataConfig.FileFormat.Kind.PARQUET;
                case "jsonl" -> DataConfig.FileFormat.Kind.JSONL;
                default -> null;
            };
            if (kind == null) {
                console.error("mlops infer-schema: --format expects csv, parquet or jsonl, got '" + format + "'");
                return ExitCodes.USER_ERROR;
            }
        }
        String sep = "\\t".equals(delimiter) ? "\t" : delimiter;
        Path work = Path.of(System.getProperty("java.io.tmpdir")).resolve("mlops-infer-schema-" + UUID.randomUUID());
        String display = display(data);
        try (DuckDb db = DuckDb.open(work, null, null, progress)) {
            progress.phase("reading " + display);
            DataFile file = DataFiles.open(
                    db,
                    DataConfig.Role.REFERENCE,
                    data.toAbsolutePath(),
                    display,
                    new DataConfig.FileFormat(kind, sep, List.of("")),
                    Set.of(),
                    "data",
                    true);
            progress.phase("profiling " + file.columns().size() + " columns of " + String.format("%,d", file.rows())
                    + " rows");
            String yaml;
            try {
                yaml = SchemaYaml.render(SchemaInference.infer(db, file), "mlops infer-schema " + display);
            } catch (SQLException e) {
                throw ParquetIntegrity.failure(db, List.of(file), e, "profiling " + display);
            }
            if (out == null) {
                console.document(yaml);
            } else {
                AtomicFiles.write(out, yaml);
                progress.phase("wrote " + out);
            }
            return ExitCodes.PASSED;
        } catch (MlopsException e) {
            console.error("mlops infer-schema: " + e.getMessage().replace("data.reference (", "("));
            return e.exitCode();
        } catch (IOException e) {
            console.error("mlops infer-schema: cannot write " + out + ": " + e.getMessage());
            return Files.isDirectory(out) ? ExitCodes.USER_ERROR : ExitCodes.INFRASTRUCTURE_ERROR;
        }
    }

    private static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }
}
