// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/util/Secret.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** (Not encrypted in the stub.) */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    @NonNull
    public String getPlainText() {
        return value;
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        return new Secret(data == null ? "" : data);
    }

    public static String toString(@CheckForNull Secret s) {
        return s == null ? "" : s.value;
    }

    @Override
    @Deprecated
    public String toString() {
        return value;
    }
}
