package io.mlopsci.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.testing.Processes;
import io.mlopsci.core.testing.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers the deployment tests share: train+gate a version, read results, aliases, journal and history. */
final class DeployFixtures {

    private DeployFixtures() {}

    /** Trains and gates a new version with {@code overrides} (e.g. train.params.answer=0); returns its number. */
    static String newVersion(Sandbox s, String... overrides) {
        List<String> train = new ArrayList<>(List.of("train", "--no-cache"));
        List<String> gate = new ArrayList<>(List.of("evaluate-gate"));
        for (String o : overrides) {
            train.add("--set");
            train.add(o);
            gate.add("--set");
            gate.add(o);
        }
        Processes.Result t = s.mlops(train.toArray(String[]::new));
        assertThat(t.exitCode()).as(t.toString()).isZero();
        Processes.Result g = s.mlops(gate.toArray(String[]::new));
        assertThat(g.exitCode()).as(g.toString()).isZero();
        return json(s.out("evaluate-gate", "result.json"))
                .path("outputs")
                .path("modelVersion")
                .asText();
    }

    static JsonNode json(Path p) {
        try {
            return Json.mapper().readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode result(Sandbox s, String step) {
        return json(s.out(step, "result.json"));
    }

    /** The version an alias names in the local registry, or null. */
    static String alias(Sandbox s, String model, String alias) {
        JsonNode doc = json(s.dir().resolve(".mlops/registry/models/" + model + ".json"));
        JsonNode v = doc.path("aliases").path(alias);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    static JsonNode state(Sandbox s, String model) {
        return json(s.dir().resolve(".mlops/deploy/" + model + "/state.json"));
    }

    static JsonNode history(Sandbox s, String model) {
        Path h = s.dir().resolve(".mlops/deploy/" + model + "/history.json");
        return Files.exists(h) ? json(h) : Json.mapper().createArrayNode();
    }

    /** Process ids the journal lists that are still alive (should be none after a rollback). */
    static List<Long> liveServers(JsonNode state) {
        List<Long> live = new ArrayList<>();
        state.path("resources").forEach(handle -> {
            if (handle.has("pid")) {
                long pid = handle.path("pid").asLong();
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    live.add(pid);
                }
            }
        });
        return live;
    }

    static JsonNode criterion(JsonNode result, String id) {
        for (JsonNode c : result.path("criteria")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + id + " in " + result.path("criteria"));
    }
}
