package io.mlopsci.core.gate;

import io.mlopsci.core.scoring.Predictions;
import java.util.HashMap;
import java.util.Map;

/**
 * Candidate and baseline predictions paired row by row, so that a change is measured on the same
 * examples: by id (or, when neither file has an id column, by position when both have the same
 * rows with the same labels). Rows only one side scored are left out of change rules and counted;
 * no row in common, or common rows whose labels differ, leaves nothing to compare ({@link #problem}).
 *
 * @param candidate      the candidate's rows that have a counterpart, in the candidate's order
 * @param baseline       the baseline's counterparts, in the same order
 * @param candidateRows  for each paired row, its index among all the candidate's rows
 * @param candidateTotal rows the candidate scored
 * @param baselineTotal  rows the baseline scored
 * @param label          the baseline's name in messages, e.g. champion
 * @param problem        why the rows cannot be paired, or null
 */
record Pairing(
        Predictions candidate,
        Predictions baseline,
        int[] candidateRows,
        int candidateTotal,
        int baselineTotal,
        String label,
        String problem) {

    /** Whether every row of each side has its counterpart. */
    boolean complete() {
        return problem == null && candidateRows.length == candidateTotal && candidateRows.length == baselineTotal;
    }

    int common() {
        return candidateRows.length;
    }

    /** Weights over all the candidate's rows, restricted to the paired rows (null stays null). */
    double[] restrict(double[] weights) {
        if (weights == null) {
            return null;
        }
        double[] w = new double[candidateRows.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[candidateRows[i]];
        }
        return w;
    }

    /** For a criterion measured on the paired rows: which rows, when they are not all of them. */
    String suffix() {
        return complete()
                ? ""
                : "compared on the " + common() + " rows in common (of " + candidateTotal + " candidate rows and "
                        + baselineTotal + " " + label + " rows, paired by id)";
    }

    /** What the reviewer should know about the rows compared. */
    String note() {
        if (problem != null) {
            return "Change rules were not evaluated against the " + label + ": " + problem + ".";
        }
        if (complete()) {
            return "Candidate and " + label + " are compared on the same " + common() + " rows (paired by id).";
        }
        return "Change rules compare candidate and " + label + " on the " + common()
                + " rows in common (paired by id); "
                + (candidateTotal - common()) + " candidate rows and " + (baselineTotal - common()) + " " + label
                + " rows have no counterpart and are left out. Absolute rules use all " + candidateTotal
                + " candidate rows.";
    }

    static Pairing of(Predictions cand, Predictions base, String label) {
        if (cand.idsFromFile() != base.idsFromFile()) {
            return failed(
                    cand,
                    base,
                    label,
                    (cand.idsFromFile()
                                    ? "the candidate's predictions have an id column and the " + label + "'s do not"
                                    : "the " + label + "'s predictions have an id column and the candidate's do not")
                            + ", so rows cannot be paired and a change cannot be measured on the same rows;"
                            + " re-score the " + label + " on this eval data with gate.evaluate");
        }
        if (!cand.idsFromFile() && (cand.size() != base.size() || !sameLabels(cand, base))) {
            return failed(
                    cand,
                    base,
                    label,
                    "the predictions have no id column (train.predictions.id), so rows pair by position only when"
                            + " both files hold the same rows; the candidate has " + cand.size() + " rows, the "
                            + label + " " + base.size()
                            + (cand.size() == base.size() ? " with other labels" : "")
                            + ": a change cannot be measured on the same rows. Add an id column");
        }
        // Score-only predictions (an LLM evaluation scored per example) have no labels to compare.
        boolean labels = cand.hasLabels() && base.hasLabels();
        int n = 0;
        int differentLabels = 0;
        int[] candRows = new int[cand.size()];
        int[] baseRows = new int[cand.size()];
        // Usually both scored the same file in the same order: then row i pairs with row i, and no
        // index of the baseline's ids is needed.
        Map<String, Integer> index = sameIdsInOrder(cand, base) ? null : idIndex(base);
        for (int i = 0; i < cand.size(); i++) {
            int j;
            if (index == null) {
                j = i;
            } else {
                Integer found = index.get(cand.ids()[i]);
                if (found == null) {
                    continue;
                }
                j = found;
            }
            if (labels && !base.labels()[j].equals(cand.labels()[i])) {
                differentLabels++;
            }
            candRows[n] = i;
            baseRows[n] = j;
            n++;
        }
        if (n == 0) {
            return failed(
                    cand,
                    base,
                    label,
                    "no row in common: the " + cand.size() + " candidate rows and the " + base.size() + " " + label
                            + " rows have different ids, so the models were scored on different data and a change"
                            + " cannot be measured on the same rows; re-score the " + label
                            + " on this eval data with gate.evaluate");
        }
        if (differentLabels > 0) {
            return failed(
                    cand,
                    base,
                    label,
                    differentLabels + " of " + n + " common rows have different labels in the candidate's and the "
                            + label + "'s predictions, so they were scored on different data; re-score the " + label
                            + " on this eval data with gate.evaluate");
        }
        int[] c = java.util.Arrays.copyOf(candRows, n);
        int[] b = java.util.Arrays.copyOf(baseRows, n);
        if (index == null) {
            // Every row pairs with the row at its own position: the predictions are their own selection.
            return new Pairing(cand, base, c, cand.size(), base.size(), label, null);
        }
        return new Pairing(cand.select(c), base.select(b), c, cand.size(), base.size(), label, null);
    }

    /**
     * Whether both have the same ids at the same positions, each id once: then the baseline's row
     * for the candidate's row i is row i.
     */
    private static boolean sameIdsInOrder(Predictions cand, Predictions base) {
        if (cand.size() != base.size()) {
            return false;
        }
        String[] c = cand.ids();
        String[] b = base.ids();
        for (int i = 0; i < c.length; i++) {
            if (!c[i].equals(b[i])) {
                return false;
            }
        }
        // Ids read from a file are checked to be unique; row numbers are unique. Only predictions made
        // otherwise could repeat an id (the index would then pair it with its last row): check those.
        return cand.idsFromFile() || unique(b);
    }

    private static boolean unique(String[] ids) {
        return new java.util.HashSet<>(java.util.Arrays.asList(ids)).size() == ids.length;
    }

    /** Each id of the baseline's, with its row (the last, were an id repeated). */
    private static Map<String, Integer> idIndex(Predictions base) {
        Map<String, Integer> index = new HashMap<>(Math.max(16, (int) (base.size() / 0.75f) + 1));
        for (int i = 0; i < base.size(); i++) {
            index.put(base.ids()[i], i);
        }
        return index;
    }

    private static Pairing failed(Predictions cand, Predictions base, String label, String problem) {
        return new Pairing(null, null, new int[0], cand.size(), base.size(), label, problem);
    }

    private static boolean sameLabels(Predictions a, Predictions b) {
        if (!a.hasLabels() || !b.hasLabels()) {
            return a.hasLabels() == b.hasLabels();
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.labels()[i].equals(b.labels()[i])) {
                return false;
            }
        }
        return true;
    }
}
