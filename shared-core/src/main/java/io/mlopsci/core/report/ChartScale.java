package io.mlopsci.core.report;

import io.mlopsci.contract.result.ReportSection;

/**
 * The value range a chart's axis shows: the finite values' range, padded by 10% (lines) or from 0
 * (bars), and never empty — so the Mermaid and SVG renderings of a chart agree.
 */
record ChartScale(double min, double max) {

    static ChartScale of(ReportSection.Chart chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ReportSection.Series s : chart.series()) {
            for (Double v : s.values()) {
                if (v != null && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        boolean bars = "bar".equals(chart.kind());
        if (min > max) {
            return new ChartScale(0, 1);
        }
        double pad = max == min ? Math.max(Math.abs(max) * 0.05, 0.01) : (max - min) * 0.1;
        return bars ? new ChartScale(Math.min(0, min), max + pad) : new ChartScale(min - pad, max + pad);
    }
}
