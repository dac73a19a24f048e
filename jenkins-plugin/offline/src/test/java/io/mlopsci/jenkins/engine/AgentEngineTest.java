package io.mlopsci.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.FilePath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine jar reaches an agent once per version, verified, and is found there afterwards. */
class AgentEngineTest {

    @TempDir
    Path tmp;

    private EngineJar jar(String content) throws IOException {
        Path f = tmp.resolve("bundle-" + content.hashCode() + ".jar");
        Files.writeString(f, content);
        return EngineJar.of(f.toUri().toURL());
    }

    @Test
    void copiesOncePerVersionIntoADirectoryNamedByTheHashAndUsesTheAgentsJava() throws Exception {
        EngineJar v1 = jar("engine version one");
        FilePath cache =
                new FilePath(tmp.resolve("agent/caches/mlops-ci/engine").toFile());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AgentEngine first = AgentEngine.prepare(v1, cache, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(first.copied()).isTrue();
        assertThat(Path.of(first.jar()))
                .hasContent("engine version one")
                .isEqualTo(tmp.resolve("agent/caches/mlops-ci/engine")
                        .resolve(v1.sha256())
                        .resolve("mlops.jar"));
        assertThat(v1.sha256()).hasSize(64);
        assertThat(Path.of(first.java())).isExecutable().endsWith(Path.of("bin", "java"));
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("copying the engine")
                .contains(v1.sha256().substring(0, 12));

        AgentEngine again = AgentEngine.prepare(v1, cache, new PrintStream(OutputStreams.NULL));
        assertThat(again.copied()).as("cached").isFalse();
        assertThat(again.jar()).isEqualTo(first.jar());

        AgentEngine v2 = AgentEngine.prepare(jar("engine version two"), cache, new PrintStream(OutputStreams.NULL));
        assertThat(v2.copied()).isTrue();
        assertThat(v2.jar()).isNotEqualTo(first.jar());
        try (Stream<Path> left = Files.walk(tmp.resolve("agent"))) {
            assertThat(left.filter(p -> p.toString().endsWith(".partial")))
                    .as("no partial copies left")
                    .isEmpty();
        }
    }

    @Test
    void aPartialCopyIsNeverUsedAndConcurrentInstallsAgree() throws Exception {
        EngineJar v1 = jar("engine under load");
        FilePath cache = new FilePath(tmp.resolve("cache").toFile());
        // an interrupted earlier copy: a partial file in the version's directory, no jar
        Path dir = Files.createDirectories(tmp.resolve("cache").resolve(v1.sha256()));
        Files.writeString(dir.resolve("mlops.jar.dead.partial"), "engine un");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AgentEngine>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> AgentEngine.prepare(v1, cache, new PrintStream(OutputStreams.NULL))));
            }
            for (Future<AgentEngine> f : all) {
                assertThat(Path.of(f.get().jar())).hasContent("engine under load");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCorruptedTransferIsRefused() throws Exception {
        Path f = tmp.resolve("real.jar");
        Files.writeString(f, "the real bytes");
        EngineJar lying = new EngineJar(f.toUri().toURL(), "0".repeat(64), 14);
        FilePath cache = new FilePath(tmp.resolve("c").toFile());
        assertThatThrownBy(() -> AgentEngine.prepare(lying, cache, new PrintStream(OutputStreams.NULL)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected " + "0".repeat(64));
        assertThat(tmp.resolve("c").resolve("0".repeat(64)).resolve("mlops.jar"))
                .doesNotExist();
    }

    /** A sink. */
    static final class OutputStreams {
        static final java.io.OutputStream NULL = java.io.OutputStream.nullOutputStream();
    }
}
