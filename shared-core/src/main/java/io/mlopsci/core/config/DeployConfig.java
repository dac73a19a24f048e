package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code deploy} section: where a new model version goes and how its canary is judged.
 *
 * @param target     the deployment target
 * @param alias      the registry alias that names the serving (stable) version
 * @param serve      how a model server runs (local and docker targets)
 * @param canary     the traffic plan and its analysis
 * @param local      settings of the local target
 * @param docker     settings of the docker target
 * @param kubernetes settings of the kubernetes target
 * @param mlflow     settings of the mlflow (alias-only) target
 * @param records    the prediction records the router writes (local and docker targets)
 * @param location   where the section is written
 */
public record DeployConfig(
        Target target,
        String alias,
        Serve serve,
        Canary canary,
        Local local,
        Docker docker,
        Kubernetes kubernetes,
        Mlflow mlflow,
        Records records,
        SourceLocation location) {

    /** Where versions are deployed. */
    public enum Target {
        LOCAL("local"),
        DOCKER("docker"),
        KUBERNETES("kubernetes"),
        MLFLOW("mlflow");

        private final String yaml;

        Target(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }

        /** Whether the engine's own router carries the traffic (and so measures it). */
        public boolean routed() {
            return this == LOCAL || this == DOCKER;
        }
    }

    /**
     * A model server: {@code command} (local: started once per version; docker and kubernetes:
     * replaces the image's entrypoint) gets {@code PORT}, {@code MLOPS_MODEL_DIR} and
     * {@code MLOPS_MODEL_VERSION}; it is ready when {@code health} answers 2xx; predictions are
     * POSTed to {@code predict}; in a container it listens on {@code port}.
     */
    public record Serve(
            List<String> command,
            String health,
            String predict,
            Duration readyTimeout,
            Duration requestTimeout,
            Map<String, String> env,
            int port,
            SourceLocation location) {
        public Serve {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }
    }

    /** What to do when a measurement is inconclusive. */
    public enum OnInconclusive {
        ROLLBACK,
        CONTINUE
    }

    /**
     * The canary plan: traffic {@code steps} (percent, increasing), each held for {@code bake} with
     * a measurement every {@code interval}; a metric may fail {@code failureLimit} measurements and
     * error {@code consecutiveErrorLimit} times in a row before the canary is rolled back.
     */
    public record Canary(
            List<Integer> steps,
            Duration bake,
            Duration interval,
            int failureLimit,
            int consecutiveErrorLimit,
            int minRequests,
            OnInconclusive onInconclusive,
            Smoke smoke,
            List<AnalysisMetric> analysis,
            Prometheus prometheus,
            SourceLocation location) {
        public Canary {
            steps = List.copyOf(steps);
            analysis = List.copyOf(analysis);
        }

        /** Measurements taken while one step bakes. */
        public int measurementsPerStep() {
            return (int) Math.max(1, Math.round((double) bake.toMillis() / interval.toMillis()));
        }
    }

    /**
     * Smoke traffic driven through the router while the canary bakes: rows of {@code data} (CSV) as
     * prediction requests, {@code rate} per second, the {@code exclude} columns left out.
     */
    public record Smoke(boolean enabled, Path data, double rate, int concurrency, List<String> exclude) {
        public Smoke {
            exclude = List.copyOf(exclude);
        }
    }

    /**
     * One analysis metric. Built-in metrics come from the router's statistics ({@code query} null);
     * others are Prometheus queries. The success condition is {@code min ≤ value ≤ max}; the failure
     * condition is {@code value < failBelow or value > failAbove}. With only one kind of condition,
     * the other is its negation; with both, a value that meets neither is INCONCLUSIVE.
     */
    public record AnalysisMetric(
            String name,
            String query,
            Double min,
            Double max,
            Double failBelow,
            Double failAbove,
            boolean dryRun,
            SourceLocation location) {

        public boolean builtin() {
            return query == null;
        }

        public boolean hasSuccessCondition() {
            return min != null || max != null;
        }

        public boolean hasFailureCondition() {
            return failBelow != null || failAbove != null;
        }
    }

    /** A Prometheus server the analysis queries. */
    public record Prometheus(String url, Duration timeout) {}

    /** The local target: {@code port} of the router (0: any free port). */
    public record Local(int port, SourceLocation location) {}

    /**
     * The docker target: containers on the {@code bridge} network publish the server's port
     * ({@code serve.port}) on 127.0.0.1; on the {@code host} network the server listens on a free
     * port it gets as PORT. {@code port} is the router's, as for the local target.
     */
    public record Docker(String network, int port, SourceLocation location) {}

    /** How the kubernetes target splits traffic. */
    public enum Traffic {
        REPLICAS,
        HTTPROUTE
    }

    /**
     * The kubernetes target: stable and canary Deployments named {@code <name>-stable} and
     * {@code <name>-canary} behind the Service {@code <name>}; traffic split by replica counts, or by
     * the weights of the Gateway API HTTPRoute {@code <name>} attached to {@code gateway}.
     */
    public record Kubernetes(
            String namespace,
            String name,
            int replicas,
            Traffic traffic,
            String gateway,
            String gatewayNamespace,
            Duration readyTimeout,
            String context,
            SourceLocation location) {}

    /**
     * The prediction records the engine's router writes for every prediction it proxies (local and
     * docker targets): JSON lines in {@code dir}, a new file once the current one reaches
     * {@code maxFileBytes} or is {@code rotateEvery} old, at most {@code maxFiles} files kept (the
     * oldest deleted). {@code mlops monitor} reads them by default.
     */
    public record Records(
            boolean enabled, Path dir, long maxFileBytes, Duration rotateEvery, int maxFiles, SourceLocation location) {

        public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
        public static final Duration DEFAULT_ROTATE_EVERY = Duration.ofHours(1);
        public static final int DEFAULT_MAX_FILES = 168;
    }

    /** The mlflow target: serving stacks follow {@code canaryAlias} and the stable alias themselves. */
    public record Mlflow(String canaryAlias) {}
}
