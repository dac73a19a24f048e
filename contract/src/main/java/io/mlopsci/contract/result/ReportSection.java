package io.mlopsci.contract.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A step-specific part of a report, kept in result.json so that every renderer (Markdown, HTML, the
 * GitHub and Jenkins front ends) can draw the whole report from result.json alone.
 *
 * @param title     heading
 * @param text      Markdown-safe prose shown before the table or chart (may be null)
 * @param table     a table (may be null)
 * @param chart     a chart (may be null); renderers always show its data as a table too
 * @param collapsed whether Markdown renders it inside a collapsed {@code <details>} block
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportSection(String title, String text, Table table, Chart chart, boolean collapsed) {

    public ReportSection {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a report section needs a title");
        }
    }

    /** A table of text cells; every row has as many cells as there are headers. */
    public record Table(List<String> headers, List<List<String>> rows) {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != headers.size()) {
                    throw new IllegalArgumentException(
                            "row has " + row.size() + " cells, table has " + headers.size() + " columns");
                }
            }
        }
    }

    /**
     * A chart: {@code kind} is {@code line} (history) or {@code bar} (histograms); {@code x} are
     * the category labels; each series has one value per label ({@code null} where absent).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chart(String kind, String title, String xLabel, String yLabel, List<String> x, List<Series> series) {
        public Chart {
            x = List.copyOf(x);
            series = List.copyOf(series);
            for (Series s : series) {
                if (s.values().size() != x.size()) {
                    throw new IllegalArgumentException(
                            "series " + s.name() + " has " + s.values().size() + " values for " + x.size() + " labels");
                }
            }
        }
    }

    /** One named series of a chart. */
    public record Series(String name, List<Double> values) {
        public Series {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }
}
