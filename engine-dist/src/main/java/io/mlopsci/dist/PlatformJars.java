package io.mlopsci.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Writes one engine jar per {@link Platform} from the full CLI jar: every entry copied as it is
 * (raw, not re-compressed, so it takes seconds), except the DuckDB native libraries of the other
 * platforms; and {@code <jar>.sha256} beside each (the hex digest, as Maven repositories serve it).
 * Up-to-date outputs are left alone.
 *
 * <p>Usage: {@code PlatformJars <mlops.jar> <output directory>}
 */
public final class PlatformJars {

    private PlatformJars() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PlatformJars <mlops.jar> <output directory>");
        }
        Path full = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        if (!Files.isRegularFile(full)) {
            throw new IOException(full + " is missing: package shared-core first");
        }
        for (Platform p : Platform.ALL) {
            Path jar = out.resolve(p.jarName());
            Path sha = out.resolve(p.jarName() + ".sha256");
            if (Files.isRegularFile(sha)
                    && Files.getLastModifiedTime(sha).compareTo(Files.getLastModifiedTime(full)) > 0) {
                continue;
            }
            write(full, p, jar);
            Files.writeString(sha, sha256(jar) + "\n", StandardCharsets.US_ASCII);
            System.out.println("engine-dist: " + jar + " (" + Files.size(jar) / (1024 * 1024) + " MB)");
        }
    }

    /** The full jar's entries without the other platforms' native libraries, into {@code target} atomically. */
    static void write(Path full, Platform platform, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        try (ZipFile in = ZipFile.builder().setPath(full).get();
                ZipArchiveOutputStream out = new ZipArchiveOutputStream(tmp)) {
            for (ZipArchiveEntry e : Collections.list(in.getEntriesInPhysicalOrder())) {
                if (e.getName().startsWith(Platform.NATIVE_PREFIX)
                        && !e.getName().equals(platform.duckdbNative())) {
                    continue;
                }
                try (InputStream raw = in.getRawInputStream(e)) {
                    out.addRawArchiveEntry(e, raw);
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        // createTempFile makes the file private; a distribution is for everyone to read.
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
