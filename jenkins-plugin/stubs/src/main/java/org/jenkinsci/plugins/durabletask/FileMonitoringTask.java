// Stub of jenkinsci/durable-task-plugin@8dcdaa8 src/main/java/org/jenkinsci/plugins/durabletask/FileMonitoringTask.java
// —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.durabletask;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * As the real one: the process writes its output to {@code jenkins-log.txt} and its exit code to
 * {@code jenkins-result.txt} in a control directory beside the workspace; the controller reads
 * them (and keeps its log offset in {@code last-location.txt} there, so a resumed controller
 * continues where the old one stopped); stop kills every process carrying the cookie variable.
 */
public abstract class FileMonitoringTask extends DurableTask {

    protected static final String COOKIE = "JENKINS_SERVER_COOKIE";

    private static String cookieFor(FilePath workspace) {
        try {
            return "durable-"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(workspace.getRemote().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new Error(e);
        }
    }

    @Override
    public final Controller launch(EnvVars env, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        return launchWithCookie(workspace, launcher, listener, env, COOKIE, cookieFor(workspace));
    }

    protected FileMonitoringController launchWithCookie(
            FilePath workspace,
            Launcher launcher,
            TaskListener listener,
            EnvVars envVars,
            String cookieVariable,
            String cookieValue)
            throws IOException, InterruptedException {
        envVars.put(cookieVariable, cookieValue);
        return doLaunch(workspace, launcher, listener, envVars);
    }

    protected FileMonitoringController doLaunch(
            FilePath workspace, Launcher launcher, TaskListener listener, EnvVars envVars)
            throws IOException, InterruptedException {
        throw new AbstractMethodError("override either doLaunch or launchWithCookie");
    }

    /** JENKINS-40734: blocks the substitutions of {@link EnvVars#overrideExpandingAll} done by {@link Launcher}. */
    protected static Map<String, String> escape(EnvVars envVars) {
        Map<String, String> m = new TreeMap<>();
        for (Map.Entry<String, String> entry : envVars.entrySet()) {
            m.put(entry.getKey(), entry.getValue().replace("$", "$$"));
        }
        return m;
    }

    protected static class FileMonitoringController extends Controller {
        private static final long serialVersionUID = 1L;

        private String controlDir;
        private String cookieValue;

        protected FileMonitoringController(FilePath ws, @NonNull String cookieValue)
                throws IOException, InterruptedException {
            FilePath cd = ws.sibling(ws.getName() + "@tmp")
                    .child("durable-" + UUID.randomUUID().toString().substring(0, 8));
            cd.mkdirs();
            this.controlDir = cd.getRemote();
            this.cookieValue = cookieValue;
        }

        protected FileMonitoringController(FilePath ws) throws IOException, InterruptedException {
            this(ws, "durable-legacy");
        }

        public FilePath controlDir(FilePath ws) throws IOException, InterruptedException {
            return ws.child(controlDir);
        }

        public FilePath getResultFile(FilePath workspace) throws IOException, InterruptedException {
            return controlDir(workspace).child("jenkins-result.txt");
        }

        public FilePath getLogFile(FilePath workspace) throws IOException, InterruptedException {
            return controlDir(workspace).child("jenkins-log.txt");
        }

        public FilePath getOutputFile(FilePath workspace) throws IOException, InterruptedException {
            return controlDir(workspace).child("output.txt");
        }

        public FilePath getLastLocationFile(FilePath workspace) throws IOException, InterruptedException {
            return controlDir(workspace).child("last-location.txt");
        }

        @Override
        public final boolean writeLog(FilePath workspace, OutputStream sink) throws IOException, InterruptedException {
            FilePath log = getLogFile(workspace);
            if (!log.exists()) {
                return false;
            }
            FilePath lastLocationFile = getLastLocationFile(workspace);
            long lastLocation = lastLocationFile.exists()
                    ? Long.parseLong(lastLocationFile.readToString().trim())
                    : 0;
            byte[] all;
            try (InputStream in = log.read()) {
                all = in.readAllBytes();
            }
            if (all.length <= lastLocation) {
                return false;
            }
            sink.write(all, (int) lastLocation, (int) (all.length - lastLocation));
            sink.flush();
            lastLocationFile.write(Long.toString(all.length), "US-ASCII");
            return true;
        }

        @Override
        public Integer exitStatus(FilePath workspace, Launcher launcher, TaskListener listener)
                throws IOException, InterruptedException {
            return exitStatus(workspace, listener);
        }

        protected Integer exitStatus(FilePath workspace, TaskListener listener)
                throws IOException, InterruptedException {
            FilePath status = getResultFile(workspace);
            if (!status.exists()) {
                return null;
            }
            String text = status.readToString().trim();
            if (text.isEmpty()) {
                return null; // being written
            }
            return Integer.valueOf(text);
        }

        @Override
        public byte[] getOutput(FilePath workspace, Launcher launcher) throws IOException, InterruptedException {
            try (InputStream in = getOutputFile(workspace).read()) {
                return in.readAllBytes();
            }
        }

        @Override
        public final void stop(FilePath workspace, Launcher launcher) throws IOException, InterruptedException {
            launcher.kill(Collections.singletonMap(COOKIE, cookieValue));
        }

        @Override
        public void cleanup(FilePath workspace) throws IOException, InterruptedException {
            controlDir(workspace).deleteRecursive();
        }
    }
}
