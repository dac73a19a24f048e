package io.mlopsci.core.config;

import io.mlopsci.contract.Layout;
import io.mlopsci.contract.result.CiInfo;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.core.ci.CiEnvironment;
import io.mlopsci.core.console.SecretMask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads mlops.yaml: parses it with positions, applies {@code --set} overrides, substitutes
 * variables, binds every section and reports all problems at once with file:line:column.
 */
public final class ConfigLoader {

    static final List<String> TOP_KEYS =
            List.of("version", "model", "tracking", "data", "train", "gate", "package", "deploy", "monitor");

    /**
     * @param workdir   directory relative paths start from; null for the config file's directory
     * @param outDir    output directory; null for {@code <workdir>/.mlops/out}
     * @param env       environment for {@code ${env.*}} and CI detection
     * @param overrides {@code path=value} pairs, e.g. {@code gate.metrics.f1.min=0.8}
     */
    public record Options(Path workdir, Path outDir, Map<String, String> env, List<String> overrides) {
        public Options {
            env = Map.copyOf(env);
            overrides = List.copyOf(overrides);
        }

        public static Options defaults() {
            return new Options(null, null, System.getenv(), List.of());
        }
    }

    private ConfigLoader() {}

    public static MlopsConfig load(Path file, Options options) {
        Path abs = file.toAbsolutePath().normalize();
        String display = displayName(file);
        if (Files.isDirectory(abs)) {
            throw new ConfigException(List.of(new ConfigProblem(
                    new SourceLocation(display, null, null), null, "is a directory; expected the mlops.yaml file")));
        }
        YNode root = YamlParser.parse(abs, display);
        Problems problems = new Problems();
        if (root.kind() != YNode.Kind.MAP) {
            problems.add(
                    root.location(),
                    null,
                    "expected a mapping at the top level (model:, train:, gate:, ...), got " + root.describe());
            problems.throwIfAny();
        }
        root = Overrides.apply(root, options.overrides(), problems);

        Path workdir = (options.workdir() != null ? options.workdir() : abs.getParent())
                .toAbsolutePath()
                .normalize();
        Path outDir = (options.outDir() != null ? options.outDir() : Layout.defaultOut(workdir))
                .toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(workdir)) {
            problems.add(
                    new SourceLocation("--workdir " + workdir, null, null),
                    null,
                    "no such directory (the directory relative paths start from)");
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            problems.add(
                    new SourceLocation("--out " + outDir, null, null),
                    null,
                    "is a file; --out names the directory results are written to");
        }
        SectionContext ctx = new SectionContext(workdir, outDir, problems);

        Variables variables = variables(root, workdir, outDir, options.env(), problems);
        root = substitute(root, "", variables, problems);
        refuseSecretParams(root, SecretMask.fromEnv(options.env()), problems);

        MapView top = MapView.of(root, "", problems, TOP_KEYS, root.location());
        Integer version = top.integer("version", 1, 1);
        if (version == null && top.has("version")) {
            top.problem("version", "this engine reads configuration version 1");
        }
        String model = top.requiredString("model", "the registered model's name, e.g. fraud-classifier");
        if (model != null && !model.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            top.problem(
                    "model", "expected a name of letters, digits, '.', '_' or '-' (at most 128), got '" + model + "'");
        }
        TrackingConfig tracking = TrackingSection.read(top, ctx, options.env());
        DataConfig data = DataSection.read(top, ctx);
        TrainConfig train = TrainSection.read(top, ctx);
        GateConfig gate = GateSection.read(top, train);
        if (train != null && train.predictions() != null) {
            // The reader checks every field the gate reads in every row, naming file, line and field.
            train = train.withPredictions(
                    train.predictions().withFields(GateSection.fields(gate, train.predictions())));
        }
        PackageConfig packaging = PackageSection.read(top, ctx);
        DeployConfig deploy = DeploySection.read(top, ctx, gate, data, model);
        MonitorConfig monitor = MonitorSection.read(top, ctx, model, data, gate, deploy, tracking);
        CrossFieldRules.check(root, ctx, data, gate, packaging);
        if (train == null && gate == null && data == null && packaging == null && deploy == null && monitor == null) {
            problems.add(
                    root.location(),
                    null,
                    "nothing to do: configure at least one of data, train, gate, package, deploy, monitor");
        }
        problems.throwIfAny();
        return new MlopsConfig(
                abs, display, workdir, outDir, model, tracking, data, train, gate, packaging, deploy, monitor, root,
                variables);
    }

    /** Validates a file without running anything; returns the problems found (empty when valid). */
    public static List<ConfigProblem> validate(Path file, Options options) {
        try {
            load(file, options);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    private static String displayName(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : file.toString();
    }

    private static Variables variables(
            YNode root, Path workdir, Path outDir, Map<String, String> env, Problems problems) {
        CiInfo ci = CiEnvironment.detect(env, workdir, List.of());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("git.sha", ci.sha());
        values.put(
                "git.short_sha",
                ci.sha() == null
                        ? null
                        : ci.sha().substring(0, Math.min(12, ci.sha().length())));
        values.put("git.branch", ci.branch());
        YNode model = root.get("model");
        values.put("model.name", model != null && model.kind() == YNode.Kind.SCALAR ? model.text() : null);
        values.put("workdir", workdir.toString());
        values.put("out", outDir.toString());
        Map<String, String> derived = new DerivedPaths(
                        root, values, env, workdir, outDir.resolve("train").resolve("output"), problems)
                .all();
        return new Variables(values, env, derived::get);
    }

    /**
     * A param is recorded in clear (registry, result.json, reports, MLOPS_PARAMS_JSON): a param
     * whose value holds a secret from the environment is refused, naming the param.
     */
    private static void refuseSecretParams(YNode root, SecretMask secrets, Problems problems) {
        YNode train = root.get("train");
        YNode params = train == null || train.kind() != YNode.Kind.MAP ? null : train.get("params");
        if (params == null || params.kind() != YNode.Kind.MAP) {
            return;
        }
        params.entries().forEach((name, value) -> {
            if (value.kind() == YNode.Kind.SCALAR) {
                secrets.secretIn(value.text())
                        .ifPresent(variable -> problems.add(
                                value.location(),
                                "train.params." + name,
                                "the value is a secret (it holds the value of " + variable + "); params are"
                                        + " recorded in clear in the registry, result.json and the reports, so"
                                        + " pass secrets to the command through train.env instead"));
            }
        });
    }

    private static YNode substitute(YNode node, String path, Variables variables, Problems problems) {
        return switch (node.kind()) {
            case SCALAR ->
                node.scalarType() == YNode.ScalarType.STRING
                        ? node.withText(variables.substitute(node.text(), node.location(), path, problems))
                        : node;
            case LIST -> {
                List<YNode> items = new ArrayList<>();
                for (int i = 0; i < node.items().size(); i++) {
                    items.add(substitute(node.items().get(i), path + "[" + i + "]", variables, problems));
                }
                yield node.withItems(items);
            }
            case MAP -> {
                Map<String, YNode> entries = new LinkedHashMap<>();
                for (Map.Entry<String, YNode> e : node.entries().entrySet()) {
                    String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                    entries.put(e.getKey(), substitute(e.getValue(), child, variables, problems));
                }
                yield node.withEntries(entries);
            }
        };
    }

    /** {@code --set path=value} overrides, applied to the tree before binding. */
    static final class Overrides {
        private Overrides() {}

        static YNode apply(YNode root, List<String> overrides, Problems problems) {
            Set<String> seen = new HashSet<>();
            for (String o : overrides) {
                int eq = o.indexOf('=');
                SourceLocation at = new SourceLocation("--set " + o, null, null);
                if (eq <= 0) {
                    problems.add(at, null, "expected --set path=value, e.g. --set gate.metrics.f1.min=0.8");
                    continue;
                }
                String path = o.substring(0, eq).trim();
                String[] parts = path.split("\\.", -1);
                if (java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
                    problems.add(
                            at,
                            null,
                            "the path '" + path + "' has an empty name between dots; expected --set path=value,"
                                    + " e.g. --set gate.metrics.f1.min=0.8");
                    continue;
                }
                if (!seen.add(path)) {
                    problems.add(at, path, "set twice");
                }
                YNode value;
                try {
                    value = YamlParser.parse(o.substring(eq + 1), "--set " + path);
                } catch (ConfigException e) {
                    value = YNode.scalar(YNode.ScalarType.STRING, o.substring(eq + 1), at);
                }
                value = relocate(value, at);
                root = put(root, parts, 0, value, at, problems);
            }
            return root;
        }

        private static YNode put(YNode map, String[] parts, int i, YNode value, SourceLocation at, Problems problems) {
            String key = parts[i];
            if (i == parts.length - 1) {
                return map.withEntry(key, value);
            }
            YNode child = map.get(key);
            if (child == null || child.isNull()) {
                child = YNode.map(Map.of(), Map.of(), at);
            } else if (child.kind() != YNode.Kind.MAP) {
                problems.add(
                        at,
                        String.join(".", java.util.Arrays.copyOf(parts, i + 1)),
                        "cannot set a field inside " + child.describe());
                return map;
            }
            return map.withEntry(key, put(child, parts, i + 1, value, at, problems));
        }

        private static YNode relocate(YNode v, SourceLocation at) {
            return switch (v.kind()) {
                case SCALAR -> YNode.scalar(v.scalarType(), v.text(), at);
                case LIST ->
                    YNode.list(v.items().stream().map(x -> relocate(x, at)).toList(), at);
                case MAP -> {
                    Map<String, YNode> m = new LinkedHashMap<>();
                    Map<String, SourceLocation> k = new LinkedHashMap<>();
                    v.entries().forEach((key, val) -> {
                        m.put(key, relocate(val, at));
                        k.put(key, at);
                    });
                    yield YNode.map(m, k, at);
                }
            };
        }
    }
}
