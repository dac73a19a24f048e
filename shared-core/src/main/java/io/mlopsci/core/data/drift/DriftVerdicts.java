package io.mlopsci.core.data.drift;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.Method;
import io.mlopsci.core.config.DataConfig.Thresholds;
import io.mlopsci.core.data.checks.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verdicts: each column's measure against its thresholds (distances drift at or above them,
 * p-values below), then the share of drifting columns against the dataset's; criteria and the
 * report's view of each column. Pure: nothing is read here.
 */
final class DriftVerdicts {

    /** The id prefix of validate-data's drift criteria ({@code drift.<column>}, {@code drift.dataset}). */
    static final String PREFIX = "drift";

    private DriftVerdicts() {}

    static DriftOutcome judge(
            DataConfig.Drift cfg, List<Criterion> early, List<ColumnResult> columns, String ref, String cur) {
        return judge(cfg, early, columns, ref, cur, PREFIX);
    }

    static DriftOutcome judge(
            DataConfig.Drift cfg,
            List<Criterion> early,
            List<ColumnResult> columns,
            String ref,
            String cur,
            String prefix) {
        List<Criterion> out = new ArrayList<>(early);
        List<DriftOutcome.ColumnView> views = new ArrayList<>();
        int drifted = 0;
        int compared = 0;
        for (ColumnResult c : columns) {
            Method m = c.method();
            Criterion.Builder b =
                    base(cfg, prefix, c.column().name(), m, c.column().location());
            String expected = expectedText(c.column().thresholds(), m);
            if (c.problem() != null) {
                out.add(b.status(Status.ERROR)
                        .expected(expected)
                        .message(c.problem()
                                + (c.because() != null && !c.because().equals("configured")
                                        ? " (" + c.because() + ")"
                                        : ""))
                        .build());
                views.add(new DriftOutcome.ColumnView(
                        c.column().name(),
                        m.key(),
                        "—",
                        null,
                        expected,
                        Status.ERROR,
                        Double.MAX_VALUE,
                        null,
                        null,
                        null));
                continue;
            }
            compared++;
            DriftMeasures.Measure r = c.measure();
            Thresholds t = c.column().thresholds();
            Status status;
            double rank;
            if (m.pValue()) {
                status = r.value() < t.pFail()
                        ? Texts.violated(cfg.severity())
                        : r.value() < t.pWarn() ? Status.WARN : Status.PASS;
                rank = r.value() <= 0 ? 1e9 : t.pFail() / r.value();
                b.direction(Direction.HIGHER).threshold(t.pFail());
            } else {
                status = r.value() >= t.fail()
                        ? Texts.violated(cfg.severity())
                        : r.value() >= t.warn() ? Status.WARN : Status.PASS;
                rank = t.fail() == 0 ? (r.value() > 0 ? 1e9 : 0) : r.value() / t.fail();
                b.direction(Direction.LOWER).threshold(t.fail());
            }
            if (status != Status.PASS) {
                drifted++;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("method", m.key());
            details.put("chosenBy", c.because());
            details.put("measure", DriftMeasures.measureName(m));
            details.put("definition", r.definition());
            details.put("value", r.value());
            if (r.statistic() != null) {
                details.put("statistic", r.statistic());
            }
            details.put("referenceValues", c.referenceValues());
            details.put("currentValues", c.currentValues());
            details.putAll(r.extra());
            out.add(b.status(status)
                    .actual(r.value())
                    .expected(expected)
                    .observed(observedText(m, r))
                    .message(capitalize(r.definition()) + "; " + c.because() + ". Reference " + ref + " ("
                            + Texts.count(c.referenceValues()) + " values) vs current " + cur + " ("
                            + Texts.count(c.currentValues()) + " values).")
                    .details(details)
                    .build());
            views.add(new DriftOutcome.ColumnView(
                    c.column().name(),
                    m.key(),
                    DriftMeasures.measureName(m),
                    r.value(),
                    expected,
                    status,
                    rank,
                    c.labels(),
                    Bins.shares(c.referenceCounts()),
                    Bins.shares(c.currentCounts())));
        }
        double share = compared == 0 ? 0 : (double) drifted / compared;
        datasetCriterion(cfg, prefix, share, drifted, compared).ifPresent(out::add);
        return new DriftOutcome(out, views, share, drifted, compared);
    }

    /** The share of drifting columns, when the configuration bounds it. */
    private static java.util.Optional<Criterion> datasetCriterion(
            DataConfig.Drift cfg, String prefix, double share, int drifted, int compared) {
        if (cfg.shareFail() == null && cfg.shareWarn() == null) {
            return java.util.Optional.empty();
        }
        Criterion.Builder b = Criterion.builder(prefix + ".dataset")
                .metric("dataset drift")
                .rule("drifting_column_share")
                .severity(cfg.severity())
                .location(cfg.shareAt() != null ? cfg.shareAt() : cfg.location())
                .direction(Direction.LOWER);
        String expected =
                (cfg.shareFail() != null ? "< " + Texts.percent(cfg.shareFail()) + " of columns drifting" : "")
                        + (cfg.shareWarn() != null ? " (warn at " + Texts.percent(cfg.shareWarn()) + ")" : "");
        if (compared == 0) {
            return java.util.Optional.of(b.status(Status.ERROR)
                    .expected(expected)
                    .message("no column could be compared")
                    .build());
        }
        Status s = cfg.shareFail() != null && share >= cfg.shareFail()
                ? Texts.violated(cfg.severity())
                : cfg.shareWarn() != null && share >= cfg.shareWarn() ? Status.WARN : Status.PASS;
        return java.util.Optional.of(b.status(s)
                .actual(share)
                .threshold(cfg.shareFail())
                .expected(expected.trim())
                .observed(Texts.percent(share) + " (" + drifted + " of " + compared + " columns)")
                .message("a column drifts when its measure reaches its warn threshold; " + drifted + " of " + compared
                        + " compared columns drift")
                .build());
    }

    /** The criterion every drift rule on a column starts from. */
    static Criterion.Builder base(DataConfig.Drift cfg, String prefix, String column, Method m, SourceLocation at) {
        return Criterion.builder(prefix + "." + column)
                .metric(column)
                .rule("drift_" + m.key())
                .severity(cfg.severity())
                .location(at);
    }

    private static String expectedText(Thresholds t, Method m) {
        if (m.pValue()) {
            return "p ≥ " + Texts.number(t.pFail()) + " (warn below " + Texts.number(t.pWarn()) + ")";
        }
        return "< " + Texts.number(t.fail()) + " (warn at " + Texts.number(t.warn()) + ")";
    }

    private static String observedText(Method m, DriftMeasures.Measure r) {
        String v = String.format(Locale.ROOT, "%.4g", r.value());
        return switch (m) {
            case KS -> "p = " + v + " (D = " + String.format(Locale.ROOT, "%.4f", r.statistic()) + ")";
            case CHISQUARE -> "p = " + v + " (χ² = " + String.format(Locale.ROOT, "%.4g", r.statistic()) + ")";
            default -> DriftMeasures.measureName(m) + " " + v;
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
