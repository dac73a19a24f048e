package io.mlopsci.core.scoring.read;

import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.scoring.Predictions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads per-example predictions — CSV, or JSON lines — into {@link Predictions}, checking every
 * field the gate reads in every row. Every problem names the file, the line and the field, and what
 * was expected: a missing column or JSON path (with what the line has instead), a value that is not
 * a number, a boolean or a probability, an empty label, duplicate ids.
 *
 * <p>Booleans are JSON {@code true}/{@code false}, the words true and false in any letter case
 * (CSV has no types; pandas writes True and False), or the numbers 1 and 0. Other words — yes/no,
 * pass/fail, y/n — are refused rather than guessed: count them with a text comparison
 * ({@code where: "== yes"}).
 */
public final class PredictionsReader {

    private PredictionsReader() {}

    public static Predictions read(Path file, String display, TrainConfig.PredictionsConfig cols) {
        return read(file, display, cols, false);
    }

    /**
     * Reads the predictions an earlier run recorded (the baseline's): a field today's configuration
     * reads that the file does not have at all is left out rather than refused — the run predates
     * it — so only the metrics that need it cannot be computed for that run, and their change rules
     * are ERROR. A field the file has is checked in every row as usual.
     */
    public static Predictions readRecorded(Path file, String display, TrainConfig.PredictionsConfig cols) {
        return read(file, display, cols, true);
    }

    private static Predictions read(
            Path file, String display, TrainConfig.PredictionsConfig cols, boolean absentFieldsAllowed) {
        if (!Files.isRegularFile(file)) {
            throw MlopsException.input("no predictions file at " + display + " (see train.predictions)");
        }
        PredictionsBuilder builder = new PredictionsBuilder(display, cols, absentFieldsAllowed);
        if (cols.formatOf(file) == TrainConfig.Format.JSONL) {
            int skipped = JsonLinesRows.read(file, display, cols.filter(), builder::accept);
            return builder.build(skipped);
        }
        if (!cols.filter().isEmpty()) {
            throw MlopsException.input(display + ": train.predictions.filter selects lines of a JSON lines file,"
                    + " but this file is read as CSV (name it .jsonl or set train.predictions.format: jsonl)");
        }
        CsvRows.read(file, display, builder::header, builder::accept);
        return builder.build(0);
    }
}
