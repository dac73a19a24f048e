package io.mlopsci.core.packaging;

import io.mlopsci.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}):
 * Jib writes OCI images as a tarball of exactly that, which is unpacked here and moved into place
 * in one rename.
 */
final class OciLayout {

    private OciLayout() {}

    /** Unpacks {@code tarball} into {@code target}, replacing what was there. */
    static void unpack(Path tarball, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(tmp);
            try (InputStream in = Files.newInputStream(tarball);
                    TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path dest = tmp.resolve(e.getName()).normalize();
                    if (!dest.startsWith(tmp)) {
                        throw new IOException("the image tarball has an entry outside its root: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(dest);
                    } else {
                        Files.createDirectories(dest.getParent());
                        Files.copy(tar, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            if (!Files.isRegularFile(tmp.resolve("index.json")) || !Files.isRegularFile(tmp.resolve("oci-layout"))) {
                throw new IOException("the image tarball is not an OCI image layout (no index.json or oci-layout)");
            }
            Path old = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".old");
            if (Files.exists(target)) {
                AtomicFiles.move(target, old);
            }
            AtomicFiles.move(tmp, target);
            AtomicFiles.deleteTree(old);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }
}
