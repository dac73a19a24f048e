package io.mlopsci.core.gate;

import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.ExampleDiff;
import io.mlopsci.core.scoring.ExampleValues;
import io.mlopsci.core.scoring.MetricComputer;
import io.mlopsci.core.scoring.MetricUnavailableException;
import io.mlopsci.core.scoring.Predictions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares candidate and baseline example by example on the rows they both scored: each example's
 * value of the metric's per-example measure ({@link MetricComputer#perExample}) improved, regressed
 * or stayed (equal up to a relative 1e-12), and the examples that regressed most are listed, worst
 * first, with their id, an excerpt of their input, the true label and both models' outputs.
 */
final class ExampleDiffs {

    /** Characters of an input or output shown beside a regressed example. */
    static final int EXCERPT = 160;

    private ExampleDiffs() {}

    /**
     * @param candidate the candidate on the paired rows
     * @param baseline  the baseline on the same rows, in the same order
     * @param weights   the rows compared (a slice), or null for all
     * @param input     the field holding each example's input, or null
     * @param show      at most this many regressed examples are listed
     */
    static ExampleDiff of(
            String metric,
            Direction direction,
            MetricComputer candidate,
            MetricComputer baseline,
            double[] weights,
            String input,
            int show)
            throws MetricUnavailableException {
        ExampleValues c = candidate.perExample(metric, direction);
        ExampleValues b = baseline.perExample(metric, direction);
        // Keys name one unit each; on paired rows both sides usually list them in the same order,
        // and then the baseline's unit for the candidate's unit i is unit i (no index needed).
        Map<String, Integer> baseIndex = sameKeysInOrder(c.keys(), b.keys()) ? null : index(b.keys());
        Predictions cp = candidate.predictions();
        Predictions bp = baseline.predictions();
        boolean perRow = c.unit().equals("example");
        int improved = 0;
        int regressed = 0;
        int unchanged = 0;
        Worst worst = new Worst(show);
        for (int i = 0; i < c.keys().length; i++) {
            if (weights != null && weights[c.firstRow()[i]] <= 0) {
                continue;
            }
            int j;
            if (baseIndex == null) {
                j = i;
            } else {
                Integer found = baseIndex.get(c.keys()[i]);
                if (found == null) {
                    continue;
                }
                j = found;
            }
            double cv = c.values()[i];
            double bv = b.values()[j];
            if (Double.isNaN(cv) || Double.isNaN(bv)) {
                continue;
            }
            double change = c.direction() == Direction.HIGHER ? cv - bv : bv - cv;
            if (Math.abs(cv - bv) <= 1e-12 * Math.max(1, Math.max(Math.abs(cv), Math.abs(bv)))) {
                unchanged++;
            } else if (change > 0) {
                improved++;
            } else {
                regressed++;
                worst.offer(i, j, change);
            }
        }
        List<ExampleDiff.Example> listed = new ArrayList<>();
        String[] inputs = input == null ? null : cp.columns().get(input);
        for (int k = 0; k < worst.size(); k++) {
            int i = worst.candidate[k];
            int j = worst.baseline[k];
            int row = c.firstRow()[i];
            int baseRow = b.firstRow()[j];
            listed.add(new ExampleDiff.Example(
                    c.keys()[i],
                    inputs == null ? null : excerpt(inputs[row]),
                    perRow && cp.labels() != null ? excerpt(cp.labels()[row]) : null,
                    b.values()[j],
                    c.values()[i],
                    worst.change[k],
                    perRow && bp.predicted() != null ? excerpt(bp.predicted()[baseRow]) : null,
                    perRow && cp.predicted() != null ? excerpt(cp.predicted()[row]) : null));
        }
        return new ExampleDiff(
                c.measure(), c.unit(), c.direction(), c.binary(), improved, regressed, unchanged, listed);
    }

    private static boolean sameKeysInOrder(String[] c, String[] b) {
        if (c.length != b.length) {
            return false;
        }
        for (int i = 0; i < c.length; i++) {
            if (!c[i].equals(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Integer> index(String[] keys) {
        Map<String, Integer> index = new HashMap<>(Math.max(16, (int) (keys.length / 0.75f) + 1));
        for (int j = 0; j < keys.length; j++) {
            index.put(keys[j], j);
        }
        return index;
    }

    /**
     * The {@code limit} regressions with the most negative change, worst first, equal changes
     * (flips) in the order offered (the file's): what a stable sort of all of them would list first,
     * without keeping or sorting the others.
     */
    private static final class Worst {
        final int[] candidate;
        final int[] baseline;
        final double[] change;
        private int size;

        Worst(int limit) {
            int n = Math.max(0, limit);
            candidate = new int[n];
            baseline = new int[n];
            change = new double[n];
        }

        int size() {
            return size;
        }

        void offer(int i, int j, double ch) {
            int limit = change.length;
            if (size == limit && (limit == 0 || Double.compare(ch, change[limit - 1]) >= 0)) {
                return;
            }
            // After every entry that is not worse (ties stay in the order offered).
            int at = size < limit ? size : limit - 1;
            while (at > 0 && Double.compare(ch, change[at - 1]) < 0) {
                at--;
            }
            int moved = Math.min(size, limit - 1) - at;
            if (moved > 0) {
                System.arraycopy(candidate, at, candidate, at + 1, moved);
                System.arraycopy(baseline, at, baseline, at + 1, moved);
                System.arraycopy(change, at, change, at + 1, moved);
            }
            candidate[at] = i;
            baseline[at] = j;
            change[at] = ch;
            size = Math.min(size + 1, limit);
        }
    }

    /** A short, one-line form of a text: whitespace runs become one space, long texts are cut with "…". */
    static String excerpt(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip().replaceAll("\\s+", " ");
        if (t.length() <= EXCERPT) {
            return t;
        }
        int end = EXCERPT - 1;
        if (Character.isHighSurrogate(t.charAt(end - 1))) {
            end--;
        }
        return t.substring(0, end) + "…";
    }
}
