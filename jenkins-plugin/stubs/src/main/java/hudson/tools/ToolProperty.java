// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/tools/ToolProperty.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.tools;

import hudson.ExtensionPoint;
import hudson.model.Describable;

public abstract class ToolProperty<T extends ToolInstallation> implements Describable<ToolProperty<?>>, ExtensionPoint {
    protected transient T tool;

    protected void setTool(T tool) {
        this.tool = tool;
    }

    public abstract Class<T> type();
}
