package io.mlopsci.core.registry.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.io.Json;
import io.mlopsci.core.registry.MonitorRecord;
import io.mlopsci.core.registry.MonitorTags;
import io.mlopsci.core.registry.RegistryException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.SearchRuns;
import org.mlflow.api.proto.Service.UpdateRun;
import org.mlflow.api.proto.Service.ViewType;

/**
 * Monitoring windows in MLflow: a run per window in the monitoring experiment, named after the
 * model, version and window, tagged with what was watched ({@code mlops.model},
 * {@code mlops.monitor.*}), its numbers as metrics ({@code rows}, {@code drift.<column>},
 * {@code prediction_drift.<column>}, {@code live.<metric>}, ...), the reports as artifacts and the
 * record itself as the tag {@value #TAG_RECORD}, so that the history is one search.
 */
final class MlflowMonitoring {

    static final String TAG_KIND = "mlops.kind";
    static final String KIND = io.mlopsci.contract.StepId.MONITOR.id();
    static final String TAG_RECORD = "mlops.monitor.record";
    /** Not the training runs' completion tag: a monitoring run is no training run (findRun ignores it). */
    static final String TAG_COMPLETE = "mlops.monitor.complete";

    static final String RECORD_ARTIFACT = "mlops/monitor.json";
    private static final int MAX_TAG_VALUE = 8000;

    private final MlflowHttp http;
    private final MlflowArtifacts artifacts;
    private final MlflowExperiments experiments;
    private final String experiment;
    private final String display;

    MlflowMonitoring(
            MlflowHttp http,
            MlflowArtifacts artifacts,
            MlflowExperiments experiments,
            String experiment,
            String display) {
        this.http = http;
        this.artifacts = artifacts;
        this.experiments = experiments;
        this.experiment = experiment;
        this.display = display;
    }

    String experiment() {
        return experiment;
    }

    /** Creates the window's run, logs its numbers and files, and finishes it. */
    MonitorRecord log(MonitorRecord record, Map<String, Path> files) {
        String expId = experiments.idOf(experiment);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MlflowRegistry.TAG_MODEL, record.model());
        tags.put(TAG_KIND, KIND);
        tags.put("mlflow.runName", runName(record));
        put(tags, "mlops.monitor.alias", record.alias());
        put(tags, "mlops.monitor.model_version", record.modelVersion());
        put(tags, "mlops.monitor.window_start", record.windowStart());
        put(tags, "mlops.monitor.window_end", record.windowEnd());
        put(tags, "mlops.monitor.verdict", record.verdict());
        tags.put("mlops.monitor.retrain", String.valueOf(record.retrain()));
        record.tags().forEach(tags::putIfAbsent);
        CreateRun.Builder create = CreateRun.newBuilder()
                .setExperimentId(expId)
                .setStartTime(System.currentTimeMillis())
                .setRunName(runName(record));
        tags.forEach((k, v) ->
                create.addTags(RunTag.newBuilder().setKey(MlflowRegistry.key(k)).setValue(truncate(v))));
        Run created;
        try {
            created = http.post("runs/create", create.build(), CreateRun.Response.getDefaultInstance())
                    .getRun();
        } catch (MlopsException e) {
            throw new RegistryException(
                    "recording the monitoring window in MLflow at " + display + " (experiment '" + experiment
                            + "') failed: " + e.getMessage(),
                    e);
        }
        String id = created.getInfo().getRunId();
        MonitorRecord stored = record.withId(id);
        String stage = "logging its metrics";
        try {
            MlflowBatches.log(http, id, metrics(record), List.of(), Map.of());
            stage = "uploading its reports";
            String root = MlflowArtifacts.proxyPath(created.getInfo().getArtifactUri(), id, display);
            for (Map.Entry<String, Path> e : files.entrySet()) {
                artifacts.upload(root, e.getKey(), e.getValue());
            }
            stage = "storing the record";
            String json = Json.string(stored);
            Path tmp = java.nio.file.Files.createTempFile("mlops-monitor", ".json");
            try {
                java.nio.file.Files.writeString(tmp, json);
                artifacts.upload(root, RECORD_ARTIFACT, tmp);
            } finally {
                java.nio.file.Files.deleteIfExists(tmp);
            }
            // The record as a tag makes the history one search; a record too long for a tag is read from its artifact.
            Map<String, String> last = new LinkedHashMap<>();
            last.put(TAG_RECORD, json.length() <= MAX_TAG_VALUE ? json : "artifact:" + RECORD_ARTIFACT);
            last.put(TAG_COMPLETE, "true");
            MlflowBatches.log(http, id, List.of(), List.of(), last);
            http.post(
                    "runs/update",
                    UpdateRun.newBuilder()
                            .setRunId(id)
                            .setStatus(RunStatus.FINISHED)
                            .setEndTime(System.currentTimeMillis())
                            .build(),
                    UpdateRun.Response.getDefaultInstance());
            return stored;
        } catch (MlopsException | IOException e) {
            throw new RegistryException(
                    "recording the monitoring window in MLflow at " + display + " failed while " + stage + ": "
                            + e.getMessage() + "; run " + id + " is incomplete and not part of the history",
                    e);
        }
    }

    /** The model's complete monitoring runs, newest first, as records. */
    List<MonitorRecord> history(String model, int limit) {
        String expId = experiments.findId(experiment);
        if (expId == null) {
            return List.of();
        }
        String filter = "tags.`" + MlflowRegistry.TAG_MODEL + "` = '" + literal(model) + "' and tags.`" + TAG_KIND
                + "` = '" + KIND + "' and tags.`" + TAG_COMPLETE + "` = 'true'";
        List<MonitorRecord> out = new ArrayList<>();
        String token = null;
        // Enough runs to fill `limit` windows even when some windows were checked several times.
        int wanted = Math.min(1000, limit * 3);
        do {
            SearchRuns.Builder q = SearchRuns.newBuilder()
                    .addExperimentIds(expId)
                    .setFilter(filter)
                    .setRunViewType(ViewType.ACTIVE_ONLY)
                    .setMaxResults(Math.min(wanted, 1000))
                    .addOrderBy("attributes.start_time DESC");
            if (token != null) {
                q.setPageToken(token);
            }
            SearchRuns.Response r = http.post("runs/search", q.build(), SearchRuns.Response.getDefaultInstance());
            for (Run run : r.getRunsList()) {
                MonitorRecord rec = record(run);
                if (rec != null) {
                    out.add(rec);
                }
            }
            token = r.getNextPageToken().isEmpty() || out.size() >= wanted ? null : r.getNextPageToken();
        } while (token != null);
        return MonitorTags.latestPerWindow(out, limit);
    }

    private MonitorRecord record(Run run) {
        String json = null;
        for (RunTag t : run.getData().getTagsList()) {
            if (t.getKey().equals(TAG_RECORD)) {
                json = t.getValue();
            }
        }
        if (json == null) {
            return null;
        }
        try {
            if (json.startsWith("artifact:")) {
                Path tmp = java.nio.file.Files.createTempDirectory("mlops-monitor");
                try {
                    Path f = artifacts.download(
                            MlflowArtifacts.proxyPath(
                                    run.getInfo().getArtifactUri(),
                                    run.getInfo().getRunId(),
                                    display),
                            RECORD_ARTIFACT,
                            tmp);
                    if (f == null) {
                        return null;
                    }
                    return Json.read(f, MonitorRecord.class)
                            .withId(run.getInfo().getRunId());
                } finally {
                    io.mlopsci.core.io.AtomicFiles.deleteTree(tmp);
                }
            }
            return Json.mapper()
                    .readValue(json, MonitorRecord.class)
                    .withId(run.getInfo().getRunId());
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new RegistryException(
                    "cannot read the monitoring record of MLflow run "
                            + run.getInfo().getRunId() + ": " + e.getMessage(),
                    e);
        }
    }

    private static List<MlflowBatches.MetricPoint> metrics(MonitorRecord r) {
        long at = r.windowEnd() == null
                ? System.currentTimeMillis()
                : Instant.parse(r.windowEnd()).toEpochMilli();
        List<MlflowBatches.MetricPoint> out = new ArrayList<>();
        out.add(new MlflowBatches.MetricPoint("rows", r.rows(), at, 0));
        if (r.newestAgeSeconds() != null) {
            out.add(new MlflowBatches.MetricPoint("newest_age_s", r.newestAgeSeconds(), at, 0));
        }
        if (r.labelledRows() != null) {
            out.add(new MlflowBatches.MetricPoint("labelled_rows", r.labelledRows(), at, 0));
        }
        if (r.driftShare() != null) {
            out.add(new MlflowBatches.MetricPoint("drift_share", r.driftShare(), at, 0));
        }
        r.drift().forEach((c, m) -> {
            if (m.value() != null && Double.isFinite(m.value())) {
                out.add(new MlflowBatches.MetricPoint(MlflowRegistry.key("drift." + c), m.value(), at, 0));
            }
        });
        r.predictionDrift().forEach((c, m) -> {
            if (m.value() != null && Double.isFinite(m.value())) {
                out.add(new MlflowBatches.MetricPoint(MlflowRegistry.key("prediction_drift." + c), m.value(), at, 0));
            }
        });
        r.liveMetrics().forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                out.add(new MlflowBatches.MetricPoint(MlflowRegistry.key("live." + k), v, at, 0));
            }
        });
        return out;
    }

    private static String runName(MonitorRecord r) {
        return r.model() + (r.modelVersion() == null ? "" : " v" + r.modelVersion()) + " window "
                + (r.windowEnd() == null ? "" : r.windowEnd());
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String truncate(String v) {
        return v.length() <= MAX_TAG_VALUE ? v : v.substring(0, MAX_TAG_VALUE - 1) + "…";
    }

    private static String literal(String v) {
        if (v.indexOf('\'') >= 0 || v.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("not usable in an MLflow filter: " + v);
        }
        return v;
    }
}
