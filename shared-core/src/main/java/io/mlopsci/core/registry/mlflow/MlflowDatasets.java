package io.mlopsci.core.registry.mlflow;

import io.mlopsci.core.io.Json;
import io.mlopsci.core.registry.DatasetTags;
import io.mlopsci.core.registry.RunRecord;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service.Dataset;
import org.mlflow.api.proto.Service.DatasetInput;
import org.mlflow.api.proto.Service.InputTag;
import org.mlflow.api.proto.Service.LogInputs;

/**
 * A run's data files as MLflow dataset inputs ({@code runs/log-inputs}), so the MLflow UI shows
 * what the model was trained and evaluated on: the file's name, the start of its SHA-256 as the
 * digest, a local source, and the context MLflow's own {@code mlflow.log_input} uses
 * ({@code training}, {@code evaluation}). The engine itself reads the run's
 * {@link DatasetTags} — these are for people.
 */
final class MlflowDatasets {

    private static final Map<String, String> CONTEXTS =
            Map.of(DatasetTags.TRAIN, "training", DatasetTags.EVAL, "evaluation");

    private MlflowDatasets() {}

    static void log(MlflowHttp http, String runId, RunRecord run) {
        LogInputs.Builder b = LogInputs.newBuilder().setRunId(runId);
        for (String role : List.of(DatasetTags.TRAIN, DatasetTags.EVAL)) {
            DatasetTags.read(run, role)
                    .ifPresent(d -> b.addDatasets(DatasetInput.newBuilder()
                            .addTags(InputTag.newBuilder()
                                    .setKey("mlflow.data.context")
                                    .setValue(CONTEXTS.get(role)))
                            .setDataset(Dataset.newBuilder()
                                    .setName(name(d.path()))
                                    .setDigest(d.sha256().substring(0, 8))
                                    .setSourceType("local")
                                    .setSource(Json.string(Map.of("uri", d.path()))))));
        }
        if (b.getDatasetsCount() > 0) {
            http.post("runs/log-inputs", b.build(), LogInputs.Response.getDefaultInstance());
        }
    }

    private static String name(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
