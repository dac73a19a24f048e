package io.mlopsci.jenkins;

import hudson.tools.InstallSourceProperty;
import io.mlopsci.jenkins.tool.MlopsEngineInstallation;
import io.mlopsci.jenkins.tool.MlopsEngineInstaller;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The engine for the JenkinsRule tests: a tool installation whose installer downloads the engine
 * distribution this build made (engine-dist/target/mlops-{platform}.jar, with its .sha256 beside
 * it) onto each agent, as it would from Maven Central.
 */
final class Engines {

    private Engines() {}

    static Path distribution() {
        return Path.of(System.getProperty("mlops.engineDist", "../engine-dist/target"))
                .toAbsolutePath()
                .normalize();
    }

    static void install() throws Exception {
        MlopsEngineInstaller installer = new MlopsEngineInstaller(null);
        installer.setUrl(distribution().toUri() + "mlops-{platform}.jar");
        Jenkins.get()
                .getDescriptorByType(MlopsEngineInstallation.DescriptorImpl.class)
                .setInstallations(new MlopsEngineInstallation(
                        "built", "", List.of(new InstallSourceProperty(List.of(installer)))));
    }
}
