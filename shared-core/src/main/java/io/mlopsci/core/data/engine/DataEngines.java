package io.mlopsci.core.data.engine;

import io.mlopsci.core.error.MlopsException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the provider of an engine an add-on jar brings ({@code data.engine: spark} →
 * {@code mlops-spark.jar}), only when the configuration asks for it. Where add-ons are looked for,
 * in order: the class path (a launcher that put the jar there), the jars and directories listed in
 * {@code MLOPS_ADDONS} (separated by the path separator), and the directory of the running
 * {@code mlops.jar}. The add-on gets its own class loader whose parent is the engine's, so its
 * dependencies never reach the default CLI.
 */
public final class DataEngines {

    /** Environment variable: add-on jars or directories holding them. */
    public static final String ADDONS_ENV = "MLOPS_ADDONS";

    private DataEngines() {}

    /** The jar file name of an engine's add-on, e.g. {@code mlops-spark.jar}. */
    public static String jarName(String engine) {
        return "mlops-" + engine + ".jar";
    }

    /**
     * The provider of {@code engine}.
     *
     * @throws MlopsException exit 3 when the add-on is not installed, naming where it was looked for
     */
    public static DataEngineProvider provider(String engine, Map<String, String> env) {
        ClassLoader own = DataEngines.class.getClassLoader();
        DataEngineProvider found = find(engine, own);
        if (found != null) {
            return found;
        }
        List<Path> searched = new ArrayList<>();
        List<URL> jars = new ArrayList<>();
        for (Path p : candidates(engine, env)) {
            searched.add(p);
            if (Files.isRegularFile(p)) {
                try {
                    jars.add(p.toUri().toURL());
                } catch (MalformedURLException e) {
                    // not a usable path; it stays in the list of places searched
                }
            }
        }
        if (!jars.isEmpty()) {
            URLClassLoader loader = new URLClassLoader("mlops-" + engine, jars.toArray(URL[]::new), own);
            found = find(engine, loader);
            if (found != null) {
                return found;
            }
        }
        throw MlopsException.infrastructure("data.engine: " + engine + " needs the " + engine + " add-on ("
                + jarName(engine) + "), which this installation does not have; looked for "
                + (searched.isEmpty()
                        ? "it on the class path"
                        : String.join(
                                ", ", searched.stream().map(Path::toString).toList()))
                + ". Put " + jarName(engine) + " beside mlops.jar or name it in " + ADDONS_ENV
                + " (docs/spark.md says where to get it)");
    }

    private static DataEngineProvider find(String engine, ClassLoader loader) {
        for (DataEngineProvider p : ServiceLoader.load(DataEngineProvider.class, loader)) {
            if (p.name().equals(engine)) {
                return p;
            }
        }
        return null;
    }

    /** The files that may be the add-on: from MLOPS_ADDONS, then beside the running jar. */
    static List<Path> candidates(String engine, Map<String, String> env) {
        List<Path> out = new ArrayList<>();
        String listed = env.get(ADDONS_ENV);
        if (listed != null && !listed.isBlank()) {
            for (String entry : listed.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path p = Path.of(entry.trim());
                if (Files.isDirectory(p)) {
                    out.add(p.resolve(jarName(engine)));
                } else {
                    out.add(p);
                }
            }
        }
        Path beside = runningJarDirectory();
        if (beside != null) {
            out.add(beside.resolve(jarName(engine)));
        }
        return out.stream().distinct().toList();
    }

    /** The directory of the jar the engine runs from, or null when it runs from class directories. */
    private static Path runningJarDirectory() {
        try {
            var source = DataEngines.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) ? p.getParent() : null;
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
