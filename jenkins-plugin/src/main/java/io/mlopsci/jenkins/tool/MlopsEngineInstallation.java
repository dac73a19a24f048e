package io.mlopsci.jenkins.tool;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.EnvironmentSpecific;
import hudson.model.Node;
import hudson.model.TaskListener;
import hudson.slaves.NodeSpecific;
import hudson.tools.InstallSourceProperty;
import hudson.tools.ToolDescriptor;
import hudson.tools.ToolInstallation;
import hudson.tools.ToolInstaller;
import hudson.tools.ToolProperty;
import hudson.util.FormValidation;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The mlops engine as a Jenkins tool (Manage Jenkins › Tools › mlops engine): a directory holding
 * {@code mlops.jar} on each agent, either installed there automatically ({@link MlopsEngineInstaller})
 * or pre-installed (air-gapped agents: set the home and no installer). Steps pick one by name
 * ({@code engine: 'NAME'}), else the first; with none configured they install the default.
 */
public class MlopsEngineInstallation extends ToolInstallation
        implements NodeSpecific<MlopsEngineInstallation>, EnvironmentSpecific<MlopsEngineInstallation> {

    private static final long serialVersionUID = 1L;

    /** The name of the installation steps use when none is configured. */
    public static final String DEFAULT_NAME = "mlops";

    @DataBoundConstructor
    public MlopsEngineInstallation(String name, String home, List<? extends ToolProperty<?>> properties) {
        super(name, home, properties);
    }

    /** What steps use when no installation is configured: the default installer on every agent. */
    public static MlopsEngineInstallation implicitDefault() {
        try {
            return new MlopsEngineInstallation(
                    DEFAULT_NAME, "", List.of(new InstallSourceProperty(List.of(new MlopsEngineInstaller(null)))));
        } catch (IOException e) {
            // InstallSourceProperty declares it for saving an owner; a new one has none.
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public MlopsEngineInstallation forNode(@NonNull Node node, TaskListener log)
            throws IOException, InterruptedException {
        return new MlopsEngineInstallation(
                getName(), translateFor(node, log), getProperties().toList());
    }

    @Override
    public MlopsEngineInstallation forEnvironment(EnvVars environment) {
        return new MlopsEngineInstallation(
                getName(), environment.expand(getHome()), getProperties().toList());
    }

    @Extension
    @Symbol("mlopsEngine")
    public static final class DescriptorImpl extends ToolDescriptor<MlopsEngineInstallation> {

        public DescriptorImpl() {
            load();
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "mlops engine";
        }

        @Override
        public List<? extends ToolInstaller> getDefaultInstallers() {
            return List.of(new MlopsEngineInstaller(null));
        }

        @Override
        public void setInstallations(MlopsEngineInstallation... installations) {
            super.setInstallations(installations);
            save();
        }

        /** A pre-installed home must hold the engine jar. */
        @Override
        protected FormValidation checkHomeDirectory(File home) {
            return new File(home, EngineDistribution.JAR).isFile()
                    ? FormValidation.ok()
                    : FormValidation.warning("No " + EngineDistribution.JAR + " in " + home
                            + " on the controller (fine if it exists on the agents)");
        }
    }
}
