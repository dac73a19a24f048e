// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/tools/ToolInstallerDescriptor.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.tools;

import hudson.model.Descriptor;

public abstract class ToolInstallerDescriptor<T extends ToolInstaller> extends Descriptor<ToolInstaller> {
    public boolean isApplicable(Class<? extends ToolInstallation> toolType) {
        return true;
    }
}
