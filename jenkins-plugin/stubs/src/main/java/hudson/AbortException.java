// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/AbortException.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {}

    public AbortException(String message) {
        super(message);
    }
}
