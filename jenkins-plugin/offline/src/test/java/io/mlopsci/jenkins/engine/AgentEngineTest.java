package io.mlopsci.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.FilePath;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on an agent: the agent's own java and the installation's mlops.jar. */
class AgentEngineTest {

    @TempDir
    Path tmp;

    @Test
    void findsTheAgentsJavaAndTheJarInTheInstallation() throws Exception {
        Files.writeString(tmp.resolve("mlops.jar"), "engine");
        AgentEngine engine = AgentEngine.locate(new FilePath(tmp.toFile()));
        assertThat(Path.of(engine.jar())).isEqualTo(tmp.resolve("mlops.jar"));
        assertThat(Path.of(engine.java())).isExecutable().endsWith(Path.of("bin", "java"));
    }

    @Test
    void anInstallationWithoutTheJarIsRefusedInWords() {
        assertThatThrownBy(() -> AgentEngine.locate(new FilePath(tmp.toFile())))
                .isInstanceOf(AbortException.class)
                .hasMessage("mlops: no engine at " + tmp.resolve("mlops.jar")
                        + " (the installation's home must hold mlops.jar)");
    }
}
