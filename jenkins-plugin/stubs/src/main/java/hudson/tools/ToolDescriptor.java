// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/tools/ToolDescriptor.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.tools;

import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.io.File;
import java.lang.reflect.Array;
import java.util.List;

public abstract class ToolDescriptor<T extends ToolInstallation> extends Descriptor<ToolInstallation> {
    private T[] installations;

    protected ToolDescriptor() {}

    @SuppressWarnings("unchecked")
    public T[] getInstallations() {
        if (installations != null) {
            return installations.clone();
        }
        return (T[]) Array.newInstance(clazz, 0);
    }

    public void setInstallations(T... installations) {
        this.installations = installations.clone();
    }

    public List<? extends ToolInstaller> getDefaultInstallers() {
        return List.of();
    }

    protected FormValidation checkHomeDirectory(File home) {
        return FormValidation.ok();
    }
}
