package io.mlopsci.core.scoring;

import java.util.Map;

/**
 * Per-example predictions, column-oriented. Labels and predicted classes are canonical strings
 * ({@code "1.0"} and {@code "1"} are the same class); scores are probabilities (or, for ranking,
 * the ranking score).
 *
 * @param source      where they came from, for messages
 * @param ids         row ids (the row number when the file has no id field)
 * @param labels      true labels (canonical), or null when the file has no label field
 * @param predicted   predicted labels or values (canonical), or null when the file has none
 * @param score       positive-class probability (binary) or ranking score, or null
 * @param classScores class label → probability per row (multiclass), empty when absent
 * @param columns     the text fields the gate reads (slice columns, the input shown, query ids, text
 *     scores) as written, by name or path; other fields of the file are not kept
 * @param numbers     fields read as numbers by name or path (booleans as 1 and 0), for score metrics
 * @param lines       the line of the file each row was read from, for messages
 * @param idsFromFile whether ids came from an id field (each id then names one row: the readers refuse
 *     a repeated id)
 */
public record Predictions(
        String source,
        String[] ids,
        String[] labels,
        String[] predicted,
        double[] score,
        Map<String, double[]> classScores,
        Map<String, String[]> columns,
        Map<String, double[]> numbers,
        int[] lines,
        boolean idsFromFile) {

    public int size() {
        return ids.length;
    }

    /** Whether the file has true labels. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** The rows {@code rows} of these predictions, in that order. */
    public Predictions select(int[] rows) {
        int n = rows.length;
        String[] rowIds = new String[n];
        String[] l = labels == null ? null : new String[n];
        String[] pr = predicted == null ? null : new String[n];
        double[] s = score == null ? null : new double[n];
        int[] ln = new int[n];
        for (int i = 0; i < n; i++) {
            int j = rows[i];
            rowIds[i] = ids[j];
            ln[i] = lines[j];
            if (l != null) {
                l[i] = labels[j];
            }
            if (pr != null) {
                pr[i] = predicted[j];
            }
            if (s != null) {
                s[i] = score[j];
            }
        }
        Map<String, double[]> cs = new java.util.LinkedHashMap<>();
        classScores.forEach((k, v) -> cs.put(k, pick(v, rows)));
        Map<String, String[]> cols = new java.util.LinkedHashMap<>();
        columns.forEach((k, v) -> {
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                out[i] = v[rows[i]];
            }
            cols.put(k, out);
        });
        Map<String, double[]> nums = new java.util.LinkedHashMap<>();
        numbers.forEach((k, v) -> nums.put(k, pick(v, rows)));
        return new Predictions(source, rowIds, l, pr, s, cs, cols, nums, ln, idsFromFile);
    }

    private static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
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
