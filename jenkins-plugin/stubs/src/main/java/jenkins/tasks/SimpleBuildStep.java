// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/jenkins/tasks/SimpleBuildStep.java — signatures as in
// the real source; bodies are test doubles (test-only, never shipped).
package jenkins.tasks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;

/** (Extends BuildStep in the real source; the workspace-free variants are omitted.) */
public interface SimpleBuildStep {
    @Deprecated
    default void perform(
            @NonNull Run<?, ?> run,
            @NonNull FilePath workspace,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        this.perform(run, workspace, run.getEnvironment(listener), launcher, listener);
    }

    default void perform(
            @NonNull Run<?, ?> run,
            @NonNull FilePath workspace,
            @NonNull EnvVars env,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        this.perform(run, workspace, launcher, listener);
    }
}
