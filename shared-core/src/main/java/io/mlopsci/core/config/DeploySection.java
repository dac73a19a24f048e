package io.mlopsci.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Binds the {@code deploy} section and checks that the plan fits the target. */
final class DeploySection {

    static final List<String> KEYS =
            List.of("target", "alias", "serve", "canary", "local", "docker", "kubernetes", "mlflow", "records");
    static final List<String> RECORDS_KEYS = List.of("enabled", "dir", "max_file_size", "rotate_every", "max_files");
    static final List<String> SERVE_KEYS =
            List.of("command", "health", "predict", "ready_timeout", "request_timeout", "env", "port");
    static final List<String> CANARY_KEYS = List.of(
            "steps",
            "bake",
            "interval",
            "failure_limit",
            "consecutive_error_limit",
            "min_requests",
            "on_inconclusive",
            "smoke",
            "analysis",
            "prometheus");
    static final List<String> SMOKE_KEYS = List.of("enabled", "data", "rate", "concurrency", "exclude");
    static final List<String> METRIC_KEYS = List.of("query", "min", "max", "fail_below", "fail_above", "dry_run");
    static final List<String> PROMETHEUS_KEYS = List.of("url", "timeout");
    static final List<String> LOCAL_KEYS = List.of("port");
    static final List<String> DOCKER_KEYS = List.of("network", "port");
    static final List<String> KUBERNETES_KEYS = List.of(
            "namespace", "name", "replicas", "traffic", "gateway", "gateway_namespace", "ready_timeout", "context");
    static final List<String> MLFLOW_KEYS = List.of("canary_alias");

    /** Metrics the router measures itself. */
    static final List<String> BUILTIN = List.of(
            "error_rate",
            "latency_p50_ms",
            "latency_p90_ms",
            "latency_p95_ms",
            "latency_p99_ms",
            "disagreement",
            "requests");

    private static final Pattern LATENCY = Pattern.compile("latency_p(\\d{1,2}(\\.\\d+)?)_ms");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private DeploySection() {}

    static DeployConfig read(MapView root, SectionContext ctx, GateConfig gate, DataConfig data, String model) {
        if (!root.has("deploy")) {
            return null;
        }
        MapView d = root.map("deploy", KEYS);
        Map<String, DeployConfig.Target> targets = new LinkedHashMap<>();
        for (DeployConfig.Target t : DeployConfig.Target.values()) {
            targets.put(t.yaml(), t);
        }
        DeployConfig.Target target = d.choice("target", targets, DeployConfig.Target.LOCAL);
        String alias = d.string("alias", gate != null ? gate.promote().alias() : "champion");
        if (alias != null && !ALIAS.matcher(alias).matches()) {
            d.problem("alias", "expected a registry alias such as 'champion' (letters, digits, '_' or '-')");
        }
        DeployConfig.Serve serve = serve(d, target);
        DeployConfig.Canary canary = canary(d, ctx, target, data);
        MapView local = d.map("local", LOCAL_KEYS);
        MapView docker = d.map("docker", DOCKER_KEYS);
        MapView kube = d.map("kubernetes", KUBERNETES_KEYS);
        MapView mlflow = d.map("mlflow", MLFLOW_KEYS);
        onlyFor(d, "local", local, target, DeployConfig.Target.LOCAL);
        onlyFor(d, "docker", docker, target, DeployConfig.Target.DOCKER);
        onlyFor(d, "kubernetes", kube, target, DeployConfig.Target.KUBERNETES);
        onlyFor(d, "mlflow", mlflow, target, DeployConfig.Target.MLFLOW);

        Integer routerPort = local.integer("port", 0, 65535);
        String network = docker.choice("network", Map.of("bridge", "bridge", "host", "host"), "bridge");
        Integer dockerPort = docker.integer("port", 0, 65535);

        String name = kube.string("name", dnsName(model));
        if (name != null && (name.length() > 50 || !DNS_LABEL.matcher(name).matches())) {
            kube.problem(
                    "name",
                    "expected a DNS label of at most 50 characters (lower-case letters, digits, '-')," + " got '" + name
                            + "'");
        }
        String namespace = kube.string("namespace", "default");
        if (namespace != null && !DNS_LABEL.matcher(namespace).matches()) {
            kube.problem(
                    "namespace", "expected a DNS label (lower-case letters, digits, '-'), got '" + namespace + "'");
        }
        Integer replicas = kube.integer("replicas", 1, 1000);
        DeployConfig.Traffic traffic = kube.choice(
                "traffic",
                Map.of("replicas", DeployConfig.Traffic.REPLICAS, "httproute", DeployConfig.Traffic.HTTPROUTE),
                DeployConfig.Traffic.REPLICAS);
        String gateway = kube.string("gateway");
        if (traffic == DeployConfig.Traffic.HTTPROUTE && gateway == null && target == DeployConfig.Target.KUBERNETES) {
            kube.problem("traffic", "'traffic: httproute' needs 'gateway': the Gateway the HTTPRoute attaches to");
        }
        Duration kubeReady = positive(kube, "ready_timeout", Duration.ofMinutes(5));
        String canaryAlias = mlflow.string("canary_alias", "canary");
        if (canaryAlias != null && (!ALIAS.matcher(canaryAlias).matches() || canaryAlias.equals(alias))) {
            mlflow.problem("canary_alias", "expected a registry alias other than '" + alias + "'");
        }

        if (target == DeployConfig.Target.KUBERNETES
                && replicas != null
                && replicas < 2
                && traffic == DeployConfig.Traffic.REPLICAS
                && canary.steps().stream().anyMatch(s -> s < 100)) {
            kube.problem(
                    "replicas",
                    "splitting traffic by replicas needs at least 2 replicas (10 gives 10% steps);"
                            + " or use 'traffic: httproute'");
        }
        return new DeployConfig(
                target,
                alias,
                serve,
                canary,
                new DeployConfig.Local(routerPort == null ? 0 : routerPort, local.keyLocation("port")),
                new DeployConfig.Docker(network, dockerPort == null ? 0 : dockerPort, docker.keyLocation("port")),
                new DeployConfig.Kubernetes(
                        namespace,
                        name,
                        replicas == null ? 10 : replicas,
                        traffic,
                        gateway,
                        kube.string("gateway_namespace", namespace),
                        kubeReady,
                        kube.string("context"),
                        kube.location()),
                new DeployConfig.Mlflow(canaryAlias),
                records(d, ctx, target, model),
                d.declaredAt());
    }

    /** Where the router writes its prediction records, and how they rotate. */
    private static DeployConfig.Records records(
            MapView d, SectionContext ctx, DeployConfig.Target target, String model) {
        MapView r = d.map("records", RECORDS_KEYS);
        boolean enabled = r.bool("enabled", target.routed());
        if (r.present() && !target.routed() && r.bool("enabled", false)) {
            r.problem(
                    "enabled",
                    "only the local and docker targets route traffic through the engine's router, which writes the"
                            + " records; with target " + target.yaml() + " the serving stack must log them");
        }
        String dir = r.string("dir");
        Path path = dir != null
                ? ctx.path(dir)
                : io.mlopsci.contract.Layout.state(ctx.workdir(), "records").resolve(model == null ? "model" : model);
        Long size = r.bytes("max_file_size", DeployConfig.Records.DEFAULT_MAX_FILE_BYTES);
        if (size != null && size < 1024) {
            r.problem("max_file_size", "expected at least 1KB");
            size = DeployConfig.Records.DEFAULT_MAX_FILE_BYTES;
        }
        Duration every = positive(r, "rotate_every", DeployConfig.Records.DEFAULT_ROTATE_EVERY);
        Integer maxFiles = r.integer("max_files", 1, 100_000);
        return new DeployConfig.Records(
                enabled,
                path,
                size,
                every,
                maxFiles == null ? DeployConfig.Records.DEFAULT_MAX_FILES : maxFiles,
                r.declaredAt());
    }

    private static DeployConfig.Serve serve(MapView d, DeployConfig.Target target) {
        MapView s = d.map("serve", SERVE_KEYS);
        List<String> command = s.stringList("command");
        if (target == DeployConfig.Target.LOCAL && command.isEmpty()) {
            if (s.has("command")) {
                s.problem("command", "expected at least one element: the program to run");
            } else {
                d.problems()
                        .add(
                                s.present() ? s.location() : d.location(),
                                s.path() + ".command",
                                "the local target starts a model server per version: set 'serve.command', e.g."
                                        + " [java, src/Serve.java] (it gets PORT and MLOPS_MODEL_DIR)");
            }
        }
        if (target == DeployConfig.Target.MLFLOW && s.present()) {
            d.problem(
                    "serve",
                    "'serve' does not apply to the mlflow target: the serving stack that follows the"
                            + " aliases runs the servers");
        }
        String health = path(s, "health", "/health");
        String predict = path(s, "predict", "/predict");
        Integer port = s.integer("port", 1, 65535);
        return new DeployConfig.Serve(
                command,
                health,
                predict,
                positive(s, "ready_timeout", Duration.ofSeconds(60)),
                positive(s, "request_timeout", Duration.ofSeconds(10)),
                s.stringMap("env"),
                port == null ? 8080 : port,
                s.location());
    }

    private static DeployConfig.Canary canary(
            MapView d, SectionContext ctx, DeployConfig.Target target, DataConfig data) {
        MapView c = d.map("canary", CANARY_KEYS);
        List<Integer> steps = new ArrayList<>();
        if (c.has("steps")) {
            List<Double> raw = c.numberList("steps");
            double previous = 0;
            for (double s : raw) {
                if (s <= previous || s > 100 || s != Math.rint(s)) {
                    c.problem(
                            "steps",
                            "expected increasing whole traffic percentages between 1 and 100, e.g. [10, 50, 100]");
                    steps.clear();
                    break;
                }
                steps.add((int) s);
                previous = s;
            }
            if (raw.isEmpty() && c.raw("steps").kind() == YNode.Kind.LIST) {
                c.problem("steps", "expected at least one step, e.g. [10, 50, 100]");
            }
        }
        if (steps.isEmpty()) {
            steps = List.of(10, 50, 100);
        }
        Duration bake = positive(c, "bake", Duration.ofMinutes(1));
        Duration interval = positive(c, "interval", bake);
        if (interval.compareTo(bake) > 0) {
            c.problem(
                    "interval",
                    "the measurement interval (" + interval + ") is longer than the bake time (" + bake
                            + "): no measurement would be taken");
            interval = bake;
        }
        Integer failureLimit = c.integer("failure_limit", -1, 1000);
        Integer errorLimit = c.integer("consecutive_error_limit", 0, 1000);
        Integer minRequests = c.integer("min_requests", 0, 1_000_000);
        DeployConfig.OnInconclusive onInconclusive = c.choice(
                "on_inconclusive",
                Map.of(
                        "rollback",
                        DeployConfig.OnInconclusive.ROLLBACK,
                        "continue",
                        DeployConfig.OnInconclusive.CONTINUE),
                DeployConfig.OnInconclusive.ROLLBACK);

        MapView p = c.map("prometheus", PROMETHEUS_KEYS);
        DeployConfig.Prometheus prometheus = null;
        if (p.present()) {
            String url = p.requiredString("url", "the Prometheus server, e.g. http://prometheus:9090");
            if (url != null && !url.matches("https?://\\S+")) {
                p.problem("url", "expected an http(s) URL, e.g. http://prometheus:9090, got '" + url + "'");
            }
            prometheus = new DeployConfig.Prometheus(
                    url == null ? null : url.replaceAll("/+$", ""), positive(p, "timeout", Duration.ofSeconds(10)));
        }
        List<DeployConfig.AnalysisMetric> analysis = new ArrayList<>();
        for (Map.Entry<String, MapView> e : c.namedMaps("analysis", METRIC_KEYS).entrySet()) {
            analysis.add(metric(e.getKey(), e.getValue(), target, prometheus, c));
        }
        return new DeployConfig.Canary(
                steps,
                bake,
                interval,
                failureLimit == null ? 0 : failureLimit,
                errorLimit == null ? 4 : errorLimit,
                minRequests == null ? 10 : minRequests,
                onInconclusive,
                smoke(c, ctx, target, data),
                analysis,
                prometheus,
                c.location());
    }

    private static DeployConfig.AnalysisMetric metric(
            String name, MapView m, DeployConfig.Target target, DeployConfig.Prometheus prometheus, MapView canary) {
        String query = m.string("query");
        if (query == null && m.present()) {
            if (!BUILTIN.contains(name) && !LATENCY.matcher(name).matches()) {
                m.problems()
                        .add(
                                m.declaredAt(),
                                m.path(),
                                "'" + name + "' is not a metric the router measures"
                                        + Suggestions.closest(name, BUILTIN)
                                                .map(s -> " (did you mean '" + s + "'?)")
                                                .orElse("")
                                        + "; built-in metrics are " + String.join(", ", BUILTIN)
                                        + " (any latency_pNN_ms); for anything else give a Prometheus 'query'");
            } else if (!target.routed()) {
                m.problems()
                        .add(
                                m.declaredAt(),
                                m.path(),
                                "'" + name + "' comes from the engine's router, which the " + target.yaml()
                                        + " target does not use: give a Prometheus 'query' instead");
            }
        }
        if (query != null && query.isBlank()) {
            m.problem("query", "expected a PromQL expression");
        }
        if (query != null && prometheus == null) {
            m.problems()
                    .add(
                            m.location("query"),
                            m.path() + ".query",
                            "a Prometheus query needs 'deploy.canary.prometheus.url'");
        }
        Double min = m.number("min");
        Double max = m.number("max");
        Double failBelow = m.number("fail_below");
        Double failAbove = m.number("fail_above");
        if (min != null && max != null && min > max) {
            m.problem(
                    "min",
                    "min (" + MapView.fmt(min) + ") is greater than max (" + MapView.fmt(max) + "): no value can pass");
        }
        if (failBelow != null && min != null && failBelow > min) {
            m.problem("fail_below", "fail_below must not be above min: a value cannot both pass and fail");
        }
        if (failAbove != null && max != null && failAbove < max) {
            m.problem("fail_above", "fail_above must not be below max: a value cannot both pass and fail");
        }
        if (min == null && max == null && failBelow == null && failAbove == null && m.present()) {
            m.problems()
                    .add(
                            m.declaredAt(),
                            m.path(),
                            "no condition for '" + name
                                    + "': set max/min (success) and/or fail_above/fail_below (failure)");
        }
        return new DeployConfig.AnalysisMetric(
                name, query, min, max, failBelow, failAbove, m.bool("dry_run", false), m.declaredAt());
    }

    private static DeployConfig.Smoke smoke(
            MapView c, SectionContext ctx, DeployConfig.Target target, DataConfig data) {
        MapView s = c.map("smoke", SMOKE_KEYS);
        boolean enabled = s.bool("enabled", target.routed());
        if (enabled && !target.routed() && s.present()) {
            s.problem(
                    "enabled",
                    "smoke traffic goes through the engine's router, which the kubernetes and mlflow"
                            + " targets do not use");
            enabled = false;
        }
        Path file = s.has("data") ? ctx.path(s.string("data")) : data == null ? null : data.eval();
        if (enabled && file == null) {
            c.problems()
                    .add(
                            s.present() ? s.location() : c.location(),
                            s.path() + ".data",
                            "smoke traffic needs rows to send: set 'data.eval' or 'deploy.canary.smoke.data' (a CSV file)");
        }
        Double rate = s.number("rate", 0.1, 10_000);
        Integer concurrency = s.integer("concurrency", 1, 64);
        List<String> exclude = s.has("exclude")
                ? s.stringList("exclude")
                : List.of(data != null && data.label() != null ? data.label() : "label");
        return new DeployConfig.Smoke(
                enabled, file, rate == null ? 20 : rate, concurrency == null ? 2 : concurrency, exclude);
    }

    private static void onlyFor(
            MapView d, String key, MapView section, DeployConfig.Target target, DeployConfig.Target owner) {
        if (section.present() && target != owner) {
            d.problem(
                    key,
                    "the '" + key + "' settings apply only with 'target: " + owner.yaml() + "' (target is '"
                            + target.yaml() + "')");
        }
    }

    private static String path(MapView m, String key, String dflt) {
        String p = m.string(key, dflt);
        if (p != null && !p.startsWith("/")) {
            m.problem(key, "expected an HTTP path starting with '/', e.g. " + dflt);
            return dflt;
        }
        return p;
    }

    private static Duration positive(MapView m, String key, Duration dflt) {
        Duration d = m.duration(key, dflt);
        if (d.isZero() || d.isNegative()) {
            m.problem(key, "expected a positive duration");
            return dflt;
        }
        return d;
    }

    /** The model name as a Kubernetes name: lower case, other characters as '-'. */
    static String dnsName(String model) {
        if (model == null) {
            return "model";
        }
        String s = model.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-")
                .replaceAll("^-+|-+$", "");
        if (s.length() > 50) {
            s = s.substring(0, 50).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "model" : s;
    }
}
