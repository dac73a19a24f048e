package io.mlopsci.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Binds the {@code train} section. */
final class TrainSection {

    static final List<String> KEYS = List.of(
            "runner",
            "command",
            "shell",
            "working_dir",
            "timeout",
            "env",
            "params",
            "output",
            "metrics",
            "predictions",
            "cache",
            "docker");
    static final List<String> PREDICTION_KEYS =
            List.of("path", "format", "id", "label", "prediction", "score", "score_prefix", "query", "input", "filter");
    static final List<String> CACHE_KEYS = List.of("enabled", "inputs", "env");
    static final List<String> DOCKER_KEYS = List.of("image", "cpus", "memory", "user", "network", "pull");

    private TrainSection() {}

    static TrainConfig read(MapView root, SectionContext ctx) {
        if (!root.has("train")) {
            return null;
        }
        MapView t = root.map("train", KEYS);
        TrainConfig.Runner runner = t.choice(
                "runner",
                Map.of("local", TrainConfig.Runner.LOCAL, "docker", TrainConfig.Runner.DOCKER),
                TrainConfig.Runner.LOCAL);
        boolean shell = t.bool("shell", false);
        List<String> command = command(t, shell);

        Path workingDir = t.has("working_dir") ? ctx.path(t.string("working_dir")) : ctx.workdir();
        Duration timeout = t.duration("timeout", Duration.ofHours(1));
        if (timeout.isZero() || timeout.isNegative()) {
            t.problem("timeout", "expected a positive duration");
        }
        Path output = t.has("output")
                ? ctx.path(t.string("output"))
                : ctx.outDir().resolve("train").resolve("output");
        Path metrics = t.has("metrics") ? ctx.path(t.string("metrics")) : output.resolve("metrics.json");

        return new TrainConfig(
                runner,
                command,
                shell,
                workingDir,
                timeout,
                envNames(t, ctx.problems()),
                t.stringMap("params"),
                output,
                metrics,
                predictions(t, ctx),
                cache(t),
                docker(t, runner),
                t.location());
    }

    /** {@code train.env}; a name the operating system cannot take is a problem at its key. */
    private static Map<String, String> envNames(MapView t, Problems problems) {
        Map<String, String> env = t.stringMap("env");
        YNode node = t.raw("env");
        for (String name : env.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add(
                        node.keyLocation(name),
                        "train.env",
                        "'" + name + "' is not an environment variable name; expected letters, digits and '_',"
                                + " not starting with a digit");
            }
        }
        return env;
    }

    private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static List<String> command(MapView t, boolean shell) {
        YNode c = t.raw("command");
        if (c == null) {
            if (shell) {
                t.problem("shell", "'shell: true' needs a 'command' to run");
            }
            return List.of();
        }
        if (c.kind() == YNode.Kind.SCALAR) {
            if (!shell) {
                t.problem(
                        "command",
                        "a command written as one string runs through a shell only when 'shell: true' is set;"
                                + " write it as a list, e.g. [python, train.py], to run it directly");
                return List.of();
            }
            return List.of(c.text());
        }
        List<String> argv = t.stringList("command");
        if (shell) {
            t.problem("command", "with 'shell: true', write the command as one string (the script /bin/sh -c runs)");
            return List.of();
        }
        if (argv.isEmpty() && c.kind() == YNode.Kind.LIST) {
            t.problem("command", "expected at least one element: the program to run");
        }
        return argv;
    }

    private static TrainConfig.PredictionsConfig predictions(MapView t, SectionContext ctx) {
        YNode p = t.raw("predictions");
        if (p == null) {
            return null;
        }
        if (p.kind() == YNode.Kind.SCALAR) {
            return TrainConfig.PredictionsConfig.of(ctx.path(p.text()), p.location());
        }
        MapView m = t.map("predictions", PREDICTION_KEYS);
        m.require("path", "the file of per-example predictions (CSV, or JSON lines)");
        TrainConfig.Format format = m.choice(
                "format",
                Map.of(
                        "auto",
                        TrainConfig.Format.AUTO,
                        "csv",
                        TrainConfig.Format.CSV,
                        "jsonl",
                        TrainConfig.Format.JSONL),
                TrainConfig.Format.AUTO);
        Map<String, String> filter = m.stringMap("filter");
        if (!filter.isEmpty() && format == TrainConfig.Format.CSV) {
            m.problem("filter", "'filter' selects lines of a JSON lines file; a CSV file's rows are all examples");
        }
        String query = m.string("query");
        String input = m.string("input");
        for (String key : List.of("id", "label", "prediction", "score", "query", "input")) {
            String v = m.string(key);
            if (v != null && (v.isBlank() || v.startsWith(".") || v.endsWith(".") || v.contains(".."))) {
                m.problem(key, "expected a column name or a dotted path such as scores.judge, got '" + v + "'");
            }
        }
        return new TrainConfig.PredictionsConfig(
                m.has("path") ? ctx.path(m.string("path")) : null,
                format,
                m.string("id", "id"),
                m.string("label", "label"),
                m.string("prediction", "prediction"),
                m.string("score", "score"),
                m.string("score_prefix", "score_"),
                query,
                input,
                filter,
                List.of(),
                m.location());
    }

    private static TrainConfig.CacheConfig cache(MapView t) {
        YNode c = t.raw("cache");
        if (c != null && c.kind() == YNode.Kind.SCALAR) {
            return new TrainConfig.CacheConfig(t.bool("cache", true), List.of(), List.of());
        }
        MapView m = t.map("cache", CACHE_KEYS);
        return new TrainConfig.CacheConfig(m.bool("enabled", true), m.stringList("inputs"), m.stringList("env"));
    }

    private static TrainConfig.DockerConfig docker(MapView t, TrainConfig.Runner runner) {
        MapView d = t.map("docker", DOCKER_KEYS);
        if (runner == TrainConfig.Runner.DOCKER) {
            if (!d.present()) {
                t.problem("runner", "'runner: docker' needs a 'docker' section with at least 'image'");
                return null;
            }
            d.require("image", "the image the command runs in; it must exist locally unless 'pull: true'");
        } else if (d.present()) {
            t.problem("docker", "the 'docker' settings apply only with 'runner: docker'");
        }
        if (!d.present()) {
            return null;
        }
        Double cpus = d.number("cpus");
        if (cpus != null && cpus <= 0) {
            d.problem("cpus", "expected a positive number of CPUs, e.g. 1.5");
            cpus = null;
        }
        Long memory = null;
        if (d.has("memory")) {
            memory = parseBytes(d.string("memory"));
            if (memory == null || memory < 6 * 1024 * 1024) {
                d.problem("memory", "expected a size of at least 6m, such as 512m or 2g");
                memory = null;
            }
        }
        return new TrainConfig.DockerConfig(
                d.string("image"),
                cpus,
                memory,
                d.string("user"),
                d.string("network"),
                d.bool("pull", false),
                d.location());
    }

    /** Parses sizes such as {@code 512m}, {@code 2g}, {@code 1.5G}, {@code 1048576}. */
    static Long parseBytes(String text) {
        if (text == null) {
            return null;
        }
        String t =
                text.trim().toLowerCase(java.util.Locale.ROOT).replace("ib", "").replace("b", "");
        if (t.isEmpty()) {
            return null;
        }
        long unit = switch (t.charAt(t.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            case 't' -> 1024L * 1024 * 1024 * 1024;
            default -> 1L;
        };
        String number = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Math.round(Double.parseDouble(number) * unit);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
