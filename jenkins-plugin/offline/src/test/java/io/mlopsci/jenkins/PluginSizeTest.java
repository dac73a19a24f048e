package io.mlopsci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What goes into the .hpi (the plugin's classes and resources: its Jenkins dependencies are
 * plugins, not bundled) stays small — the engine reaches agents as a tool installation instead.
 * The real .hpi's size is checked in the GitHub workflow's jenkins-plugin job.
 */
class PluginSizeTest {

    @Test
    void thePluginBundlesNoEngineAndStaysFarUnderTwentyMegabytes() throws IOException {
        Path classes = Path.of(System.getProperty("mlops.pluginClasses"));
        List<Path> files;
        try (Stream<Path> all = Files.walk(classes)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        System.out.printf("plugin classes and resources: %d files, %d bytes uncompressed%n", files.size(), bytes);
        assertThat(files).noneMatch(f -> f.toString().endsWith(".jar"));
        assertThat(bytes).isLessThan(20L * 1000 * 1000);
    }
}
