package io.mlopsci.core.data.checks;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.SourceLocation;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.DataConfig;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.SqlRunner;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leakage between train and eval data: eval rows whose key also occurs in train, and eval rows
 * identical to a train row on the shared columns. Each is one semi-join (DuckDB spills the hash
 * table when it outgrows memory).
 */
public final class LeakageCheck {

    private final DataConfig.Leakage rules;
    private final DataFile train;
    private final DataFile eval;
    private final SqlRunner db;

    public LeakageCheck(DataConfig.Leakage rules, DataFile train, DataFile eval, SqlRunner db) {
        this.rules = rules;
        this.train = train;
        this.eval = eval;
        this.db = db;
    }

    public List<Criterion> evaluate() throws SQLException {
        List<Criterion> out = new ArrayList<>();
        if (!rules.keys().isEmpty()) {
            List<String> missing = new ArrayList<>();
            for (String k : rules.keys()) {
                if (train.column(k) == null || eval.column(k) == null) {
                    missing.add(k + " (not in " + (train.column(k) == null ? train.display() : eval.display()) + ")");
                }
            }
            if (!missing.isEmpty()) {
                out.add(Criterion.builder("leakage.keys")
                        .metric("train/eval keys")
                        .rule("shared_keys")
                        .status(Status.ERROR)
                        .severity(rules.severity())
                        .expected(expected("share a key with train"))
                        .message("cannot compare keys: " + String.join(", ", missing))
                        .location(rules.keysAt())
                        .build());
            } else {
                out.add(compare(
                        "leakage.keys",
                        "train/eval keys",
                        "shared_keys",
                        rules.keys(),
                        false,
                        rules.keysAt(),
                        "share a key (" + String.join(", ", rules.keys()) + ") with train"));
            }
        }
        if (rules.rows()) {
            List<String> shared = new ArrayList<>();
            for (DataFile.Column c : eval.columns()) {
                if (train.column(c.name()) != null && !rules.ignore().contains(c.name())) {
                    shared.add(c.name());
                }
            }
            if (shared.isEmpty()) {
                out.add(Criterion.builder("leakage.rows")
                        .metric("train/eval rows")
                        .rule("shared_rows")
                        .status(Status.ERROR)
                        .severity(rules.severity())
                        .expected(expected("equal a train row"))
                        .message("train and eval share no column to compare (after ignoring " + rules.ignore() + ")")
                        .location(rules.rowsAt())
                        .build());
            } else {
                out.add(compare(
                        "leakage.rows",
                        "train/eval rows",
                        "shared_rows",
                        shared,
                        true,
                        rules.rowsAt(),
                        "equal a train row on " + shared.size() + " shared columns"));
            }
        }
        return out;
    }

    private String expected(String what) {
        return rules.maxFraction() == 0
                ? "no eval row may " + what
                : "≤ " + Texts.percent(rules.maxFraction()) + " of eval rows " + what;
    }

    private Criterion compare(
            String id,
            String metric,
            String rule,
            List<String> columns,
            boolean nullSafe,
            SourceLocation at,
            String what)
            throws SQLException {
        List<String> conditions = new ArrayList<>();
        for (String c : columns) {
            DataFile.Column a = train.column(c);
            DataFile.Column b = eval.column(c);
            boolean sameType = a.duckType().equals(b.duckType());
            String left = sameType ? "t." + a.sql() : db.dialect().text("t." + a.sql());
            String right = sameType ? "e." + b.sql() : db.dialect().text("e." + b.sql());
            conditions.add(left + (nullSafe ? " IS NOT DISTINCT FROM " : " = ") + right);
        }
        String exists = "EXISTS (SELECT 1 FROM " + train.table() + " t WHERE " + String.join(" AND ", conditions) + ")";
        String keyTuple = columns.size() == 1
                ? "e." + eval.column(columns.get(0)).sql()
                : "("
                        + String.join(
                                ", ",
                                columns.stream()
                                        .map(c -> "e." + eval.column(c).sql())
                                        .toList()) + ")";
        Row r = db.one(
                "SELECT count(*) AS n, count(DISTINCT " + keyTuple + ") AS k FROM " + eval.numbered() + " e WHERE "
                        + exists,
                "comparing " + eval.display() + " with " + train.display(),
                eval.bytes() + train.bytes());
        long leaked = r.count("n");
        double fraction = (double) leaked / eval.rows();
        boolean ok = fraction <= rules.maxFraction();
        Criterion.Builder b = Criterion.builder(id)
                .metric(metric)
                .rule(rule)
                .status(ok ? Status.PASS : Texts.violated(rules.severity()))
                .severity(rules.severity())
                .actual(fraction)
                .threshold(rules.maxFraction())
                .direction(Direction.LOWER)
                .expected(expected(what))
                .observed(
                        leaked == 0
                                ? "none of " + Texts.count(eval.rows()) + " eval rows"
                                : Texts.count(leaked) + " of " + Texts.count(eval.rows()) + " eval rows ("
                                        + Texts.percent(fraction) + ")"
                                        + (nullSafe ? "" : ", " + Texts.count(r.count("k")) + " distinct keys"))
                .location(at);
        if (leaked > 0) {
            List<Map<String, Object>> examples = new ArrayList<>();
            String shown = String.join(
                    ", ",
                    columns.stream()
                            .limit(8)
                            .map(c -> db.dialect().text("e." + eval.column(c).sql()) + " AS "
                                    + eval.column(c).sql())
                            .toList());
            for (Row x : db.all(
                    "SELECT e." + DataFile.ROW + " AS __row, " + shown + " FROM " + eval.numbered() + " e WHERE "
                            + exists + " ORDER BY e." + DataFile.ROW + " LIMIT " + Evidence.LIST,
                    "listing leaked rows",
                    eval.bytes(),
                    Evidence.LIST)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("evalRow", x.getLong("__row"));
                Map<String, Object> values = new LinkedHashMap<>();
                columns.stream().limit(8).forEach(c -> values.put(c, x.getString(c)));
                m.put("values", values);
                examples.add(m);
            }
            StringBuilder text = new StringBuilder();
            for (Map<String, Object> e : examples) {
                text.append(text.length() == 0 ? "" : "; ").append("eval row ").append(Texts.count((Long)
                        e.get("evalRow")));
                if (!nullSafe) {
                    text.append(" ").append(e.get("values"));
                }
            }
            b.message(Texts.count(leaked) + " eval rows " + what + ": " + text
                            + (leaked > examples.size() ? "; …" : ""))
                    .details(Map.of(
                            "leakedRows",
                            leaked,
                            "distinctKeys",
                            r.count("k"),
                            "examples",
                            examples,
                            "columns",
                            columns));
        }
        return b.build();
    }
}
