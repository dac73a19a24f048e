package io.mlopsci.core.config;

import io.mlopsci.contract.result.SourceLocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${...}} variables in mlops.yaml, substituted by the engine (never by a shell):
 * <ul>
 *   <li>{@code ${env.NAME}} and {@code ${env.NAME:-default}}: the environment</li>
 *   <li>{@code ${git.sha}}, {@code ${git.short_sha}}, {@code ${git.branch}}</li>
 *   <li>{@code ${model.name}}, {@code ${workdir}}, {@code ${out}}</li>
 *   <li>{@code ${data.train}}, {@code ${data.eval}}, {@code ${data.reference}}, {@code ${train.output}}:
 *       absolute paths from the configuration itself</li>
 *   <li>late variables, resolved by the step that knows them: {@code ${model.version}},
 *       {@code ${run.id}}, and in {@code gate.evaluate} {@code ${baseline.model_dir}},
 *       {@code ${baseline.predictions}}, {@code ${baseline.metrics}}, {@code ${baseline.version}},
 *       {@code ${baseline.run_id}}</li>
 * </ul>
 * {@code $${} writes a literal {@code ${}.
 */
public final class Variables {

    /** Variables whose values only exist once a later step has run. */
    public static final Set<String> LATE = Set.of(
            "model.version",
            "run.id",
            "baseline.model_dir",
            "baseline.predictions",
            "baseline.metrics",
            "baseline.version",
            "baseline.run_id");

    private static final Pattern REF = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final Map<String, String> values;
    private final Function<String, String> derived;
    private final Map<String, String> env;

    /**
     * @param values  fixed values (git, model name, workdir, out)
     * @param env     the environment
     * @param derived resolves names taken from the configuration itself (data.*, train.output), or
     *                null when unknown
     */
    public Variables(Map<String, String> values, Map<String, String> env, Function<String, String> derived) {
        this.values = new LinkedHashMap<>(values);
        this.env = env;
        this.derived = derived;
    }

    /**
     * Substitutes variables in {@code text}, leaving late variables in place. Unknown names and
     * unset environment variables are reported at {@code location}.
     */
    public String substitute(String text, SourceLocation location, String path, Problems problems) {
        return substitute(text, location, path, problems, Map.of(), true);
    }

    /** Substitutes every variable, late ones from {@code late}; an unresolved name is a problem. */
    public String resolveLate(
            String text, Map<String, String> late, SourceLocation location, String path, Problems problems) {
        return substitute(text, location, path, problems, late, false);
    }

    private String substitute(
            String text,
            SourceLocation location,
            String path,
            Problems problems,
            Map<String, String> late,
            boolean keepLate) {
        if (text == null || text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (m.group(0).equals("$${")) {
                m.appendReplacement(out, Matcher.quoteReplacement("${"));
                continue;
            }
            String expr = m.group(1).trim();
            String name = expr;
            String fallback = null;
            int dflt = expr.indexOf(":-");
            if (dflt >= 0) {
                name = expr.substring(0, dflt).trim();
                fallback = expr.substring(dflt + 2);
            }
            String value = null;
            if (!NAME.matcher(name).matches()) {
                problems.add(
                        location,
                        path,
                        "invalid variable '${" + expr + "}': expected a name such as ${env.HOME} or ${git.sha}");
            } else if (name.startsWith("env.")) {
                value = env.get(name.substring(4));
                if (value == null) {
                    value = fallback;
                }
                if (value == null) {
                    problems.add(
                            location,
                            path,
                            "environment variable " + name.substring(4) + " is not set (write ${" + name
                                    + ":-default} to give a default)");
                }
            } else if (LATE.contains(name)) {
                value = late.get(name);
                if (value == null) {
                    if (keepLate) {
                        m.appendReplacement(out, Matcher.quoteReplacement(m.group(0)));
                        continue;
                    }
                    problems.add(location, path, "${" + name + "} is not known at this point");
                }
            } else if (values.containsKey(name)) {
                value = values.get(name);
                if (value == null) {
                    value = fallback;
                }
                if (value == null) {
                    problems.add(location, path, "${" + name + "} has no value here (e.g. not in a git repository)");
                }
            } else {
                value = derived == null ? null : derived.apply(name);
                if (value == null) {
                    java.util.List<String> known = new java.util.ArrayList<>(values.keySet());
                    known.addAll(java.util.List.of("data.train", "data.eval", "data.reference", "train.output"));
                    known.addAll(LATE);
                    String hint = Suggestions.closest(name, known)
                            .map(s -> "; did you mean ${" + s + "}?")
                            .orElse("; known variables: env.NAME, " + String.join(", ", known));
                    problems.add(location, path, "unknown variable ${" + name + "}" + hint);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
