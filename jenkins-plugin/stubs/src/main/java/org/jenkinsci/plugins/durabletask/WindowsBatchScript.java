// Stub of jenkinsci/durable-task-plugin@8dcdaa8 src/main/java/org/jenkinsci/plugins/durabletask/WindowsBatchScript.java
// —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.durabletask;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.List;

/**
 * As the real one (its script launcher): {@code jenkins-main.bat} holds the script (CRLF line
 * endings), {@code jenkins-wrap.bat} runs it with {@code cmd /c call}, output to the log file,
 * {@code %ERRORLEVEL%} to the result file. Only on Windows nodes.
 */
public final class WindowsBatchScript extends FileMonitoringTask {

    private final String script;

    public WindowsBatchScript(String script) {
        this.script = script == null ? "" : script.replaceAll("\r?\n", "\r\n");
    }

    public String getScript() {
        return script;
    }

    @Override
    protected FileMonitoringController doLaunch(FilePath ws, Launcher launcher, TaskListener listener, EnvVars envVars)
            throws IOException, InterruptedException {
        if (launcher.isUnix()) {
            throw new IOException("Batch scripts can only be run on Windows nodes");
        }
        BatchController c = new BatchController(ws, envVars.get(COOKIE));
        FilePath main = c.controlDir(ws).child("jenkins-main.bat");
        FilePath wrap = c.controlDir(ws).child("jenkins-wrap.bat");
        wrap.write(
                String.format(
                        "@echo off \r\ncmd /c call \"%s\" > \"%s\" 2>&1\r\necho %%ERRORLEVEL%% > \"%s\"\r\n",
                        quote(main), quote(c.getLogFile(ws)), quote(c.getResultFile(ws))),
                "UTF-8");
        main.write(script, "UTF-8");
        launcher.launch()
                .cmds(List.of("cmd", "/c", "\"\"" + wrap.getRemote() + "\"\""))
                .envs(escape(envVars))
                .pwd(ws)
                .quiet(true)
                .start();
        return c;
    }

    private static String quote(FilePath f) {
        return f.getRemote().replace("%", "%%");
    }

    static final class BatchController extends FileMonitoringController {
        private static final long serialVersionUID = 1L;

        BatchController(FilePath ws, String cookieValue) throws IOException, InterruptedException {
            super(ws, cookieValue);
        }
    }
}
