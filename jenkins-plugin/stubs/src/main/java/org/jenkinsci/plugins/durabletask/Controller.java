// Stub of jenkinsci/durable-task-plugin@8dcdaa8 src/main/java/org/jenkinsci/plugins/durabletask/Controller.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.durabletask;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/** Defines how to control the execution of a task after it has started; serialized with the build. */
public abstract class Controller implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract boolean writeLog(FilePath workspace, OutputStream sink) throws IOException, InterruptedException;

    @CheckForNull
    public Integer exitStatus(FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        return exitStatus(workspace, launcher);
    }

    @Deprecated
    @CheckForNull
    public Integer exitStatus(FilePath workspace, Launcher launcher) throws IOException, InterruptedException {
        return exitStatus(workspace);
    }

    @Deprecated
    @CheckForNull
    public Integer exitStatus(FilePath workspace) throws IOException, InterruptedException {
        throw new AbstractMethodError("implement exitStatus(FilePath, Launcher, TaskListener)");
    }

    public byte[] getOutput(FilePath workspace, Launcher launcher) throws IOException, InterruptedException {
        throw new IOException("Did not implement getOutput in " + getClass().getName());
    }

    public void stop(FilePath workspace, Launcher launcher) throws IOException, InterruptedException {
        stop(workspace);
    }

    @Deprecated
    public void stop(FilePath workspace) throws IOException, InterruptedException {
        throw new AbstractMethodError("implement stop(FilePath, Launcher)");
    }

    public abstract void cleanup(FilePath workspace) throws IOException, InterruptedException;

    public String getDiagnostics(FilePath workspace, Launcher launcher) throws IOException, InterruptedException {
        return toString();
    }
}
