package io.mlopsci.core.testing;

import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.scoring.Predictions;
import io.mlopsci.core.scoring.read.PredictionsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/** Predictions CSV files read for gate tests. */
public final class PredictionFiles {

    private static final Set<String> READ_AS_SUCH = Set.of("id", "label", "prediction", "score");

    private PredictionFiles() {}

    /**
     * Reads a predictions CSV as a gate slicing on each of its other columns (not id, label,
     * prediction or score) would: those columns are kept as text, every other one is not.
     */
    public static Predictions readSlicingOnOtherColumns(Path csv, String display) throws IOException {
        String header;
        try (Stream<String> lines = Files.lines(csv)) {
            header = lines.findFirst().orElse("");
        }
        var slices = Stream.of(header.split(","))
                .map(String::trim)
                .filter(c -> !c.isEmpty() && !READ_AS_SUCH.contains(c))
                .map(c -> new TrainConfig.Field(c, GateConfig.FieldKind.TEXT, "gate.slices.column"))
                .toList();
        return PredictionsReader.read(
                csv, display, TrainConfig.PredictionsConfig.of(csv, null).withFields(slices));
    }
}
