package io.mlopsci.core.scoring;

import java.util.List;
import java.util.Map;

/**
 * Per-example predictions, column-oriented. Labels and predicted classes are canonical strings
 * ({@code "1.0"} and {@code "1"} are the same class); scores are probabilities.
 *
 * @param source      where they came from, for messages
 * @param ids         row ids (the row number when the file has no id column)
 * @param labels      true labels (canonical)
 * @param predicted   predicted labels or values (canonical)
 * @param score       positive-class probability (binary), or null
 * @param classScores class label → probability per row (multiclass), empty when absent
 * @param columns     every other column by name, e.g. for slices
 * @param idsFromFile whether ids came from an id column
 */
public record Predictions(
        String source,
        String[] ids,
        String[] labels,
        String[] predicted,
        double[] score,
        Map<String, double[]> classScores,
        Map<String, String[]> columns,
        boolean idsFromFile) {

    public int size() {
        return ids.length;
    }

    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** The canonical form of a label: integral numbers without decimals, other text trimmed. */
    public static String canonical(String raw) {
        String t = raw.trim();
        if (t.isEmpty()) {
            return t;
        }
        char c = t.charAt(0);
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            try {
                double d = Double.parseDouble(t);
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return Long.toString((long) d);
                }
                return Double.toString(d);
            } catch (NumberFormatException e) {
                return t;
            }
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        return lower.equals("true") || lower.equals("false") ? lower : t;
    }
}
