// Stub of jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package org.kohsuke.stapler;

import net.sf.json.JSONObject;

/** (Only form binding; the real interface extends jakarta.servlet.http.HttpServletRequest.) */
public interface StaplerRequest2 {
    <T> T bindJSON(Class<T> type, JSONObject src);

    void bindJSON(Object bean, JSONObject src);
}
