package io.mlopsci.core.data.checks;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.config.DataConfig.TableRules;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.SqlRunner;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules on a file as a whole: row count bounds, the share of duplicate rows, and the balance of
 * the label's classes. Duplicates and classes need a grouping query each (DuckDB spills it to disk
 * when it outgrows memory); the row count is known from opening the file.
 */
public final class TableChecks {

    /** Above this many classes the label is not treated as categorical. */
    static final int MAX_CLASSES = 1000;

    private final DataConfig data;
    private final DataFile file;
    private final SqlRunner db;

    public TableChecks(DataConfig data, DataFile file, SqlRunner db) {
        this.data = data;
        this.file = file;
        this.db = db;
    }

    public List<Criterion> evaluate() throws SQLException {
        TableRules t = data.table();
        List<Criterion> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        String prefix = file.role().key() + ".table.";
        if (t.minRows() != null || t.maxRows() != null) {
            boolean ok = (t.minRows() == null || file.rows() >= t.minRows())
                    && (t.maxRows() == null || file.rows() <= t.maxRows());
            String expected = t.minRows() != null && t.maxRows() != null
                    ? "between " + Texts.count(t.minRows()) + " and " + Texts.count(t.maxRows())
                    : t.minRows() != null ? "≥ " + Texts.count(t.minRows()) : "≤ " + Texts.count(t.maxRows());
            out.add(Criterion.builder(prefix + "rows")
                    .metric(file.role().key() + " rows")
                    .rule("rows")
                    .status(ok ? Status.PASS : Texts.violated(t.severity()))
                    .severity(t.severity())
                    .actual((double) file.rows())
                    .threshold(rowThreshold(t))
                    .expected(expected + " rows")
                    .observed(Texts.count(file.rows()) + " rows")
                    .message(
                            ok
                                    ? null
                                    : file.display() + " has " + Texts.count(file.rows()) + " rows; expected "
                                            + expected)
                    .location(t.rowsAt())
                    .build());
        }
        if (t.maxDuplicateFraction() != null) {
            out.add(duplicates(prefix, t));
        }
        if (t.classBalance() != null && data.label() != null) {
            out.addAll(classBalance(prefix, t));
        }
        return out;
    }

    private Double rowThreshold(TableRules t) {
        if (t.minRows() != null && (file.rows() < t.minRows() || t.maxRows() == null)) {
            return Double.valueOf(t.minRows());
        }
        return t.maxRows() == null ? null : Double.valueOf(t.maxRows());
    }

    private Criterion duplicates(String prefix, TableRules t) throws SQLException {
        long distinct = db.one(
                        "SELECT count(*) AS n FROM (SELECT DISTINCT * FROM " + file.table() + ")",
                        "counting duplicate rows of " + file.display(),
                        file.bytes())
                .count("n");
        long dups = file.rows() - distinct;
        double fraction = (double) dups / file.rows();
        boolean ok = fraction <= t.maxDuplicateFraction();
        Criterion.Builder b = Criterion.builder(prefix + "duplicates")
                .metric(file.role().key() + " rows")
                .rule("duplicate_fraction")
                .status(ok ? Status.PASS : Texts.violated(t.severity()))
                .severity(t.severity())
                .actual(fraction)
                .threshold(t.maxDuplicateFraction())
                .direction(Direction.LOWER)
                .expected("≤ " + Texts.percent(t.maxDuplicateFraction()) + " of rows repeat an earlier row")
                .observed(Texts.percent(fraction) + " (" + Texts.count(dups) + " of " + Texts.count(file.rows()) + ")")
                .location(t.duplicatesAt());
        if (dups > 0) {
            List<Map<String, Object>> examples = new ArrayList<>();
            String cols = String.join(
                    ", ", file.columns().stream().map(DataFile.Column::sql).toList());
            for (Row r : db.all(
                    "SELECT count(*) AS __n, min(" + DataFile.ROW + ") AS __first, " + cols + " FROM "
                            + file.numbered() + " GROUP BY ALL HAVING count(*) > 1 ORDER BY __n DESC, __first LIMIT "
                            + Evidence.LIST,
                    "listing duplicate rows of " + file.display(),
                    file.bytes(),
                    Evidence.LIST)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("count", r.count("__n"));
                m.put("firstRow", r.getLong("__first"));
                Map<String, Object> values = new LinkedHashMap<>();
                file.columns().forEach(c -> values.put(c.name(), r.getString(c.name())));
                m.put("values", values);
                examples.add(m);
            }
            StringBuilder text = new StringBuilder();
            for (Map<String, Object> e : examples) {
                text.append(text.length() == 0 ? "" : "; ")
                        .append("row ")
                        .append(Texts.count((Long) e.get("firstRow")))
                        .append(" occurs ")
                        .append(Texts.count((Long) e.get("count")))
                        .append(" times");
            }
            b.message(Texts.count(dups) + " duplicate rows: " + text)
                    .details(Map.of("duplicates", dups, "examples", examples));
        }
        return b.build();
    }

    private List<Criterion> classBalance(String prefix, TableRules t) throws SQLException {
        DataConfig.ClassBalance cb = t.classBalance();
        String metric = file.role().key() + "." + data.label();
        DataFile.Column label = file.column(data.label());
        List<Criterion> out = new ArrayList<>();
        if (label == null) {
            out.add(Criterion.builder(prefix + "class_balance")
                    .metric(metric)
                    .rule("class_balance")
                    .status(Status.ERROR)
                    .severity(t.severity())
                    .expected(balanceText(cb))
                    .message("no label column '" + data.label() + "' in " + file.display())
                    .location(cb.location())
                    .build());
            return out;
        }
        List<Row> classes = db.all(
                "SELECT " + db.dialect().text(label.sql()) + " AS v, count(*) AS n FROM " + file.table() + " WHERE "
                        + label.sql() + " IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT " + (MAX_CLASSES + 1),
                "counting the classes of " + file.display(),
                file.bytes(),
                MAX_CLASSES + 1);
        long total = classes.stream().mapToLong(r -> r.count("n")).sum();
        if (classes.isEmpty() || classes.size() > MAX_CLASSES) {
            out.add(Criterion.builder(prefix + "class_balance")
                    .metric(metric)
                    .rule("class_balance")
                    .status(Status.ERROR)
                    .severity(t.severity())
                    .expected(balanceText(cb))
                    .message(
                            classes.isEmpty()
                                    ? "every label is null in " + file.display()
                                    : "the label has more than " + MAX_CLASSES
                                            + " distinct values; class balance needs a categorical" + " label")
                    .location(cb.location())
                    .build());
            return out;
        }
        Map<String, Object> shares = new LinkedHashMap<>();
        classes.forEach(r -> shares.put(r.getString("v"), (double) r.count("n") / total));
        Row rare = classes.get(classes.size() - 1);
        Row common = classes.get(0);
        if (cb.min() != null) {
            double share = (double) rare.count("n") / total;
            boolean ok = share >= cb.min();
            out.add(Criterion.builder(prefix + "class_balance.min")
                    .metric(metric)
                    .rule("rarest_class_share")
                    .status(ok ? Status.PASS : Texts.violated(t.severity()))
                    .severity(t.severity())
                    .actual(share)
                    .threshold(cb.min())
                    .direction(Direction.HIGHER)
                    .expected("every class ≥ " + Texts.percent(cb.min()))
                    .observed("rarest " + Texts.quote(rare.getString("v")) + ": " + Texts.percent(share) + " ("
                            + Texts.count(rare.count("n")) + " of " + Texts.count(total) + ")")
                    .message(
                            ok
                                    ? null
                                    : "class " + Texts.quote(rare.getString("v")) + " has only " + Texts.percent(share)
                                            + " of the labelled rows")
                    .details(Map.of("shares", shares))
                    .location(cb.location())
                    .build());
        }
        if (cb.max() != null) {
            double share = (double) common.count("n") / total;
            boolean ok = share <= cb.max();
            out.add(Criterion.builder(prefix + "class_balance.max")
                    .metric(metric)
                    .rule("commonest_class_share")
                    .status(ok ? Status.PASS : Texts.violated(t.severity()))
                    .severity(t.severity())
                    .actual(share)
                    .threshold(cb.max())
                    .direction(Direction.LOWER)
                    .expected("every class ≤ " + Texts.percent(cb.max()))
                    .observed("most common " + Texts.quote(common.getString("v")) + ": " + Texts.percent(share))
                    .message(
                            ok
                                    ? null
                                    : "class " + Texts.quote(common.getString("v")) + " has " + Texts.percent(share)
                                            + " of the labelled rows")
                    .details(Map.of("shares", shares))
                    .location(cb.location())
                    .build());
        }
        return out;
    }

    private static String balanceText(DataConfig.ClassBalance cb) {
        return (cb.min() != null ? "every class ≥ " + Texts.percent(cb.min()) : "")
                + (cb.min() != null && cb.max() != null ? " and " : "")
                + (cb.max() != null ? "≤ " + Texts.percent(cb.max()) : "");
    }
}
