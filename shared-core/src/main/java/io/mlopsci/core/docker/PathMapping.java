package io.mlopsci.core.docker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps paths the engine sees to paths the Docker host sees, for bind mounts of sibling containers.
 * When the engine itself runs in a container (the GitHub Action sees {@code /github/workspace}),
 * a mount must name the host's directory. {@code MLOPS_DOCKER_PATH_MAP} holds
 * {@code local=host} pairs separated by commas, longest prefix first wins; without it, paths are
 * the same on both sides.
 */
public record PathMapping(List<Map.Entry<Path, Path>> pairs) {

    public static final String ENV = "MLOPS_DOCKER_PATH_MAP";

    public PathMapping {
        pairs = pairs.stream()
                .sorted((a, b) ->
                        Integer.compare(b.getKey().getNameCount(), a.getKey().getNameCount()))
                .toList();
    }

    public static PathMapping fromEnv(Map<String, String> env) {
        String spec = env.get(ENV);
        List<Map.Entry<Path, Path>> pairs = new ArrayList<>();
        if (spec != null) {
            for (String pair : spec.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    pairs.add(Map.entry(
                            Path.of(pair.substring(0, eq).trim()).normalize(),
                            Path.of(pair.substring(eq + 1).trim()).normalize()));
                }
            }
        }
        return new PathMapping(pairs);
    }

    /** The host's path for a path the engine sees. */
    public Path toHost(Path local) {
        Path abs = local.toAbsolutePath().normalize();
        for (Map.Entry<Path, Path> e : pairs) {
            if (abs.startsWith(e.getKey())) {
                return e.getValue().resolve(e.getKey().relativize(abs).toString());
            }
        }
        return abs;
    }
}
