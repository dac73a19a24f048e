package io.mlopsci.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each platform's jar keeps every entry but the other platforms' DuckDB libraries, byte for byte. */
class PlatformJarsTest {

    @TempDir
    Path tmp;

    @Test
    void eachPlatformJarHoldsOnlyItsOwnNativeLibraryAndItsChecksumIsBesideIt() throws Exception {
        Path full = tmp.resolve("mlops.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(full))) {
            put(out, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: io.mlopsci.core.cli.Main\n");
            put(out, "io/mlopsci/core/cli/Main.class", "class bytes");
            for (Platform p : Platform.ALL) {
                put(out, p.duckdbNative(), "native of " + p.classifier());
            }
        }
        Path dist = tmp.resolve("dist");
        PlatformJars.main(new String[] {full.toString(), dist.toString()});
        for (Platform p : Platform.ALL) {
            Path jar = dist.resolve(p.jarName());
            try (ZipFile z = new ZipFile(jar.toFile())) {
                List<String> names = Collections.list(z.entries()).stream()
                        .map(ZipEntry::getName)
                        .toList();
                assertThat(names)
                        .containsExactly("META-INF/MANIFEST.MF", "io/mlopsci/core/cli/Main.class", p.duckdbNative());
                assertThat(new String(
                                z.getInputStream(z.getEntry(p.duckdbNative())).readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("native of " + p.classifier());
            }
            assertThat(Files.readString(dist.resolve(p.jarName() + ".sha256")).trim())
                    .isEqualTo(PlatformJars.sha256(jar))
                    .hasSize(64);
        }
    }

    private static void put(OutputStream jar, String name, String content) throws IOException {
        JarOutputStream out = (JarOutputStream) jar;
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
