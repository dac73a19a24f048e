// Stub of jenkinsci/workflow-api-plugin@cbc88d9
// src/main/java/org/jenkinsci/plugins/workflow/actions/ThreadNameAction.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.NonNull;

public interface ThreadNameAction extends PersistentAction {
    @NonNull
    String getThreadName();
}
