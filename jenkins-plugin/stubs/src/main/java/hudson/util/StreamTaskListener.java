// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/util/StreamTaskListener.java — signatures as in
// the real source; bodies are test doubles (test-only, never shipped).
package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

public class StreamTaskListener implements TaskListener, Closeable {
    private static final long serialVersionUID = 1L;

    private final transient PrintStream out;
    private final transient Charset charset;

    public StreamTaskListener(@NonNull PrintStream out) {
        this(out, null);
    }

    public StreamTaskListener(@NonNull OutputStream out) {
        this(out, null);
    }

    public StreamTaskListener(@NonNull OutputStream out, @CheckForNull Charset charset) {
        this.charset = charset == null ? StandardCharsets.UTF_8 : charset;
        this.out = out instanceof PrintStream p ? p : new PrintStream(out, true, this.charset);
    }

    @Override
    public PrintStream getLogger() {
        return out;
    }

    @Override
    public Charset getCharset() {
        return charset;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
