package io.mlopsci.core.gate;

import io.mlopsci.core.concurrent.BackgroundTask;
import io.mlopsci.core.config.TrainConfig;
import io.mlopsci.core.scoring.Predictions;
import io.mlopsci.core.scoring.read.PredictionsReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The baseline's recorded predictions, parsed on a thread of their own while the candidate's are
 * parsed on the step's thread: on two cores two large files take the time of one. Only the parsing
 * of a file already fetched runs there (no registry call), and the step takes the result where it
 * used to read the file, so a problem is reported at the same point, with the same message.
 */
final class PredictionsPrefetch {

    private static final PredictionsPrefetch NONE = new PredictionsPrefetch(null, null);

    private final String runId;
    private final BackgroundTask<Predictions> read;

    private PredictionsPrefetch(String runId, BackgroundTask<Predictions> read) {
        this.runId = runId;
        this.read = read;
    }

    /** Nothing read ahead: {@link #take} is always empty. */
    static PredictionsPrefetch none() {
        return NONE;
    }

    /** Starts reading {@code file}, run {@code runId}'s recorded predictions, as {@link PredictionsReader#readRecorded}. */
    static PredictionsPrefetch start(String runId, Path file, String display, TrainConfig.PredictionsConfig cols) {
        // The step may end (a bad candidate file) before this read does: a daemon thread's read.
        return new PredictionsPrefetch(
                runId,
                BackgroundTask.start(
                        "mlops-baseline-predictions", () -> PredictionsReader.readRecorded(file, display, cols)));
    }

    /**
     * Run {@code runId}'s predictions when they are the ones read ahead (waiting for the read to
     * end), else empty. What the read threw is thrown here, as it was thrown.
     */
    Optional<Predictions> take(String runId) {
        if (read == null || !runId.equals(this.runId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
