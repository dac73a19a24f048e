package io.mlopsci.jenkins.tool;

import java.util.List;
import java.util.Locale;

/**
 * The platform of an agent as the engine distribution names it: {@code linux-amd64},
 * {@code linux-arm64}, {@code macos-arm64} or {@code windows-amd64} (the platforms DuckDB's JDBC
 * driver ships a native library for; the distribution for each holds only that library).
 *
 * @param classifier the distribution's Maven classifier
 */
public record EnginePlatform(String classifier) {

    /** Every platform an engine distribution exists for. */
    public static final List<String> SUPPORTED = List.of("linux-amd64", "linux-arm64", "macos-arm64", "windows-amd64");

    /**
     * The platform of a JVM's {@code os.name} and {@code os.arch}, or an exception naming what is
     * not supported (such an agent needs a pre-installed engine).
     */
    public static EnginePlatform of(String osName, String osArch) {
        String n = osName.toLowerCase(Locale.ROOT);
        String os = n.startsWith("linux")
                ? "linux"
                : n.startsWith("mac") || n.startsWith("darwin") ? "macos" : n.startsWith("windows") ? "windows" : null;
        String a = osArch.toLowerCase(Locale.ROOT);
        String arch = a.equals("amd64") || a.equals("x86_64")
                ? "amd64"
                : a.equals("aarch64") || a.equals("arm64") ? "arm64" : null;
        String classifier = os + "-" + arch;
        if (os == null || arch == null || !SUPPORTED.contains(classifier)) {
            throw new IllegalArgumentException("no mlops engine distribution for " + osName + " on " + osArch
                    + " (there are: " + String.join(", ", SUPPORTED)
                    + "); give this agent a pre-installed engine instead");
        }
        return new EnginePlatform(classifier);
    }

    @Override
    public String toString() {
        return classifier;
    }
}
