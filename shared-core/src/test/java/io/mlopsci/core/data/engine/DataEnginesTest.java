package io.mlopsci.core.data.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Add-on engines are found only where they are installed: a jar named in MLOPS_ADDONS (or a
 * directory holding it) is loaded in a class loader of its own; without one, the message says where
 * it was looked for and how to install it (exit 3).
 */
class DataEnginesTest {

    @TempDir
    Path dir;

    /** A real add-on jar: a provider compiled here, with its ServiceLoader registration. */
    private Path addOnJar(String engine) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("DemoProvider.java"), """
                package demo;
                public final class DemoProvider implements io.mlopsci.core.data.engine.DataEngineProvider {
                    public String name() { return "%s"; }
                    public io.mlopsci.core.data.engine.DataEngine open(io.mlopsci.core.data.engine.EngineContext c) {
                        throw new UnsupportedOperationException("opened");
                    }
                }
                """.formatted(engine));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                src.resolve("DemoProvider.java").toString());
        assertThat(rc).isZero();
        Path jar = dir.resolve("addons").resolve(DataEngines.jarName(engine));
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("demo/DemoProvider.class"));
            j.write(Files.readAllBytes(classes.resolve("demo/DemoProvider.class")));
            j.putNextEntry(new JarEntry("META-INF/services/" + DataEngineProvider.class.getName()));
            j.write("demo.DemoProvider\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    @Test
    void anAddOnNamedInMlopsAddonsIsLoadedInItsOwnClassLoader() throws IOException {
        Path jar = addOnJar("demo");
        DataEngineProvider p = DataEngines.provider("demo", Map.of(DataEngines.ADDONS_ENV, jar.toString()));
        assertThat(p.name()).isEqualTo("demo");
        assertThat(p.getClass().getClassLoader()).isNotSameAs(DataEngines.class.getClassLoader());
        assertThat(p.getClass().getClassLoader().getParent()).isSameAs(DataEngines.class.getClassLoader());
        // A directory holding the jar works too.
        assertThat(DataEngines.provider("demo", Map.of(DataEngines.ADDONS_ENV, "/nowhere:" + jar.getParent()))
                        .name())
                .isEqualTo("demo");
    }

    @Test
    void aMissingAddOnSaysWhereItWasLookedForAndHowToInstallIt() {
        assertThatThrownBy(() -> DataEngines.provider(
                        "spark", Map.of(DataEngines.ADDONS_ENV, dir + "/lib:" + dir + "/other.jar")))
                .isInstanceOfSatisfying(MlopsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage())
                            .startsWith("data.engine: spark needs the spark add-on (mlops-spark.jar), which this"
                                    + " installation does not have; looked for " + dir + "/lib, " + dir
                                    + "/other.jar")
                            .endsWith(". Put mlops-spark.jar beside mlops.jar or name it in MLOPS_ADDONS"
                                    + " (docs/spark.md says where to get it)");
                });
    }

    @Test
    void addOnsAreLookedForInMlopsAddonsFirstThenBesideTheRunningJar() {
        List<Path> c = DataEngines.candidates("spark", Map.of(DataEngines.ADDONS_ENV, dir.toString()));
        // Tests run from class directories: there is no jar to look beside.
        assertThat(c).containsExactly(dir.resolve("mlops-spark.jar"));
        assertThat(DataEngines.candidates("spark", Map.of())).isEmpty();
    }
}
