package io.mlopsci.core.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The data a run was trained and evaluated on, as run tags: the file (relative to the workdir) and
 * its SHA-256 per role. Train writes them; monitor reads them to find the champion's training data
 * (and checks the file still has that content). MLflow also gets them as the run's dataset inputs.
 */
public final class DatasetTags {

    /** The roles recorded: {@code train} (the drift reference of monitoring) and {@code eval}. */
    public static final String TRAIN = "train";

    public static final String EVAL = "eval";

    private static final String PREFIX = "mlops.data.";

    private DatasetTags() {}

    /** A dataset a run used: where it was and what it held. */
    public record Dataset(String role, String path, String sha256) {}

    /** The tag that names the file of a role, e.g. {@code mlops.data.train}. */
    public static String pathTag(String role) {
        return PREFIX + role;
    }

    /** The tag with the SHA-256 of a role's file. */
    public static String hashTag(String role) {
        return PREFIX + role + ".sha256";
    }

    /**
     * The tags for the files of each role that has one, with the hashes the run computed (files are
     * relative to the workdir, as {@code hashes}' keys are).
     */
    public static Map<String, String> of(Map<String, String> filesByRole, Map<String, String> hashes) {
        Map<String, String> tags = new LinkedHashMap<>();
        filesByRole.forEach((role, path) -> {
            // A role without a file (no data.eval, say) has no tag; the hashes are a sorted map, which
            // refuses a null key.
            String hash = path == null ? null : hashes.get(path);
            if (hash != null) {
                tags.put(pathTag(role), path);
                tags.put(hashTag(role), hash);
            }
        });
        return tags;
    }

    /** The dataset of {@code role} a run records, if it records one. */
    public static Optional<Dataset> read(RunRecord run, String role) {
        String path = run.tags().get(pathTag(role));
        String hash = run.tags().get(hashTag(role));
        if (path == null || hash == null) {
            return Optional.empty();
        }
        return Optional.of(new Dataset(role, path, hash));
    }
}
