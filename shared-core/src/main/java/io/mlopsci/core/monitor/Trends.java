package io.mlopsci.core.monitor;

import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.core.data.checks.Texts;
import io.mlopsci.core.registry.MonitorRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's view of the past windows (from the registry) and this one: a table of every window,
 * then a line chart per drifting column — its measure in each window against the fail threshold —
 * and one of the live metrics; renderers show each chart's numbers as a table beside it (Mermaid
 * {@code xychart-beta} in Markdown).
 */
final class Trends {

    /** Columns charted, at most. */
    static final int CHARTS = 6;

    private Trends() {}

    /**
     * @param windows    past windows and this one, oldest first
     * @param drifting   the columns that drift now, worst first
     * @param thresholds each column's fail threshold (null: none to draw)
     */
    static List<ReportSection> sections(
            List<MonitorRecord> windows, List<String> drifting, Map<String, Double> thresholds) {
        List<ReportSection> out = new ArrayList<>();
        List<String> x = windows.stream().map(r -> label(r.windowEnd())).toList();
        List<List<String>> rows = new ArrayList<>();
        for (MonitorRecord r : windows) {
            List<String> worst = r.drift().entrySet().stream()
                    .filter(e -> "FAIL".equals(e.getValue().status())
                            || "WARN".equals(e.getValue().status()))
                    .map(Map.Entry::getKey)
                    .limit(4)
                    .toList();
            rows.add(List.of(
                    label(r.windowEnd()),
                    r.modelVersion() == null ? "—" : r.modelVersion(),
                    String.valueOf(r.rows()),
                    r.driftShare() == null ? "—" : Texts.percent(r.driftShare()),
                    worst.isEmpty() ? "—" : String.join(", ", worst),
                    metrics(r.liveMetrics()),
                    r.verdict() + (r.retrain() ? " (retrain)" : "")));
        }
        out.add(new ReportSection(
                "Monitoring history",
                "The last " + windows.size() + (windows.size() == 1 ? " window" : " windows")
                        + " of this model, the newest last (a window checked again as labels arrived counts once).",
                new ReportSection.Table(
                        List.of(
                                "Window end",
                                "Version",
                                "Records",
                                "Drifting share",
                                "Drifting",
                                "Live metrics",
                                "Verdict"),
                        rows),
                null,
                false));
        if (windows.size() < 2) {
            return out;
        }
        for (String column : drifting.stream().limit(CHARTS).toList()) {
            List<Double> values = windows.stream()
                    .map(r -> r.drift().get(column))
                    .map(m -> m == null ? null : m.value())
                    .toList();
            List<ReportSection.Series> series = new ArrayList<>();
            series.add(new ReportSection.Series(column, values));
            Double t = thresholds.get(column);
            if (t != null) {
                series.add(
                        new ReportSection.Series("fail threshold", java.util.Collections.nCopies(windows.size(), t)));
            }
            String method = windows.get(windows.size() - 1).drift().get(column) == null
                    ? ""
                    : windows.get(windows.size() - 1).drift().get(column).method();
            out.add(new ReportSection(
                    "Drift of " + column + " over time",
                    method.isEmpty() ? null : "Measure: " + method + ", per window.",
                    null,
                    new ReportSection.Chart("line", column + " (" + method + ")", "window end", method, x, series),
                    false));
        }
        Set<String> metrics = new LinkedHashSet<>();
        windows.forEach(r -> metrics.addAll(r.liveMetrics().keySet()));
        if (!metrics.isEmpty()) {
            List<ReportSection.Series> series = new ArrayList<>();
            for (String m : metrics) {
                series.add(new ReportSection.Series(
                        m, windows.stream().map(r -> r.liveMetrics().get(m)).toList()));
            }
            out.add(new ReportSection(
                    "Live metrics over time",
                    "From the labelled records of each window (none where labels had not arrived).",
                    null,
                    new ReportSection.Chart("line", "live metrics", "window end", "value", x, series),
                    true));
        }
        return out;
    }

    private static String metrics(Map<String, Double> m) {
        if (m.isEmpty()) {
            return "—";
        }
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + " " + Numbers.value(v)));
        return String.join(", ", parts);
    }

    /** {@code 2026-01-05 00:00} from an ISO instant. */
    static String label(String instant) {
        if (instant == null) {
            return "—";
        }
        String s = instant.replace('T', ' ');
        int z = s.indexOf('Z');
        s = z > 0 ? s.substring(0, z) : s;
        return s.length() > 16 ? s.substring(0, 16) : s;
    }
}
