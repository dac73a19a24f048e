package io.mlopsci.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * What the act tests need from the action's {@code action.yml} (its declared inputs and outputs,
 * and the image it runs) and from a workflow (the {@code with:} keys of the steps that use the
 * action): the runner maps those keys to {@code INPUT_*} whether declared or not, so a renamed input
 * goes unnoticed unless someone compares.
 */
record ActionMetadata(Set<String> inputs, Set<String> outputs, String image) {

    static ActionMetadata load(Path actionYml) {
        Map<String, Object> doc = yaml(actionYml);
        Map<String, Object> runs = map(doc.get("runs"));
        String image = String.valueOf(runs.get("image"));
        return new ActionMetadata(
                Set.copyOf(map(doc.get("inputs")).keySet()),
                Set.copyOf(map(doc.get("outputs")).keySet()),
                image.startsWith("docker://") ? image.substring("docker://".length()) : image);
    }

    /** One step of a workflow that runs {@code uses}, as job id, step name and its {@code with:} keys. */
    record ActionStep(String job, String step, Set<String> with) {}

    /** The steps of {@code workflow} whose {@code uses:} is one of {@code uses}. */
    static List<ActionStep> stepsUsing(Path workflow, Set<String> uses) {
        List<ActionStep> out = new ArrayList<>();
        map(yaml(workflow).get("jobs")).forEach((job, body) -> {
            Object steps = map(body).get("steps");
            if (steps instanceof List<?> list) {
                for (Object s : list) {
                    Map<String, Object> step = map(s);
                    if (uses.contains(String.valueOf(step.get("uses")))) {
                        out.add(new ActionStep(
                                job,
                                String.valueOf(step.getOrDefault("name", step.get("uses"))),
                                Set.copyOf(map(step.get("with")).keySet())));
                    }
                }
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            Object doc = new Yaml().load(Files.readString(file));
            if (!(doc instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(file + ": expected a YAML mapping");
            }
            return map(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
