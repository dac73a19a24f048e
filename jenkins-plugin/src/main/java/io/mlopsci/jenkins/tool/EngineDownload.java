package io.mlopsci.jenkins.tool;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * Runs on the agent, in the installation directory: downloads the engine jar from {@code url}
 * into a partial file, checks its SHA-256 against {@code expectedSha256} (or, when that is null,
 * against the {@code <url>.sha256} file the repository serves beside it) and only then renames it
 * to {@code mlops.jar}; a download that does not match is deleted and fails the installation.
 * Returns the verified digest.
 *
 * @param url            where the distribution is (http, https or file)
 * @param expectedSha256 the pinned digest, or null to use the published one
 */
public record EngineDownload(String url, String expectedSha256) implements ControllerToAgentFileCallable<String> {

    private static final long serialVersionUID = 1L;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    @Override
    public String invoke(File dir, VirtualChannel channel) throws IOException {
        String expected = expectedSha256 != null ? normalize(expectedSha256, "the configured checksum") : published();
        Files.createDirectories(dir.toPath());
        Path partial = Files.createTempFile(dir.toPath(), EngineDistribution.JAR, ".partial");
        try {
            String actual;
            try (InputStream in = open(url);
                    DigestInputStream digest = new DigestInputStream(in, sha256());
                    OutputStream out = Files.newOutputStream(partial)) {
                digest.transferTo(out);
                actual = HexFormat.of().formatHex(digest.getMessageDigest().digest());
            }
            if (!actual.equals(expected)) {
                throw new IOException("the engine downloaded from " + url + " has SHA-256 " + actual + ", expected "
                        + expected + "; not installing it");
            }
            Files.move(
                    partial,
                    dir.toPath().resolve(EngineDistribution.JAR),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return actual;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The digest published at {@code <url>.sha256}: the first word of the file, 64 hex digits. */
    private String published() throws IOException {
        String sidecar = url + ".sha256";
        String text;
        try (InputStream in = open(sidecar)) {
            text = new String(in.readNBytes(4096), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new IOException(
                    "cannot read the engine's checksum at " + sidecar + " (" + e.getMessage()
                            + "); configure the expected SHA-256 on the installer to install without it",
                    e);
        }
        String first = text.isEmpty() ? "" : text.split("\\s+")[0];
        return normalize(first, sidecar);
    }

    private static String normalize(String hex, String where) throws IOException {
        String h = hex.trim().toLowerCase(Locale.ROOT);
        if (!HEX.matcher(h).matches()) {
            throw new IOException(where + " is not a SHA-256 (64 hex digits): '" + hex + "'");
        }
        return h;
    }

    private static InputStream open(String url) throws IOException {
        URLConnection c = URI.create(url).toURL().openConnection();
        c.setConnectTimeout(30_000);
        c.setReadTimeout(60_000);
        return c.getInputStream();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
