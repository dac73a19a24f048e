package io.mlopsci.core.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.MlflowServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reading what a run holds, straight from MLflow's REST API or the local registry's files, for the tracking tests. */
final class TrackedRuns {

    private TrackedRuns() {}

    /** Every artifact of an MLflow run (relative path → bytes), listed with {@code artifacts/list}. */
    static Map<String, byte[]> mlflowArtifacts(MlflowServer server, String runId) {
        JsonNode run = server.get("runs/get", Map.of("run_id", runId)).path("run");
        String uri = run.path("info").path("artifact_uri").asText();
        Map<String, byte[]> out = new TreeMap<>();
        collect(server, runId, "", uri, out);
        return out;
    }

    private static void collect(MlflowServer server, String runId, String path, String uri, Map<String, byte[]> out) {
        JsonNode list = server.get(
                "artifacts/list", path.isEmpty() ? Map.of("run_id", runId) : Map.of("run_id", runId, "path", path));
        for (JsonNode f : list.path("files")) {
            String p = f.path("path").asText();
            if (f.path("is_dir").asBoolean()) {
                collect(server, runId, p, uri, out);
            } else {
                out.put(p, server.artifact(uri, p));
            }
        }
    }

    /** Every file under a local registry run's directory (relative path → bytes). */
    static Map<String, byte[]> localFiles(Path runDir) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(runDir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(runDir.relativize(f).toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Tags of an MLflow run. */
    static Map<String, String> tags(MlflowServer server, String runId) {
        return MlflowServer.tags(server.get("runs/get", Map.of("run_id", runId))
                .path("run")
                .path("data")
                .path("tags"));
    }

    static JsonNode info(MlflowServer server, String runId) {
        return server.get("runs/get", Map.of("run_id", runId)).path("run").path("info");
    }

    static JsonNode read(Path f) {
        try {
            return Json.mapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(byte[] b) {
        try {
            return Json.mapper().readTree(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code step} then {@code more}. */
    static String[] args(String step, String... more) {
        List<String> a = new ArrayList<>(List.of(step, "--config", "mlops.yaml"));
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Byte-wise equality of two artifact maps, with a readable difference. */
    static List<String> differences(Map<String, byte[]> before, Map<String, byte[]> after) {
        List<String> out = new ArrayList<>();
        before.forEach((k, v) -> {
            byte[] now = after.get(k);
            if (now == null) {
                out.add(k + " is gone");
            } else if (!Arrays.equals(v, now)) {
                out.add(k + " changed");
            }
        });
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> out.add(k + " was added"));
        return out;
    }
}
