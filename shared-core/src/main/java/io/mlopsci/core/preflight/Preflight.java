package io.mlopsci.core.preflight;

import com.github.dockerjava.api.DockerClient;
import io.mlopsci.contract.result.PreflightCheck;
import io.mlopsci.core.console.Progress;
import io.mlopsci.core.docker.DockerEngine;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.registry.Registry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks, before any work starts, that every backend the planned steps will use answers: the
 * tracking server, the model registry and the artifact store (through the registry), the Docker
 * engine, the image registry. The first that does not ends the step (or the whole run) with its
 * name and why, so that nothing is trained only to be thrown away when it cannot be recorded.
 */
public final class Preflight {

    private Preflight() {}

    /**
     * Checks each distinct backend of {@code needs} once, in a fixed order (tracking first).
     *
     * @throws MlopsException naming the backend that failed and the steps that need it; nothing has
     *     been started then
     */
    public static List<PreflightCheck> run(
            List<Need> needs, Supplier<Registry> registry, String model, Map<String, String> env, Progress progress) {
        Map<String, List<Need>> byBackend = new LinkedHashMap<>();
        needs.stream()
                .sorted(Comparator.comparing(Need::backend))
                .forEach(n -> byBackend
                        .computeIfAbsent(n.backend() + "|" + n.target(), k -> new ArrayList<>())
                        .add(n));
        List<PreflightCheck> checks = new ArrayList<>();
        for (List<Need> group : byBackend.values()) {
            Need need = group.get(0);
            Set<String> steps = new LinkedHashSet<>();
            group.forEach(n -> steps.add(n.step().id()));
            String target;
            try {
                target = check(need, group.stream().anyMatch(Need::insecure), registry, model, env);
            } catch (MlopsException e) {
                throw failed(need.backend(), steps, e);
            }
            checks.add(new PreflightCheck(need.backend().label(), target, List.copyOf(steps)));
        }
        if (!checks.isEmpty()) {
            // The local registry is tracking, model registry and artifact store at once: one entry for it.
            Map<String, List<String>> byTarget = new LinkedHashMap<>();
            checks.forEach(c ->
                    byTarget.computeIfAbsent(c.target(), k -> new ArrayList<>()).add(c.backend()));
            List<String> parts = new ArrayList<>();
            byTarget.forEach((target, backends) -> parts.add(String.join(", ", backends) + ": " + target));
            progress.phase("preflight ok: " + String.join("; ", parts));
        }
        return checks;
    }

    private static String check(
            Need need, boolean insecure, Supplier<Registry> registry, String model, Map<String, String> env) {
        return switch (need.backend()) {
            case TRACKING -> registry.get().check(Registry.Part.TRACKING, model);
            case MODEL_REGISTRY -> registry.get().check(Registry.Part.MODEL_REGISTRY, model);
            case ARTIFACT_STORE -> registry.get().check(Registry.Part.ARTIFACT_STORE, model);
            case DOCKER -> {
                DockerClient client = DockerEngine.connect(env);
                DockerEngine.closeQuietly(client);
                yield DockerEngine.host(env);
            }
            case IMAGE_REGISTRY -> ImageRegistryProbe.check(need.target(), insecure);
        };
    }

    private static MlopsException failed(Backend backend, Set<String> steps, MlopsException cause) {
        String message = "preflight: the " + backend.label() + " that " + String.join(", ", steps)
                + (steps.size() == 1 ? " needs" : " need") + " is not usable, so nothing was started: "
                + cause.getMessage();
        return cause.reworded(message);
    }
}
