package io.mlopsci.jenkins.tool;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Node;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import jenkins.model.Jenkins;

/** Which engine installation a step uses, and where it is on the step's agent (installing it if needed). */
public final class EngineInstallations {

    private EngineInstallations() {}

    /** The configured installations, in the order of the Tools page. */
    public static List<MlopsEngineInstallation> configured() {
        MlopsEngineInstallation.DescriptorImpl d =
                Jenkins.get().getDescriptorByType(MlopsEngineInstallation.DescriptorImpl.class);
        return d == null ? List.of() : Arrays.asList(d.getInstallations());
    }

    /**
     * The installation named {@code name}; with no name the first configured one, or, when none is
     * configured, {@link MlopsEngineInstallation#implicitDefault()}.
     */
    public static MlopsEngineInstallation select(String name) throws AbortException {
        List<MlopsEngineInstallation> all = configured();
        if (name == null) {
            return all.isEmpty() ? MlopsEngineInstallation.implicitDefault() : all.get(0);
        }
        return all.stream()
                .filter(i -> i.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AbortException("mlops: no engine installation named '" + name
                        + "' (Manage Jenkins › Tools › mlops engine has: "
                        + String.join(
                                ", ",
                                all.stream()
                                        .map(MlopsEngineInstallation::getName)
                                        .toList()) + ")"));
    }

    /** The installation's directory on {@code node}, after its installers ran there. */
    public static FilePath home(MlopsEngineInstallation installation, Node node, EnvVars env, TaskListener listener)
            throws IOException, InterruptedException {
        MlopsEngineInstallation onNode = installation.forNode(node, listener).forEnvironment(env);
        String home = onNode.getHome();
        if (home == null || home.isBlank()) {
            throw new AbortException("mlops: the engine installation '" + installation.getName() + "' has no home on "
                    + node.getNodeName() + " and no installer for it");
        }
        FilePath dir = node.createPath(home);
        if (dir == null) {
            throw new AbortException("mlops: " + node.getNodeName() + " is offline");
        }
        return dir;
    }
}
