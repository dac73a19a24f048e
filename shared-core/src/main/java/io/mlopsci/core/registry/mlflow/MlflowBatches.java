package io.mlopsci.core.registry.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service.LogBatch;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunTag;

/**
 * {@code runs/log-batch} within MLflow's limits per request: at most 1000 metrics, 100 params,
 * 100 tags and 1000 entities in all. Re-sending a batch is harmless (MLflow keeps equal params
 * and identical metric points once), so a retried request cannot corrupt a run.
 */
final class MlflowBatches {

    static final int MAX_METRICS = 1000;
    static final int MAX_PARAMS = 100;
    static final int MAX_TAGS = 100;
    static final int MAX_ENTITIES = 1000;

    /** One value of a metric. */
    record MetricPoint(String key, double value, long timestamp, long step) {}

    private MlflowBatches() {}

    static void log(
            MlflowHttp http,
            String runId,
            List<MetricPoint> metrics,
            List<Map.Entry<String, String>> params,
            Map<String, String> tags) {
        for (LogBatch batch : batches(runId, metrics, params, tags)) {
            http.post("runs/log-batch", batch, LogBatch.Response.getDefaultInstance());
        }
    }

    static List<LogBatch> batches(
            String runId, List<MetricPoint> metrics, List<Map.Entry<String, String>> params, Map<String, String> tags) {
        List<RunTag> tagList = new ArrayList<>();
        tags.forEach(
                (k, v) -> tagList.add(RunTag.newBuilder().setKey(k).setValue(v).build()));
        List<LogBatch> out = new ArrayList<>();
        int m = 0;
        int p = 0;
        int t = 0;
        while (m < metrics.size() || p < params.size() || t < tagList.size()) {
            LogBatch.Builder b = LogBatch.newBuilder().setRunId(runId);
            int entities = 0;
            for (int n = 0; p < params.size() && n < MAX_PARAMS && entities < MAX_ENTITIES; n++, p++, entities++) {
                b.addParams(Param.newBuilder()
                        .setKey(params.get(p).getKey())
                        .setValue(params.get(p).getValue()));
            }
            for (int n = 0; t < tagList.size() && n < MAX_TAGS && entities < MAX_ENTITIES; n++, t++, entities++) {
                b.addTags(tagList.get(t));
            }
            for (int n = 0; m < metrics.size() && n < MAX_METRICS && entities < MAX_ENTITIES; n++, m++, entities++) {
                MetricPoint x = metrics.get(m);
                b.addMetrics(Metric.newBuilder()
                        .setKey(x.key())
                        .setValue(x.value())
                        .setTimestamp(x.timestamp())
                        .setStep(x.step()));
            }
            out.add(b.build());
        }
        return out;
    }
}
