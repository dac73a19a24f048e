// Stub of jenkinsci/workflow-step-api-plugin@0773c3c
// src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java — signatures as in the real source; bodies are
// test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StepContext context;

    @Deprecated
    protected StepExecution() {
        this.context = null;
    }

    protected StepExecution(@NonNull StepContext context) {
        this.context = context;
    }

    public @NonNull StepContext getContext() {
        if (context == null) {
            throw new IllegalStateException(
                    "you must either pass in a StepContext to the StepExecution constructor, or have the StepExecution be created automatically");
        }
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {}

    public @CheckForNull String getStatus() {
        return null;
    }

    /** As the real one: false by default (CPS VM activity blocks a restart by itself). */
    public boolean blocksRestart() {
        return false;
    }
}
