package io.mlopsci.core.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/** A registered version of a model, linked to the run that produced it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersion(String model, String version, String runId, String createdAt, Map<String, String> tags) {

    public ModelVersion {
        tags = tags == null ? Map.of() : new LinkedHashMap<>(tags);
    }

    public ModelVersion withTags(Map<String, String> more) {
        Map<String, String> t = new LinkedHashMap<>(tags);
        t.putAll(more);
        return new ModelVersion(model, version, runId, createdAt, t);
    }
}
