// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/tools/ToolInstallation.java —
// signatures as in the real source; bodies are test doubles (test-only, never shipped).
package hudson.tools;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Node;
import hudson.model.TaskListener;
import hudson.util.DescribableList;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * As the real one: {@link #translateFor} is what {@code ToolLocationTranslator}s make of the home on a
 * node — the stub has the one that matters here, the real InstallerTranslator: the first installer of
 * an {@link InstallSourceProperty} that applies to the node installs the tool, its directory is the home.
 */
public abstract class ToolInstallation implements Describable<ToolInstallation>, Serializable, ExtensionPoint {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String home;
    private transient DescribableList<ToolProperty<?>, ToolPropertyDescriptor> properties;

    public ToolInstallation(String name, String home, List<? extends ToolProperty<?>> properties) {
        this.name = name;
        this.home = home;
        this.properties = new DescribableList<>(properties == null ? List.of() : properties);
        for (ToolProperty<?> p : this.properties) {
            setToolOn(p);
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends ToolInstallation> void setToolOn(ToolProperty<T> p) {
        p.setTool((T) this);
    }

    public String getName() {
        return name;
    }

    public String getHome() {
        return home;
    }

    public DescribableList<ToolProperty<?>, ToolPropertyDescriptor> getProperties() {
        return properties;
    }

    protected final String translateFor(Node node, TaskListener log) throws IOException, InterruptedException {
        InstallSourceProperty isp = properties.get(InstallSourceProperty.class);
        if (isp != null) {
            for (ToolInstaller installer : isp.installers) {
                if (installer.appliesTo(node)) {
                    return installer.performInstallation(this, node, log).getRemote();
                }
            }
        }
        return home;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
