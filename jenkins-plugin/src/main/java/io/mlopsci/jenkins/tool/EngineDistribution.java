package io.mlopsci.jenkins.tool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where an engine distribution is downloaded from: a URL template with {@code {version}} and
 * {@code {platform}} placeholders, by default the Maven repository layout of
 * {@code io.mlopsci:mlops-engine:VERSION:jar:PLATFORM} on Maven Central (the engine-dist module
 * builds and publishes those jars with a {@code .sha256} beside each).
 */
public final class EngineDistribution {

    /** Maven Central's layout for the distribution artifact. */
    public static final String DEFAULT_URL =
            "https://repo.maven.apache.org/maven2/io/mlopsci/mlops-engine/{version}/mlops-engine-{version}-{platform}.jar";

    /** The file an installation directory holds. */
    public static final String JAR = "mlops.jar";

    private EngineDistribution() {}

    /** The engine version this plugin was built with (the default the installer downloads). */
    public static String pluginEngineVersion() {
        Properties p = new Properties();
        try (InputStream in = EngineDistribution.class.getResourceAsStream("engine.properties")) {
            if (in == null) {
                throw new IllegalStateException("engine.properties is missing from the plugin");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    /** The template with its placeholders filled. */
    public static String url(String template, String version, EnginePlatform platform) {
        return template.replace("{version}", version).replace("{platform}", platform.classifier());
    }
}
