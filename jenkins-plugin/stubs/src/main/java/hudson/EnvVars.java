// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/EnvVars.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expansion follows {@code Util.replaceMacro}: {@code $VAR}, {@code ${VAR}}, {@code $$} for a dollar; unknown stay. */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 4320331661987259022L;
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[A-Za-z0-9_.]+\\}|\\$)");

    public EnvVars() {}

    public EnvVars(@NonNull Map<String, String> m) {
        putAll(m);
    }

    public EnvVars(@NonNull EnvVars m) {
        putAll(m);
    }

    public EnvVars(String... keyValuePairs) {
        for (int i = 0; i + 1 < keyValuePairs.length; i += 2) {
            put(keyValuePairs[i], keyValuePairs[i + 1]);
        }
    }

    public String expand(String s) {
        if (s == null) {
            return null;
        }
        int idx = 0;
        while (true) {
            Matcher m = VARIABLE.matcher(s);
            if (!m.find(idx)) {
                return s;
            }
            String key = m.group().substring(1);
            String value;
            if (key.charAt(0) == '$') {
                value = "$";
            } else {
                if (key.charAt(0) == '{') {
                    key = key.substring(1, key.length() - 1);
                }
                value = get(key);
            }
            if (value == null) {
                idx = m.end();
            } else {
                s = s.substring(0, m.start()) + value + s.substring(m.end());
                idx = m.start() + value.length();
            }
        }
    }

    public String get(String key, String defaultValue) {
        String v = get(key);
        return v == null ? defaultValue : v;
    }

    /** As the real one: an empty value removes, {@code KEY+SUFFIX} prepends to {@code KEY} with the path separator. */
    public void override(String key, String value) {
        if (value == null || value.isEmpty()) {
            remove(key);
            return;
        }
        int idx = key.indexOf('+');
        if (idx > 0) {
            String realKey = key.substring(0, idx);
            String v = get(realKey);
            put(realKey, v == null ? value : value + java.io.File.pathSeparatorChar + v);
            return;
        }
        put(key, value);
    }

    public EnvVars overrideAll(Map<String, String> all) {
        all.forEach(this::override);
        return this;
    }

    /**
     * As the real one: every value is {@linkplain #expand expanded} against the variables so far
     * ({@code $VAR}, {@code ${VAR}}, {@code $$} for a dollar) before it overrides, the overrides
     * ordered so that one referring to another comes after it (the real OverrideOrderCalculator).
     * This is what {@code Launcher.ProcStarter.envs(Map)} values go through in Jenkins.
     */
    public EnvVars overrideExpandingAll(@NonNull Map<String, String> all) {
        for (String key : orderedForExpansion(all)) {
            override(key, expand(all.get(key)));
        }
        return this;
    }

    private static java.util.List<String> orderedForExpansion(Map<String, String> all) {
        java.util.List<String> ordered = new java.util.ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        java.util.Set<String> visiting = new java.util.HashSet<>();
        for (String key : new java.util.TreeSet<>(all.keySet())) {
            visit(key, all, done, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(
            String key,
            Map<String, String> all,
            java.util.Set<String> done,
            java.util.Set<String> visiting,
            java.util.List<String> ordered) {
        if (done.contains(key) || !visiting.add(key)) {
            return; // a cycle: the real calculator also gives up ordering it
        }
        String value = all.get(key);
        if (value != null) {
            Matcher m = VARIABLE.matcher(value);
            while (m.find()) {
                String ref = m.group(1);
                if (ref.equals("$")) {
                    continue;
                }
                ref = ref.startsWith("{") ? ref.substring(1, ref.length() - 1) : ref;
                String refKey = ref;
                if (!refKey.equals(key) && all.containsKey(refKey)) {
                    visit(refKey, all, done, visiting, ordered);
                }
            }
        }
        visiting.remove(key);
        done.add(key);
        ordered.add(key);
    }
}
