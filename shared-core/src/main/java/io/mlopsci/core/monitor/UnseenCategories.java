package io.mlopsci.core.monitor;

import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Status;
import io.mlopsci.core.config.MonitorConfig;
import io.mlopsci.core.data.checks.Texts;
import io.mlopsci.core.data.drift.DriftOutcome;
import io.mlopsci.core.data.scan.DataFile;
import io.mlopsci.core.data.scan.DuckDb;
import io.mlopsci.core.data.scan.Row;
import io.mlopsci.core.data.scan.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live values of a categorical feature that the training data never had. Read from feature drift's
 * own bins: a column compared by its values has one bin for every reference value and one for
 * everything else, so the last bin's share is the unseen share — no extra scan. Which values those
 * are is looked up only when the rule fails. A column whose reference values were too many to list
 * (pooled) cannot say, and is named in a note.
 */
final class UnseenCategories {

    private static final String NOT_IN_REFERENCE = "(values not in the reference)";

    /** Criteria, and the columns that could not be judged. */
    record Outcome(List<Criterion> criteria, List<String> notes) {}

    private UnseenCategories() {}

    static Outcome judge(MonitorConfig.Unseen rule, DriftOutcome drift, DataFile window, DataFile reference, DuckDb db)
            throws SQLException {
        List<Criterion> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Criterion> driftCriteria = new LinkedHashMap<>();
        drift.criteria().forEach(c -> driftCriteria.put(c.metric(), c));
        for (DriftOutcome.ColumnView v : drift.views()) {
            DataFile.Column live = window.column(v.column());
            if (live == null || live.ordered() || v.labels() == null || v.current() == null) {
                continue;
            }
            String last = v.labels().get(v.labels().size() - 1);
            if (!last.equals(NOT_IN_REFERENCE)) {
                notes.add("'" + v.column() + "' has too many distinct values in the training data to list them, so"
                        + " values it never had cannot be told apart (drift.max_categories)");
                continue;
            }
            double share = v.current().get(v.current().size() - 1) / 100.0;
            Criterion dc = driftCriteria.get(v.column());
            long values = dc != null && dc.details() != null && dc.details().get("currentValues") instanceof Number n
                    ? n.longValue()
                    : 0;
            long unseen = Math.round(share * values);
            Criterion.Builder b = Criterion.builder("unseen." + v.column())
                    .metric(v.column())
                    .rule("unseen_categories")
                    .severity(rule.severity())
                    .direction(Direction.LOWER)
                    .actual(share)
                    .threshold(rule.maxFraction())
                    .expected("≤ " + Texts.percent(rule.maxFraction()) + " of values not in the training data")
                    .location(rule.location());
            if (share <= rule.maxFraction()) {
                out.add(b.status(Status.PASS)
                        .observed(Texts.percent(share) + (unseen > 0 ? " (" + Texts.count(unseen) + " values)" : ""))
                        .build());
                continue;
            }
            List<String> known = v.labels().subList(0, v.labels().size() - 1);
            List<Map<String, Object>> examples = examples(db, window, live, known);
            StringBuilder shown = new StringBuilder();
            for (Map<String, Object> e : examples) {
                shown.append(shown.length() == 0 ? "" : ", ")
                        .append(Texts.quote((String) e.get("value")))
                        .append(" ×")
                        .append(Texts.count((Long) e.get("count")));
            }
            out.add(b.status(Texts.violated(rule.severity()))
                    .observed(Texts.percent(share) + " (" + Texts.count(unseen) + " values)")
                    .message(Texts.percent(share) + " of the live values of '" + v.column() + "' ("
                            + Texts.count(unseen) + ") never occur in " + reference.display()
                            + (shown.length() == 0 ? "" : ": " + shown))
                    .details(Map.of("examples", examples, "unseenValues", unseen))
                    .build());
        }
        return new Outcome(out, notes);
    }

    /** The most frequent live values outside the reference's, with counts. */
    private static List<Map<String, Object>> examples(DuckDb db, DataFile window, DataFile.Column c, List<String> known)
            throws SQLException {
        String value = "CAST(" + c.sql() + " AS VARCHAR)";
        String in = known.isEmpty()
                ? ""
                : " AND " + value + " NOT IN ("
                        + String.join(", ", known.stream().map(Sql::string).toList()) + ")";
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : db.all(
                "SELECT " + value + " AS v, count(*) AS n FROM " + window.relation() + " WHERE " + c.sql()
                        + " IS NOT NULL" + in + " GROUP BY 1 ORDER BY n DESC, v LIMIT 5",
                "listing values of " + c.name() + " the training data never had",
                window.bytes(),
                5)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", r.getString("v"));
            m.put("count", r.count("n"));
            out.add(m);
        }
        return out;
    }
}
