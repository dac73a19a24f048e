package io.mlopsci.core.step;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version, from the build. */
public final class EngineVersion {

    private static final String VERSION = load();

    private EngineVersion() {}

    public static String version() {
        return VERSION;
    }

    public static String tool() {
        return "mlops " + VERSION;
    }

    private static String load() {
        try (InputStream in = EngineVersion.class.getResourceAsStream("/io/mlopsci/core/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
