// Stub of jenkinsci/json-lib src/main/java/net/sf/json/JSONObject.java — signatures as in the real source; bodies are
// test doubles (test-only, never shipped).
package net.sf.json;

import java.util.LinkedHashMap;

/** (A map with the accessors the plugin uses; the real class is Jenkins' json-lib fork.) */
public final class JSONObject extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    public String getString(String key) {
        Object v = get(key);
        if (v == null) {
            throw new IllegalArgumentException("JSONObject[\"" + key + "\"] not found.");
        }
        return v.toString();
    }

    public String optString(String key) {
        Object v = get(key);
        return v == null ? "" : v.toString();
    }
}
