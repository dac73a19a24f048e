package io.mlopsci.core.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The commit and branch of a working tree, read from the {@code .git} directory itself so that no
 * {@code git} binary is needed (the action's image has none). Handles worktrees ({@code .git}
 * files), detached heads and packed refs.
 */
public record GitInfo(String sha, String branch) {

    public static final GitInfo NONE = new GitInfo(null, null);

    public String shortSha() {
        return sha == null ? null : sha.substring(0, Math.min(12, sha.length()));
    }

    /** Reads the repository containing {@code dir}, or {@link #NONE} outside a repository. */
    public static GitInfo read(Path dir) {
        try {
            Optional<Path> gitDir = findGitDir(dir.toAbsolutePath().normalize());
            if (gitDir.isEmpty()) {
                return NONE;
            }
            Path g = gitDir.get();
            String head =
                    Files.readString(g.resolve("HEAD"), StandardCharsets.UTF_8).trim();
            if (!head.startsWith("ref:")) {
                return new GitInfo(head, null);
            }
            String ref = head.substring(4).trim();
            String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
            return new GitInfo(resolveRef(g, ref).orElse(null), branch);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    private static Optional<Path> findGitDir(Path dir) throws IOException {
        for (Path d = dir; d != null; d = d.getParent()) {
            Path dotGit = d.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return Optional.of(dotGit);
            }
            if (Files.isRegularFile(dotGit)) {
                String content =
                        Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                if (content.startsWith("gitdir:")) {
                    return Optional.of(d.resolve(content.substring(7).trim()).normalize());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> resolveRef(Path gitDir, String ref) throws IOException {
        // Linked worktrees keep HEAD locally but refs in the common directory.
        Path common = gitDir;
        Path commonFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = gitDir.resolve(
                            Files.readString(commonFile, StandardCharsets.UTF_8).trim())
                    .normalize();
        }
        for (Path base : List.of(gitDir, common)) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Optional.of(
                        Files.readString(loose, StandardCharsets.UTF_8).trim());
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref) && !line.startsWith("#") && !line.startsWith("^")) {
                    return Optional.of(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        return Optional.empty();
    }
}
