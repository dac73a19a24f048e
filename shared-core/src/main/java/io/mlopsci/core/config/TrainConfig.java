package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code train} section. Without a {@code command}, the train step ingests metrics and
 * predictions that an earlier CI step wrote.
 *
 * @param runner      where the command runs
 * @param command     argument vector (resolved); for {@code shell: true}, one element: the script
 * @param shell       run the command through {@code /bin/sh -c}, only when the user asks
 * @param workingDir  the command's working directory
 * @param timeout     wall-clock limit; the process tree is killed after it
 * @param env         extra environment variables for the command
 * @param params      hyperparameters: recorded, part of the cache key, passed as MLOPS_PARAM_*
 * @param output      directory the command writes its model and files to
 * @param metrics     JSON file of metric name → number the command writes
 * @param predictions optional per-example predictions
 * @param cache       run cache settings
 * @param docker      settings of the docker runner
 * @param location    where the section is written
 */
public record TrainConfig(
        Runner runner,
        List<String> command,
        boolean shell,
        Path workingDir,
        Duration timeout,
        Map<String, String> env,
        Map<String, String> params,
        Path output,
        Path metrics,
        PredictionsConfig predictions,
        CacheConfig cache,
        DockerConfig docker,
        SourceLocation location) {

    /** Where training runs. */
    public enum Runner {
        LOCAL,
        DOCKER
    }

    public TrainConfig {
        command = List.copyOf(command);
        // Insertion-ordered copies: reports and result.json list them as written.
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /** Whether a command is configured; without one, the step ingests existing outputs. */
    public boolean hasCommand() {
        return !command.isEmpty();
    }

    /** The same training with other predictions settings. */
    public TrainConfig withPredictions(PredictionsConfig p) {
        return new TrainConfig(
                runner, command, shell, workingDir, timeout, env, params, output, metrics, p, cache, docker, location);
    }

    /** The argument vector actually executed. */
    public List<String> argv() {
        return shell ? List.of("/bin/sh", "-c", command.get(0)) : command;
    }

    /**
     * The per-example predictions file and the fields it holds: CSV columns, or — in JSON lines —
     * dotted paths into each line's object ({@code scores.judge}; a number selects an array element).
     * {@code score} is the positive-class probability (binary), or with {@code query} the ranking
     * score; {@code scorePrefix} + class label names the per-class probability columns (multiclass).
     *
     * @param path        the file
     * @param format      CSV or JSON lines ({@link Format#AUTO}: by the file name)
     * @param id          the example's id, which pairs candidate and baseline rows
     * @param label       the true label (classification, regression) or graded relevance (ranking)
     * @param prediction  the predicted label or value
     * @param score       the positive-class probability, or the ranking score
     * @param scorePrefix prefix of the per-class probability columns
     * @param query       the query id ranking metrics group rows by, or null
     * @param input       the example's input or question, shown next to regressed examples, or null
     * @param filter      JSON lines only: only lines whose fields have these values are rows (others,
     *                    e.g. a header record or other event types, are skipped)
     * @param fields      fields the gate reads, each with the kind of value every row must hold (set
     *                    from the gate section, so a missing or malformed value is caught on reading)
     * @param location    where the predictions are configured
     */
    public record PredictionsConfig(
            Path path,
            Format format,
            String id,
            String label,
            String prediction,
            String score,
            String scorePrefix,
            String query,
            String input,
            Map<String, String> filter,
            List<Field> fields,
            SourceLocation location) {

        public PredictionsConfig {
            format = format == null ? Format.AUTO : format;
            filter = filter == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filter));
            fields = fields == null ? List.of() : List.copyOf(fields);
        }

        /** The default column names for a file: id, label, prediction, score, score_*. */
        public static PredictionsConfig of(Path path, SourceLocation location) {
            return new PredictionsConfig(
                    path,
                    Format.AUTO,
                    "id",
                    "label",
                    "prediction",
                    "score",
                    "score_",
                    null,
                    null,
                    Map.of(),
                    List.of(),
                    location);
        }

        /** The same, with the fields the gate reads. */
        public PredictionsConfig withFields(List<Field> needed) {
            return new PredictionsConfig(
                    path, format, id, label, prediction, score, scorePrefix, query, input, filter, needed, location);
        }

        /**
         * The same columns for a copy the engine named itself (a registry artifact, a re-scored
         * baseline): its name, predictions.csv or predictions.jsonl, tells the format.
         */
        public PredictionsConfig byFileName() {
            return new PredictionsConfig(
                    path,
                    Format.AUTO,
                    id,
                    label,
                    prediction,
                    score,
                    scorePrefix,
                    query,
                    input,
                    filter,
                    fields,
                    location);
        }

        /** The file name the engine gives its own copy of predictions in this format. */
        public String copyName() {
            return formatOf(path) == Format.JSONL ? "predictions.jsonl" : "predictions.csv";
        }

        /** The format of {@code file}: as configured, else JSON lines for .jsonl, .ndjson and .json. */
        public Format formatOf(Path file) {
            if (format != Format.AUTO) {
                return format;
            }
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")
                    ? Format.JSONL
                    : Format.CSV;
        }
    }

    /** How a predictions file is written. */
    public enum Format {
        AUTO,
        CSV,
        JSONL
    }

    /**
     * A field of the predictions the gate reads.
     *
     * @param path     column name or dotted JSON path
     * @param kind     what every row must hold there
     * @param neededBy the configuration that reads it, for messages ({@code gate.metrics.judge.column})
     */
    public record Field(String path, GateConfig.FieldKind kind, String neededBy) {}

    /**
     * Run cache: the key hashes {@code inputs} (globs relative to the workdir), the data files, the
     * params, the command, the runner and image, and the values of {@code env} names.
     */
    public record CacheConfig(boolean enabled, List<String> inputs, List<String> env) {
        public CacheConfig {
            inputs = List.copyOf(inputs);
            env = List.copyOf(env);
        }
    }

    /**
     * The docker runner: the image (never pulled unless {@code pull} is true), resource limits,
     * the user to run as, and the network.
     */
    public record DockerConfig(
            String image,
            Double cpus,
            Long memoryBytes,
            String user,
            String network,
            boolean pull,
            SourceLocation location) {}
}
