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

    /** The argument vector actually executed. */
    public List<String> argv() {
        return shell ? List.of("/bin/sh", "-c", command.get(0)) : command;
    }

    /**
     * Columns of the predictions CSV. {@code score} is the positive-class probability (binary);
     * {@code scorePrefix} + class label names the per-class probability columns (multiclass).
     */
    public record PredictionsConfig(
            Path path,
            String id,
            String label,
            String prediction,
            String score,
            String scorePrefix,
            SourceLocation location) {}

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
