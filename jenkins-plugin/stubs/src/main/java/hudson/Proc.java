// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/Proc.java — signatures as in the real source;
// bodies are test doubles (test-only, never shipped).
package hudson;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

public abstract class Proc {
    protected Proc() {}

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    public abstract InputStream getStdout();

    public abstract InputStream getStderr();

    public abstract OutputStream getStdin();

    /** A local process; stderr joins stdout when no stderr stream is given; interrupting join kills it. */
    public static final class LocalProc extends Proc {
        private final Process proc;
        private final Thread copier;
        private final Thread copier2;

        public LocalProc(String[] cmd, String[] env, InputStream in, OutputStream out, OutputStream err, File workDir)
                throws IOException {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir);
            if (env != null) {
                pb.environment().clear();
                for (String e : env) {
                    int idx = e.indexOf('=');
                    pb.environment().put(e.substring(0, idx), e.substring(idx + 1));
                }
            }
            if (err == null) {
                pb.redirectErrorStream(true);
            }
            if (workDir != null && !workDir.exists()) {
                throw new IOException(
                        String.format("Process working directory '%s' doesn't exist!", workDir.getAbsolutePath()));
            }
            proc = pb.start();
            proc.getOutputStream().close();
            copier = pump(proc.getInputStream(), out);
            copier2 = err == null ? null : pump(proc.getErrorStream(), err);
        }

        private static Thread pump(InputStream in, OutputStream out) {
            Thread t = new Thread(
                    () -> {
                        byte[] buf = new byte[8192];
                        try {
                            for (int n; (n = in.read(buf)) > 0; ) {
                                if (out != null) {
                                    out.write(buf, 0, n);
                                    out.flush();
                                }
                            }
                        } catch (IOException e) {
                            // the process ended
                        }
                    },
                    "stub LocalProc copier");
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public int join() throws InterruptedException, IOException {
            try {
                int r = proc.waitFor();
                copier.join(10_000);
                if (copier2 != null) {
                    copier2.join(10_000);
                }
                return r;
            } catch (InterruptedException e) {
                kill();
                throw e;
            }
        }

        @Override
        public boolean isAlive() {
            return proc.isAlive();
        }

        @Override
        public void kill() {
            proc.descendants().forEach(ProcessHandle::destroyForcibly);
            proc.destroyForcibly();
        }

        @Override
        public InputStream getStdout() {
            return null;
        }

        @Override
        public InputStream getStderr() {
            return null;
        }

        @Override
        public OutputStream getStdin() {
            return null;
        }
    }
}
