package io.mlopsci.jenkins.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The engine's CLI jar ({@code shared-core/target/mlops.jar}) as the build bundles it into the
 * plugin, under {@value #RESOURCE} next to this class, and its SHA-256, which names its cache
 * directory on every agent.
 *
 * @param url    where the jar is inside the plugin
 * @param sha256 hex SHA-256 of the jar's bytes
 * @param size   its size in bytes
 */
public record EngineJar(URL url, String sha256, long size) {

    /** The bundled jar, relative to this class. */
    public static final String RESOURCE = "mlops.jar";

    /** Locates the bundled jar and hashes it (a streaming read; ~0.1 s for 25 MB). */
    public static EngineJar bundled() throws IOException {
        URL url = EngineJar.class.getResource(RESOURCE);
        if (url == null) {
            throw new IOException("this build of the plugin does not bundle the mlops engine ("
                    + EngineJar.class.getPackageName().replace('.', '/') + "/" + RESOURCE
                    + " is missing); build the plugin with `./mvnw -Pjenkins verify` from the repository root");
        }
        return of(url);
    }

    /** An engine jar at a URL (tests use a freshly built one). */
    public static EngineJar of(URL url) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        long size = 0;
        try (InputStream in = new DigestInputStream(url.openStream(), sha)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                size += n;
            }
        }
        return new EngineJar(url, HexFormat.of().formatHex(sha.digest()), size);
    }

    public InputStream open() throws IOException {
        return url.openStream();
    }
}
