package io.mlopsci.core.monitor;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.MonitorConfig;
import io.mlopsci.core.data.checks.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Volume and freshness: the records in the window within {@code monitor.volume}'s bounds, and the
 * newest record at most {@code monitor.freshness.max_age} old at the window's end. An empty window
 * fails both — traffic stopped, or logging did — and says when the last record was written.
 */
final class VolumeChecks {

    private VolumeChecks() {}

    /**
     * @param newest the newest record before the window's end (in the window, or earlier when it is
     *     empty); null when there is none at all
     */
    static List<Criterion> judge(MonitorConfig m, Window w, long rows, Instant newest, String files) {
        List<Criterion> out = new ArrayList<>();
        MonitorConfig.Volume v = m.volume();
        Criterion.Builder b = Criterion.builder(CheckKind.VOLUME + ".rows")
                .metric("records in the window")
                .rule("rows")
                .severity(v.severity())
                .actual((double) rows)
                .threshold((double) v.minRows())
                .expected("≥ " + Texts.count(v.minRows())
                        + (v.maxRows() == null ? "" : ", ≤ " + Texts.count(v.maxRows())))
                .observed(Texts.count(rows))
                .location(v.location() != null ? v.location() : m.location());
        if (rows < v.minRows()) {
            out.add(b.status(Texts.violated(v.severity()))
                    .direction(Direction.HIGHER)
                    .message((rows == 0 ? "no record" : "only " + Texts.count(rows) + " records") + " of " + files
                            + " fall in " + w + (newest == null ? "" : "; the newest is from " + newest)
                            + ": traffic stopped, or the records are not written (monitor.volume.min_rows "
                            + v.minRows() + ")")
                    .build());
        } else if (v.maxRows() != null && rows > v.maxRows()) {
            out.add(b.status(Texts.violated(v.severity()))
                    .direction(Direction.LOWER)
                    .threshold((double) v.maxRows())
                    .message(Texts.count(rows) + " records fall in " + w + ", more than monitor.volume.max_rows "
                            + Texts.count(v.maxRows()))
                    .build());
        } else {
            out.add(b.status(Status.PASS).build());
        }

        MonitorConfig.Freshness f = m.freshness();
        Criterion.Builder a = Criterion.builder(CheckKind.FRESHNESS + ".newest_age")
                .metric("age of the newest record")
                .rule("max_age")
                .severity(f.severity())
                .direction(Direction.LOWER)
                .threshold((double) f.maxAge().getSeconds())
                .expected("≤ " + Window.human(f.maxAge()))
                .location(f.location() != null ? f.location() : m.location());
        if (newest == null) {
            out.add(a.status(Texts.violated(f.severity()))
                    .observed("no record")
                    .message(files + " hold no record before " + w.end())
                    .build());
            return out;
        }
        Duration age = Duration.between(newest, w.end());
        a.actual((double) age.getSeconds()).observed(Window.human(age.withNanos(0)) + " (" + newest + ")");
        out.add(
                age.compareTo(f.maxAge()) <= 0
                        ? a.status(Status.PASS).build()
                        : a.status(Texts.violated(f.severity()))
                                .message("the newest record (" + newest + ") is " + Window.human(age.withNanos(0))
                                        + " old at " + w.end() + ", more than monitor.freshness.max_age "
                                        + Window.human(f.maxAge()))
                                .build());
        return out;
    }
}
