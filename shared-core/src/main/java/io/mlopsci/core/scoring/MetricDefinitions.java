package io.mlopsci.core.scoring;

import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.config.TrainConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gate computes beyond the catalogue's classification and regression metrics: metrics
 * aggregated from a per-example field, by name, and where ranking metrics find their query id and
 * relevance.
 *
 * @param scores     metric name → how it is aggregated from a field
 * @param query      the field holding the query id, or null
 * @param relevance  the field holding the graded relevance (the label field)
 * @param noRelevant what a query without a relevant item does to a ranking metric
 * @param input      the field holding each example's input or question (shown beside regressed
 *                   examples), or null
 */
public record MetricDefinitions(
        Map<String, GateConfig.ScoreColumn> scores,
        String query,
        String relevance,
        GateConfig.NoRelevant noRelevant,
        String input) {

    public static final MetricDefinitions NONE =
            new MetricDefinitions(Map.of(), null, null, GateConfig.NoRelevant.ZERO, null);

    public MetricDefinitions {
        scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        noRelevant = noRelevant == null ? GateConfig.NoRelevant.ZERO : noRelevant;
    }

    /** The definitions a gate's rules (and its slices' rules) make. */
    public static MetricDefinitions of(GateConfig gate, TrainConfig.PredictionsConfig cols) {
        Map<String, GateConfig.ScoreColumn> scores = new LinkedHashMap<>();
        List<GateConfig.MetricRule> all = new java.util.ArrayList<>(gate.metrics());
        gate.slices().forEach(s -> all.addAll(s.metrics()));
        for (GateConfig.MetricRule r : all) {
            if (r.score() != null) {
                scores.putIfAbsent(r.name(), r.score());
            }
        }
        return new MetricDefinitions(
                scores,
                cols == null ? null : cols.query(),
                cols == null ? null : cols.label(),
                gate.ranking().noRelevant(),
                cols == null ? null : cols.input());
    }
}
