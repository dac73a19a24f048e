// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/tools/InstallSourceProperty.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.tools;

import hudson.util.DescribableList;
import java.io.IOException;
import java.util.List;

public class InstallSourceProperty extends ToolProperty<ToolInstallation> {
    public final DescribableList<ToolInstaller, hudson.model.Descriptor<ToolInstaller>> installers;

    public InstallSourceProperty(List<? extends ToolInstaller> installers) throws IOException {
        this.installers = new DescribableList<>(installers);
    }

    @Override
    protected void setTool(ToolInstallation t) {
        super.setTool(t);
        for (ToolInstaller installer : installers) {
            installer.setTool(t);
        }
    }

    @Override
    public Class<ToolInstallation> type() {
        return ToolInstallation.class;
    }
}
