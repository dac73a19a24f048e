package io.mlopsci.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths the configuration itself defines and other values refer to as variables:
 * {@code ${data.train}}, {@code ${data.eval}}, {@code ${data.reference}} and {@code ${train.output}}.
 * Each may use the environment, git and the other paths, but not itself, directly or through
 * another: such a cycle is a problem at the value that closes it, never a path made up of what
 * could be resolved (train.output: "${train.output}/o" once became /o/o at the file-system root).
 */
final class DerivedPaths {

    static final List<String> NAMES = List.of("data.train", "data.eval", "data.reference", "train.output");

    private final YNode root;
    private final Map<String, String> values;
    private final Map<String, String> env;
    private final Path workdir;
    private final Path defaultOutput;
    private final Problems problems;
    private final Map<String, String> resolved = new HashMap<>();
    private final List<String> resolving = new ArrayList<>();

    DerivedPaths(
            YNode root,
            Map<String, String> values,
            Map<String, String> env,
            Path workdir,
            Path defaultOutput,
            Problems problems) {
        this.root = root;
        this.values = values;
        this.env = env;
        this.workdir = workdir;
        this.defaultOutput = defaultOutput;
        this.problems = problems;
    }

    /** Every path by name; null where the configuration does not define one. */
    Map<String, String> all() {
        Map<String, String> out = new HashMap<>();
        for (String name : NAMES) {
            out.put(name, resolve(name));
        }
        return out;
    }

    private String resolve(String name) {
        if (!NAMES.contains(name)) {
            return null;
        }
        if (resolved.containsKey(name)) {
            return resolved.get(name);
        }
        int cycle = resolving.indexOf(name);
        if (cycle >= 0) {
            String closing = resolving.get(resolving.size() - 1);
            YNode at = node(closing);
            List<String> chain = new ArrayList<>(resolving.subList(cycle, resolving.size()));
            chain.add(name);
            problems.add(
                    at.location(),
                    closing,
                    chain.size() == 2
                            ? "${" + name + "} refers to itself; write the path out"
                            : "${" + name + "} refers back to " + closing + " in a cycle: " + String.join(" → ", chain)
                                    + "; write one of the paths out");
            return null;
        }
        YNode v = node(name);
        String path;
        if (v == null) {
            path = name.equals("train.output") ? defaultOutput.toString() : null;
        } else {
            resolving.add(name);
            // Problems in the value itself are reported when the whole tree is substituted.
            String text =
                    new Variables(values, env, this::resolve).substitute(v.text(), v.location(), name, new Problems());
            resolving.remove(resolving.size() - 1);
            // A URI (data.engine: spark) is read by the cluster as written.
            path = DataSources.isUri(text)
                    ? text
                    : workdir.resolve(text).toAbsolutePath().normalize().toString();
        }
        resolved.put(name, path);
        return path;
    }

    /** The string value at {@code section.key}, or null. */
    private YNode node(String name) {
        int dot = name.indexOf('.');
        YNode s = root.get(name.substring(0, dot));
        if (s == null || s.kind() != YNode.Kind.MAP) {
            return null;
        }
        YNode v = s.get(name.substring(dot + 1));
        if (v != null && v.kind() == YNode.Kind.MAP && name.startsWith("data.")) {
            v = v.get("path"); // a data source written as {path: ..., where: ...}
        }
        return v == null || v.kind() != YNode.Kind.SCALAR || v.isNull() ? null : v;
    }
}
