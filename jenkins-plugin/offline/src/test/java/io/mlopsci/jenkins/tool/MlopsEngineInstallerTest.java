package io.mlopsci.jenkins.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Node;
import hudson.tools.InstallSourceProperty;
import hudson.util.StreamTaskListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as a tool installation: downloaded for the agent's platform into its tools directory,
 * SHA-256 verified (published or pinned), installed once per URL, refused when it does not match;
 * a pre-installed home is used as it is.
 */
class MlopsEngineInstallerTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final StreamTaskListener listener = new StreamTaskListener(log, StandardCharsets.UTF_8);

    /** A repository laid out like Maven Central's: {@code <v>/mlops-engine-<v>-<platform>.jar} and its .sha256. */
    private String repository(String version, String content, boolean withChecksums) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo").resolve(version));
        for (String platform : EnginePlatform.SUPPORTED) {
            Path jar = repo.resolve("mlops-engine-" + version + "-" + platform + ".jar");
            Files.writeString(jar, content + " for " + platform);
            if (withChecksums) {
                Files.writeString(Path.of(jar + ".sha256"), sha256(Files.readAllBytes(jar)) + "\n");
            }
        }
        return tmp.resolve("repo").toUri() + "{version}/mlops-engine-{version}-{platform}.jar";
    }

    private Node agent(String name) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        return new io.mlopsci.jenkins.OfflineJenkinsNodes.Agent(new FilePath(root.toFile()));
    }

    private static MlopsEngineInstallation tool(MlopsEngineInstaller installer) throws IOException {
        return new MlopsEngineInstallation("engine", "", List.of(new InstallSourceProperty(List.of(installer))));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static String platformHere() {
        return EnginePlatform.of(System.getProperty("os.name"), System.getProperty("os.arch"))
                .classifier();
    }

    @Test
    void downloadsTheAgentsPlatformOnceVerifiedAgainstThePublishedChecksum() throws Exception {
        MlopsEngineInstaller installer = new MlopsEngineInstaller(null);
        installer.setVersion("1.2.3");
        installer.setUrl(repository("1.2.3", "engine 1.2.3", true));
        Node agent = agent("agent");

        FilePath home = EngineInstallations.home(tool(installer), agent, new EnvVars(), listener);
        assertThat(Path.of(home.getRemote()))
                .as("the agent's tools directory, as the JDK and Maven installers use")
                .startsWith(tmp.resolve("agent/tools"));
        assertThat(Path.of(home.getRemote(), "mlops.jar")).hasContent("engine 1.2.3 for " + platformHere());
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("mlops: installing the engine 1.2.3 for " + platformHere())
                .contains("engine installed (SHA-256 ");

        log.reset();
        Files.writeString(Path.of(home.getRemote(), "mlops.jar"), "engine 1.2.3 for " + platformHere()); // untouched
        EngineInstallations.home(tool(installer), agent, new EnvVars(), listener);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .as("cached on the agent")
                .doesNotContain("installing");

        installer.setVersion("1.2.4");
        installer.setUrl(repository("1.2.4", "engine 1.2.4", true));
        FilePath upgraded = EngineInstallations.home(tool(installer), agent, new EnvVars(), listener);
        assertThat(Path.of(upgraded.getRemote(), "mlops.jar")).hasContent("engine 1.2.4 for " + platformHere());
        try (var left = Files.walk(tmp.resolve("agent"))) {
            assertThat(left.filter(p -> p.toString().endsWith(".partial")))
                    .as("no partial downloads left")
                    .isEmpty();
        }
    }

    @Test
    void aDownloadThatDoesNotMatchIsNeverInstalled() throws Exception {
        MlopsEngineInstaller installer = new MlopsEngineInstaller(null);
        installer.setVersion("2.0.0");
        installer.setUrl(repository("2.0.0", "engine 2", true));
        installer.setChecksums(platformHere() + "=" + "0".repeat(64));
        Node agent = agent("agent");
        assertThatThrownBy(() -> EngineInstallations.home(tool(installer), agent, new EnvVars(), listener))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected " + "0".repeat(64) + "; not installing it");
        try (var files = Files.walk(tmp.resolve("agent"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("mlops.jar")))
                    .isEmpty();
        }

        Path jar = tmp.resolve("repo/2.0.0/mlops-engine-2.0.0-" + platformHere() + ".jar");
        installer.setChecksums(platformHere() + "=" + sha256(Files.readAllBytes(jar)));
        Files.delete(Path.of(jar + ".sha256")); // a pinned digest needs no published one
        FilePath home = EngineInstallations.home(tool(installer), agent, new EnvVars(), listener);
        assertThat(Path.of(home.getRemote(), "mlops.jar")).hasContent("engine 2 for " + platformHere());
    }

    @Test
    void withoutAnyChecksumTheInstallationFailsClosed() throws Exception {
        MlopsEngineInstaller installer = new MlopsEngineInstaller(null);
        installer.setVersion("3.0.0");
        installer.setUrl(repository("3.0.0", "engine 3", false));
        assertThatThrownBy(() -> EngineInstallations.home(tool(installer), agent("a"), new EnvVars(), listener))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot read the engine's checksum at ")
                .hasMessageContaining("configure the expected SHA-256 on the installer");
    }

    @Test
    void checksumsAndPlatformsAreCheckedInWords() {
        MlopsEngineInstaller installer = new MlopsEngineInstaller(null);
        assertThatThrownBy(() -> installer.setChecksums("linux-amd64=abc"))
                .hasMessageContaining("checksums line 1: expected PLATFORM=SHA256");
        assertThatThrownBy(() -> installer.setChecksums("solaris-sparc=" + "a".repeat(64)))
                .hasMessageContaining("PLATFORM one of linux-amd64, linux-arm64, macos-arm64, windows-amd64");
        assertThat(EnginePlatform.of("Linux", "amd64").classifier()).isEqualTo("linux-amd64");
        assertThat(EnginePlatform.of("Linux", "aarch64").classifier()).isEqualTo("linux-arm64");
        assertThat(EnginePlatform.of("Mac OS X", "aarch64").classifier()).isEqualTo("macos-arm64");
        assertThat(EnginePlatform.of("Windows Server 2022", "amd64").classifier())
                .isEqualTo("windows-amd64");
        assertThatThrownBy(() -> EnginePlatform.of("Mac OS X", "x86_64"))
                .hasMessageContaining("no mlops engine distribution for Mac OS X on x86_64")
                .hasMessageContaining("pre-installed engine");
        assertThat(installer.effectiveUrl(new EnginePlatform("linux-amd64")))
                .as("Maven Central, the version this plugin was built with")
                .isEqualTo(EngineDistribution.DEFAULT_URL
                        .replace("{version}", EngineDistribution.pluginEngineVersion())
                        .replace("{platform}", "linux-amd64"))
                .endsWith("/io/mlopsci/mlops-engine/" + EngineDistribution.pluginEngineVersion() + "/mlops-engine-"
                        + EngineDistribution.pluginEngineVersion() + "-linux-amd64.jar");
        assertThat(EngineDistribution.pluginEngineVersion()).doesNotContain("${");
    }

    @Test
    void aPreInstalledHomeIsUsedAsItIsAndNamesSelectInstallations() throws Exception {
        Path preinstalled = Files.createDirectories(tmp.resolve("opt/mlops"));
        MlopsEngineInstallation airGapped =
                new MlopsEngineInstallation("air-gapped", preinstalled.toString(), List.of());
        FilePath home = EngineInstallations.home(airGapped, agent("agent"), new EnvVars(), listener);
        assertThat(home.getRemote()).isEqualTo(preinstalled.toString());

        MlopsEngineInstallation withVariable = new MlopsEngineInstallation("env", "${MLOPS_HOME}/engine", List.of());
        EnvVars env = new EnvVars("MLOPS_HOME", "/opt");
        assertThat(EngineInstallations.home(withVariable, agent("agent2"), env, listener)
                        .getRemote())
                .isEqualTo(Path.of("/opt/engine").toString());
    }
}
