// Stub of jenkinsci/workflow-api-plugin@cbc88d9 src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java
// — signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;

public class WarningAction implements PersistentAction {
    private @NonNull Result result;
    private @CheckForNull String message;

    public WarningAction(@NonNull Result result) {
        this.result = result;
    }

    public WarningAction withMessage(String message) {
        this.message = message;
        return this;
    }

    public @CheckForNull String getMessage() {
        return message;
    }

    public @NonNull Result getResult() {
        return result;
    }

    @Override
    public String getDisplayName() {
        return "Warning" + (message != null ? ": " + message : "");
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
