// Stub of jenkinsci/remoting src/main/java/hudson/remoting/Callable.java — signatures as in the real source; bodies are
// test doubles (test-only, never shipped).
package hudson.remoting;

import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

public interface Callable<V, T extends Throwable> extends Serializable, RoleSensitive {
    V call() throws T;
}
