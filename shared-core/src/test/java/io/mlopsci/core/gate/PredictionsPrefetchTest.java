package io.mlopsci.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.scoring.Predictions;
import io.mlopsci.core.scoring.read.PredictionsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baseline's predictions read ahead give what reading them in the step gives: the same rows, or
 * the same error, and only for the run they were read for.
 */
class PredictionsPrefetchTest {

    @TempDir
    Path tmp;

    @Test
    void theRunReadAheadGivesWhatTheRecordedReadGives() throws IOException {
        Path f = tmp.resolve("predictions.csv");
        Files.writeString(f, "id,label,prediction,score\na,1,1,0.9\nb,0,0,0.1\n");
        TrainConfig.PredictionsConfig cols = TrainConfig.PredictionsConfig.of(f, null);
        PredictionsPrefetch ahead = PredictionsPrefetch.start("run-1", f, "champion predictions.csv", cols);
        assertThat(ahead.take("run-2")).isEmpty();
        Predictions read = ahead.take("run-1").orElseThrow();
        Predictions expected = PredictionsReader.readRecorded(f, "champion predictions.csv", cols);
        assertThat(read.ids()).isEqualTo(expected.ids());
        assertThat(read.labels()).isEqualTo(expected.labels());
        assertThat(read.score()).isEqualTo(expected.score());
        assertThat(read.lines()).isEqualTo(expected.lines());
        assertThat(PredictionsPrefetch.none().take("run-1")).isEmpty();
    }

    @Test
    void aBadFileIsTheSameErrorWhereTheStepTakesIt() throws IOException {
        Path f = tmp.resolve("predictions.csv");
        Files.writeString(f, "id,label,prediction,score\na,1,1,0.9\na,0,0,0.1\n");
        TrainConfig.PredictionsConfig cols = TrainConfig.PredictionsConfig.of(f, null);
        PredictionsPrefetch ahead = PredictionsPrefetch.start("run-1", f, "champion predictions.csv", cols);
        assertThatThrownBy(() -> ahead.take("run-1"))
                .isInstanceOf(MlopsException.class)
                .hasMessage("champion predictions.csv:3: duplicate id 'a' in field 'id'; ids must be unique to pair"
                        + " candidate and baseline rows");
    }
}
