// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/tools/ToolInstaller.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.tools;

import hudson.ExtensionPoint;
import hudson.FilePath;
import hudson.model.Describable;
import hudson.model.Node;
import hudson.model.TaskListener;
import java.io.IOException;

public abstract class ToolInstaller implements Describable<ToolInstaller>, ExtensionPoint {
    private final String label;
    protected transient ToolInstallation tool;

    protected ToolInstaller(String label) {
        this.label = label == null || label.isBlank() ? null : label.trim();
    }

    protected void setTool(ToolInstallation t) {
        this.tool = t;
    }

    public final String getLabel() {
        return label;
    }

    /** (The stub's nodes have no labels: an installer with a label applies nowhere, one without everywhere.) */
    public boolean appliesTo(Node node) {
        return label == null;
    }

    public abstract FilePath performInstallation(ToolInstallation tool, Node node, TaskListener log)
            throws IOException, InterruptedException;

    /** As the real one: {@code <node root>/tools/<descriptor id, sanitized>/<tool name, sanitized>}. */
    protected final FilePath preferredLocation(ToolInstallation tool, Node node) {
        if (node == null) {
            throw new IllegalArgumentException("must pass non-null node");
        }
        String home = tool.getHome();
        if (home != null && !home.isBlank()) {
            return node.createPath(home);
        }
        FilePath root = node.getRootPath();
        if (root == null) {
            throw new IllegalArgumentException("Node " + node.getNodeName() + " seems to be offline");
        }
        return root.child("tools")
                .child(tool.getDescriptor().getId().replaceAll("[^A-Za-z0-9_.-]+", "_"))
                .child(tool.getName().replaceAll("[^A-Za-z0-9_.-]+", "_"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public ToolInstallerDescriptor<?> getDescriptor() {
        return (ToolInstallerDescriptor<?>) jenkins.model.Jenkins.get().getDescriptorOrDie(getClass());
    }
}
