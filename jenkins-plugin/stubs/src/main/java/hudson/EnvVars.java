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

    public void override(String key, String value) {
        if (value == null || value.isEmpty()) {
            remove(key);
        } else {
            put(key, value);
        }
    }

    public EnvVars overrideAll(Map<String, String> all) {
        all.forEach(this::override);
        return this;
    }
}
