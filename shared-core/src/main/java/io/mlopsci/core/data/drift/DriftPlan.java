package io.mlopsci.core.data.drift;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.config.DataConfig.Thresholds;
import io.mlopsci.core.data.scan.DataFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Which columns drift compares and how, decided from the configuration and the two files' columns
 * alone (no data is read): the columns to compare, the criteria already known to be errors
 * (missing or uncomparable columns), and the columns left out with the reason. The drift
 * planner of validate-data and of a monitor run alike start here.
 */
record DriftPlan(List<DriftColumn> columns, List<Criterion> early, List<String> skipped) {

    DriftPlan {
        columns = List.copyOf(columns);
        early = List.copyOf(early);
        skipped = List.copyOf(skipped);
    }

    static DriftPlan of(DataConfig.Drift cfg, DataFile ref, DataFile cur) {
        return of(cfg, ref, cur, DriftVerdicts.PREFIX);
    }

    /** @param prefix the criteria's id prefix, e.g. {@code drift} ({@code drift.amount}) */
    static DriftPlan of(DataConfig.Drift cfg, DataFile ref, DataFile cur, String prefix) {
        List<String> names = new ArrayList<>();
        if (!cfg.columns().isEmpty()) {
            names.addAll(cfg.columns());
        } else {
            for (DataFile.Column c : ref.columns()) {
                if (!cfg.exclude().contains(c.name()) && cur.column(c.name()) != null) {
                    names.add(c.name());
                }
            }
        }
        List<DriftColumn> columns = new ArrayList<>();
        List<Criterion> early = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String name : names) {
            DataConfig.ColumnDrift per = cfg.perColumn().get(name);
            Method m = per != null ? per.method() : cfg.method();
            Thresholds t = per != null ? per.thresholds() : cfg.thresholds();
            SourceLocation at = per != null ? per.location() : cfg.location();
            DataFile.Column a = ref.column(name);
            DataFile.Column b = cur.column(name);
            if (a == null || b == null) {
                early.add(DriftVerdicts.base(cfg, prefix, name, m, at)
                        .status(Status.ERROR)
                        .expected(m.key())
                        .message("column '" + name + "' is not in " + (a == null ? ref.describe() : cur.describe()))
                        .build());
                continue;
            }
            if (a.kind() == DataFile.Kind.OTHER || b.kind() == DataFile.Kind.OTHER) {
                String type = a.kind() == DataFile.Kind.OTHER ? a.duckType() : b.duckType();
                if (cfg.columns().isEmpty() && !cfg.perColumn().containsKey(name)) {
                    skipped.add("'" + name + "' (" + type
                            + ") is not compared: drift compares numbers, dates, text and booleans");
                } else {
                    early.add(DriftVerdicts.base(cfg, prefix, name, m, at)
                            .status(Status.ERROR)
                            .expected(m.key())
                            .message("column '" + name + "' is " + type
                                    + "; drift compares numbers, dates, text and booleans")
                            .build());
                }
                continue;
            }
            String problem = a.ordered() != b.ordered()
                    ? "column '" + name + "' is " + a.duckType() + " in " + ref.display() + " but " + b.duckType()
                            + " in " + cur.display()
                    : null;
            // A global ks or wasserstein cannot measure text or booleans: those columns take the
            // categorical treatment auto gives them (documented), and say so. Asked for one column
            // by per_column, it stays an error.
            String fallback = null;
            if (per == null
                    && (m == Method.KS || m == Method.WASSERSTEIN)
                    && problem == null
                    && !a.ordered()
                    && !b.ordered()) {
                fallback = m.key() + " (the drift method) needs numbers and '" + name + "' is " + a.duckType()
                        + ": compared as categories, as auto does";
                m = Method.AUTO;
            }
            columns.add(new DriftColumn(name, a, b, m, t, at, a.ordered() && b.ordered(), problem, fallback));
        }
        return new DriftPlan(columns, early, skipped);
    }
}
