// Stub of jenkinsci/durable-task-plugin@8dcdaa8 src/main/java/org/jenkinsci/plugins/durabletask/BourneShellScript.java
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
 * As the real one (its script launcher): the script goes to {@code script.sh} in the control
 * directory; a wrapper runs it in the background with the cookie in its environment, output to
 * the log file, then writes the exit code to the result file. A script starting with {@code #!}
 * is executed directly; any other through {@code sh -xe}. The environment is {@link #escape}d.
 */
public final class BourneShellScript extends FileMonitoringTask {

    private final String script;

    public BourneShellScript(String script) {
        this.script = script == null ? "" : script;
    }

    public String getScript() {
        return script;
    }

    @Override
    protected FileMonitoringController launchWithCookie(
            FilePath ws,
            Launcher launcher,
            TaskListener listener,
            EnvVars envVars,
            String cookieVariable,
            String cookieValue)
            throws IOException, InterruptedException {
        if (script.isEmpty()) {
            listener.getLogger().println("Warning: was asked to run an empty script");
        }
        ShellController c = new ShellController(ws, cookieValue);
        FilePath shf = c.controlDir(ws).child("script.sh");
        shf.write(script, "UTF-8");
        String interpreter = script.startsWith("#!") ? "" : "'sh' -xe ";
        if (script.startsWith("#!")) {
            shf.chmod(0755);
        }
        String cd = quote(c.controlDir(ws).getRemote());
        String log = quote(c.getLogFile(ws).getRemote());
        String result = quote(c.getResultFile(ws).getRemote());
        // As the real one: the wrapper's own environment holds a placeholder, the script's the cookie.
        envVars.put(cookieVariable, "please-do-not-kill-me");
        String wrapper = "{ while [ -d " + cd + " -a \\! -f " + result + " ]; do touch " + log
                + "; sleep 3; done } & jsc=" + cookieValue + "; " + cookieVariable + "=$jsc " + interpreter
                + quote(shf.getRemote()) + " > " + log + " 2>&1; echo $? > " + result + ".tmp; mv " + result
                + ".tmp " + result + "; wait";
        FilePath wrapperFile = c.controlDir(ws).child("wrapper.sh");
        wrapperFile.write(wrapper, "UTF-8");
        launcher.launch()
                .cmds(List.of("nohup", "sh", wrapperFile.getRemote()))
                .envs(escape(envVars))
                .pwd(ws)
                .quiet(true)
                .start();
        return c;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static final class ShellController extends FileMonitoringController {
        private static final long serialVersionUID = 1L;

        ShellController(FilePath ws, String cookieValue) throws IOException, InterruptedException {
            super(ws, cookieValue);
        }
    }
}
