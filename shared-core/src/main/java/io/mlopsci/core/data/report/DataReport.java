package io.mlopsci.core.data.report;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Effect;
import io.mlopsci.contract.result.Numbers;
import io.mlopsci.contract.result.ReportSection;
import io.mlopsci.contract.result.Status;
import io.mlopsci.contract.result.StepResult;
import io.mlopsci.contract.result.ValidateDataOutputs;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Role;
import io.mlopsci.core.data.checks.Texts;
import io.mlopsci.core.data.drift.DriftCheck;
import io.mlopsci.core.data.drift.DriftOutcome;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DuckDb;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validate-data report sections (kept in result.json, so every renderer draws them): the profile
 * by column (see {@link Profiles}), the files read, the top drifting columns as a table, and for each
 * drifting or failing column the reference and current histograms (or category shares) side by side
 * as a bar chart.
 */
public final class DataReport {

    /** Rows of the drift table. */
    static final int TOP = 20;

    private DataReport() {}

    /** The columns that get a chart: drifting ones, then those with a failing rule, at most a dozen. */
    public static List<String> chartedColumns(List<DriftOutcome.ColumnView> views, List<Criterion> criteria) {
        Set<String> out = new LinkedHashSet<>();
        views.stream()
                .filter(v -> v.status() == Status.FAIL || v.status() == Status.WARN)
                .sorted(Comparator.comparingDouble(DriftOutcome.ColumnView::severityRank)
                        .reversed())
                .forEach(v -> out.add(v.column()));
        Set<String> compared = new LinkedHashSet<>();
        views.forEach(v -> compared.add(v.column()));
        for (Criterion c : criteria) {
            if (c.effect() != Effect.PASS && c.metric() != null && c.metric().contains(".")) {
                String column = c.metric().substring(c.metric().indexOf('.') + 1);
                if (compared.contains(column)) {
                    out.add(column);
                }
            }
        }
        return out.stream().limit(12).toList();
    }

    /**
     * The file the report profiles by column: the drift's current file, else the last one validated
     * (eval before train), else the first one read.
     */
    public static DataFile profiled(DataConfig data, Map<Role, DataFile> files) {
        if (data.drift() != null && files.containsKey(data.drift().current())) {
            return files.get(data.drift().current());
        }
        for (Role r : List.of(Role.EVAL, Role.TRAIN, Role.REFERENCE)) {
            if (data.validate().contains(r) && files.containsKey(r)) {
                return files.get(r);
            }
        }
        return files.isEmpty() ? null : files.values().iterator().next();
    }

    public static void write(
            StepResult.Builder result,
            DataConfig data,
            Map<Role, DataFile> files,
            DriftCheck drift,
            DriftOutcome outcome,
            List<Criterion> criteria,
            ColumnStats stats) {
        if (stats != null) {
            result.outputs(new ValidateDataOutputs(
                    null,
                    null,
                    null,
                    Profiles.profile(stats, outcome == null ? null : outcome.views(), criteria, Profiles.roles())));
        }
        List<List<String>> rows = new ArrayList<>();
        Map<String, ValidateDataOutputs.DataFile> fileOutputs = new LinkedHashMap<>();
        for (DataFile f : files.values()) {
            rows.add(List.of(
                    f.role().key(),
                    f.display(),
                    f.format() == null ? "table" : f.format().name().toLowerCase(Locale.ROOT),
                    Texts.count(f.rows()),
                    String.valueOf(f.columns().size()),
                    f.bytes() < 0 ? "—" : DuckDb.size(f.bytes())));
            fileOutputs.put(
                    f.role().key(),
                    new ValidateDataOutputs.DataFile(
                            f.display(),
                            f.rows(),
                            f.columns().stream().map(DataFile.Column::name).toList()));
        }
        result.section(new ReportSection(
                "Data files",
                null,
                new ReportSection.Table(List.of("Role", "File", "Format", "Rows", "Columns", "Size"), rows),
                null,
                false));
        result.outputs(new ValidateDataOutputs(fileOutputs, null, null));
        if (drift == null || outcome == null) {
            return;
        }
        driftSections(drift, outcome, criteria).forEach(result::section);
        result.outputs(new ValidateDataOutputs(null, driftOutputs(outcome), outcome.share()));
    }

    /** Each compared column's method, value and status, as result.json's outputs hold them. */
    public static Map<String, ValidateDataOutputs.ColumnDrift> driftOutputs(DriftOutcome outcome) {
        Map<String, ValidateDataOutputs.ColumnDrift> driftOut = new LinkedHashMap<>();
        for (DriftOutcome.ColumnView v : outcome.views()) {
            driftOut.put(v.column(), new ValidateDataOutputs.ColumnDrift(v.method(), v.value(), v.status()));
        }
        return driftOut;
    }

    /**
     * The drift sections: the strongest drifting columns as a table, then reference and current
     * histograms (or category shares) of each drifting or failing column (monitor's too).
     */
    public static List<ReportSection> driftSections(DriftCheck drift, DriftOutcome outcome, List<Criterion> criteria) {
        List<ReportSection> sections = new ArrayList<>();
        List<DriftOutcome.ColumnView> views = outcome.views();
        String pair = drift.reference().display() + " → " + drift.current().display();
        List<DriftOutcome.ColumnView> ranked = views.stream()
                .sorted(Comparator.comparingDouble(DriftOutcome.ColumnView::severityRank)
                        .reversed())
                .toList();
        List<List<String>> table = new ArrayList<>();
        for (DriftOutcome.ColumnView v : ranked.subList(0, Math.min(TOP, ranked.size()))) {
            table.add(List.of(
                    v.column(),
                    v.method(),
                    v.measure(),
                    v.value() == null ? "—" : Numbers.value(v.value()),
                    v.threshold(),
                    v.status().name()));
        }
        String text = "Reference " + drift.reference().display() + " ("
                + drift.reference().role().key() + "), current "
                + drift.current().display() + " (" + drift.current().role().key() + "). " + outcome.drifted() + " of "
                + outcome.compared() + " compared columns drift (" + Texts.percent(outcome.share()) + ")"
                + (ranked.size() > TOP ? "; the " + TOP + " strongest of " + ranked.size() + " are listed" : "")
                + ". Distances (PSI, Wasserstein/σ, Jensen–Shannon) drift at or above their threshold; p-values (KS,"
                + " chi-square) below it. Each criterion's message states the measure's exact definition.";
        sections.add(new ReportSection(
                "Top drifting columns: " + pair,
                text,
                new ReportSection.Table(List.of("Column", "Method", "Measure", "Value", "Threshold", "Result"), table),
                null,
                false));

        List<String> charted = chartedColumns(views, criteria);
        for (String name : charted) {
            DriftOutcome.ColumnView v = views.stream()
                    .filter(x -> x.column().equals(name))
                    .findFirst()
                    .orElse(null);
            if (v == null || v.labels() == null || v.reference() == null || v.current() == null) {
                continue;
            }
            // The pooled bin of categories is drawn only when it holds values.
            List<String> labels = new ArrayList<>();
            List<Double> reference = new ArrayList<>();
            List<Double> current = new ArrayList<>();
            for (int i = 0; i < v.labels().size(); i++) {
                boolean empty = v.reference().get(i) == 0 && v.current().get(i) == 0;
                if (!(empty && v.labels().get(i).startsWith("("))) {
                    labels.add(v.labels().get(i));
                    reference.add(v.reference().get(i));
                    current.add(v.current().get(i));
                }
            }
            ReportSection.Chart chart = new ReportSection.Chart(
                    "bar",
                    name + ": reference vs current",
                    labels.size() > 0 && labels.get(0).startsWith("<") ? "bin" : "value",
                    "% of non-null values",
                    labels,
                    List.of(
                            new ReportSection.Series(
                                    "reference (" + drift.reference().display() + ")", reference),
                            new ReportSection.Series(
                                    "current (" + drift.current().display() + ")", current)));
            String caption = v.measure() + (v.value() == null ? "" : " = " + Numbers.value(v.value())) + " ("
                    + v.status() + "; threshold " + v.threshold() + ")";
            sections.add(new ReportSection("Distribution of " + name, caption, null, chart, true));
        }
        return sections;
    }
}
