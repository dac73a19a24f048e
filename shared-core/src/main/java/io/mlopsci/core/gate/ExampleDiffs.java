package io.mlopsci.core.gate;

import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.ExampleDiff;
import io.mlopsci.core.scoring.ExampleValues;
import io.mlopsci.core.scoring.MetricComputer;
import io.mlopsci.core.scoring.MetricUnavailableException;
import io.mlopsci.core.scoring.Predictions;
import java.util.ArrayList;
import java.util.Comparator;
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
        Map<String, Integer> baseIndex = new HashMap<>();
        for (int j = 0; j < b.keys().length; j++) {
            baseIndex.put(b.keys()[j], j);
        }
        Predictions cp = candidate.predictions();
        Predictions bp = baseline.predictions();
        boolean perRow = c.unit().equals("example");
        int improved = 0;
        int regressed = 0;
        int unchanged = 0;
        List<int[]> worse = new ArrayList<>();
        List<Double> changes = new ArrayList<>();
        for (int i = 0; i < c.keys().length; i++) {
            if (weights != null && weights[c.firstRow()[i]] <= 0) {
                continue;
            }
            Integer j = baseIndex.get(c.keys()[i]);
            if (j == null) {
                continue;
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
                worse.add(new int[] {i, j});
                changes.add(change);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < worse.size(); k++) {
            order.add(k);
        }
        // Worst first; equal changes (flips) keep the file's order.
        order.sort(Comparator.comparingDouble(changes::get));
        List<ExampleDiff.Example> listed = new ArrayList<>();
        String[] inputs = input == null ? null : cp.columns().get(input);
        for (int k = 0; k < Math.min(show, order.size()); k++) {
            int[] pair = worse.get(order.get(k));
            int i = pair[0];
            int j = pair[1];
            int row = c.firstRow()[i];
            int baseRow = b.firstRow()[j];
            listed.add(new ExampleDiff.Example(
                    c.keys()[i],
                    inputs == null ? null : excerpt(inputs[row]),
                    perRow && cp.labels() != null ? excerpt(cp.labels()[row]) : null,
                    b.values()[j],
                    c.values()[i],
                    changes.get(order.get(k)),
                    perRow && bp.predicted() != null ? excerpt(bp.predicted()[baseRow]) : null,
                    perRow && cp.predicted() != null ? excerpt(cp.predicted()[row]) : null));
        }
        return new ExampleDiff(
                c.measure(), c.unit(), c.direction(), c.binary(), improved, regressed, unchanged, listed);
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
