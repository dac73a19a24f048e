// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/TaskListener.java — signatures as in the
// real source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public interface TaskListener extends SerializableOnlyOverRemoting {
    @NonNull
    PrintStream getLogger();

    @NonNull
    default Charset getCharset() {
        return StandardCharsets.UTF_8;
    }

    @NonNull
    default PrintWriter error(String msg) {
        PrintWriter w = new PrintWriter(getLogger(), true);
        w.println("ERROR: " + msg);
        return w;
    }

    @NonNull
    default PrintWriter error(String format, Object... args) {
        return error(String.format(format, args));
    }

    @NonNull
    default PrintWriter fatalError(String msg) {
        PrintWriter w = new PrintWriter(getLogger(), true);
        w.println("FATAL: " + msg);
        return w;
    }

    @NonNull
    default PrintWriter fatalError(String format, Object... args) {
        return fatalError(String.format(format, args));
    }
}
