package io.mlopsci.core.scoring;

import io.mlopsci.contract.result.Direction;
import io.mlopsci.core.metrics.MetricCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes metrics from predictions exactly as scikit-learn defines them (tests compare against
 * scikit-learn on the same data). Every metric takes row weights: {@code null} is every row once; a
 * bootstrap resample is the count of times each row was drawn; a slice is 1 for its rows and 0
 * elsewhere — so resamples and slices need no copies and ROC AUC needs no re-sorting. Instances may
 * be shared by threads (what they compute once is computed under a lock).
 *
 * <p>Definitions: the class set of a computation is the union of true and predicted labels among
 * rows with weight &gt; 0 (scikit-learn's {@code unique_labels}). Precision of a class with no
 * predictions and recall of a class with no true rows are 0 (scikit-learn's default
 * {@code zero_division}); F1 = 2·TP / (2·TP + FP + FN), 0 when undefined. Binary precision, recall,
 * F1 and ROC AUC use the positive label. ROC AUC is the Mann–Whitney statistic with ties counted
 * half (= the trapezoidal ROC area); multiclass ROC AUC is one-vs-rest, unweighted mean over the
 * classes present in the true labels, from the per-class probability columns. PR AUC is
 * scikit-learn's {@code average_precision_score}: Σ (Rₙ − Rₙ₋₁)·Pₙ over the distinct score
 * thresholds from the highest down (tied scores form one threshold); undefined without a positive
 * row (scikit-learn then warns and returns 0); multiclass: one-vs-rest, unweighted mean over the
 * classes present in the true labels. Log loss clips probabilities to [ε, 1−ε] with ε the float64
 * machine epsilon. R² of constant labels is 1 for a perfect fit and 0 otherwise (scikit-learn's
 * {@code force_finite}).
 *
 * <p>Metrics aggregated from a per-example field ({@link ScoreAggregates}) and ranking metrics
 * ({@link RankingMetrics}) are computed here too, by name, from the {@link MetricDefinitions}.
 */
public final class MetricComputer {

    /** float64 machine epsilon, as scikit-learn clips probabilities for log loss. */
    static final double EPS = Math.ulp(1.0);

    private final Predictions p;
    private final MetricDefinitions definitions;
    private final ScoreAggregates scores;
    private RankingMetrics ranking;
    /** Whether the predictions have labels and predicted labels (the catalogue's metrics need both). */
    private final boolean labelled;

    private final MetricCatalog.Task task;
    private final String positive;
    private final String[] classes;
    private final int[] y;
    private final int[] yhat;
    private double[] yNum;
    private double[] yhatNum;
    /** Row order by ascending score, per score column (by identity), computed once. */
    private final Map<double[], int[]> ascending = new java.util.IdentityHashMap<>();

    /**
     * @param task          classification or regression (null: inferred — numeric non-integer
     *                      labels mean regression)
     * @param positiveLabel the positive class for binary metrics; null picks 1, true or yes
     */
    public MetricComputer(Predictions p, MetricCatalog.Task task, String positiveLabel) {
        this(p, task, positiveLabel, MetricDefinitions.NONE);
    }

    /**
     * @param definitions metrics aggregated from per-example fields, and where ranking metrics
     *                    find their query ids
     */
    public MetricComputer(Predictions p, MetricCatalog.Task task, String positiveLabel, MetricDefinitions definitions) {
        this.p = p;
        this.definitions = definitions;
        this.scores = new ScoreAggregates(p);
        this.labelled = p.labels() != null && p.predicted() != null;
        if (labelled) {
            // The distinct values first: parsing and sorting them is cheap, doing it per row was not.
            Set<String> labelValues = new LinkedHashSet<>(Arrays.asList(p.labels()));
            this.task = task != null ? task : inferTask(labelValues);
            if (this.task == MetricCatalog.Task.CLASSIFICATION) {
                Set<String> predictedValues = new LinkedHashSet<>(Arrays.asList(p.predicted()));
                TreeSet<String> set = new TreeSet<>(labelOrder(labelValues, predictedValues));
                set.addAll(labelValues);
                set.addAll(predictedValues);
                this.classes = set.toArray(new String[0]);
            } else {
                this.classes = new String[0];
            }
            this.y = encode(p.labels());
            this.yhat = encode(p.predicted());
        } else {
            this.task = task != null ? task : MetricCatalog.Task.CLASSIFICATION;
            this.classes = new String[0];
            this.y = new int[0];
            this.yhat = new int[0];
        }
        this.positive = positiveLabel != null ? Predictions.canonical(positiveLabel) : defaultPositive(classes);
    }

    public Predictions predictions() {
        return p;
    }

    /** Whether {@code metric} is computed here: from the catalogue, a ranking metric, or defined from a field. */
    public boolean computes(String metric) {
        return definitions.scores().containsKey(metric) || MetricCatalog.computable(metric);
    }

    /** The definition of a metric aggregated from a field, or null. */
    public io.mlopsci.core.config.GateConfig.ScoreColumn scoreDefinition(String metric) {
        return definitions.scores().get(metric);
    }

    RankingMetrics ranking() throws MetricUnavailableException {
        if (ranking == null) {
            ranking = new RankingMetrics(p, definitions);
        }
        return ranking;
    }

    /**
     * Whether {@code metric} is computed per query (a ranking metric): a bootstrap then resamples
     * whole queries — the table of {@link #queries()} — rather than rows.
     */
    public boolean perQuery(String metric) {
        return MetricCatalog.ranking(metric) && !definitions.scores().containsKey(metric);
    }

    /** The query ids of a ranking metric, in order of first appearance. */
    public String[] queries() throws MetricUnavailableException {
        return ranking().queries();
    }

    /**
     * The indexes (into {@link #queries()}) of the queries among rows with weight &gt; 0 (a slice);
     * every query for null.
     *
     * @throws MetricUnavailableException when the rows select part of a query
     */
    public int[] queriesIn(double[] rowWeights) throws MetricUnavailableException {
        return ranking().queriesIn(rowWeights);
    }

    /** A ranking metric with each query weighted (how often a resample drew it). */
    public double computeOverQueries(String metric, double[] queryWeights) throws MetricUnavailableException {
        return ranking().computeOverQueries(metric, queryWeights);
    }

    public MetricCatalog.Task task() {
        return task;
    }

    public int rows() {
        return p.size();
    }

    /**
     * Computes {@code metric} over the rows with their weights.
     *
     * @throws MetricUnavailableException when the metric is undefined on these rows or needs columns
     *         the predictions lack; the message says why
     */
    public double compute(String metric, double[] w) throws MetricUnavailableException {
        io.mlopsci.core.config.GateConfig.ScoreColumn def = definitions.scores().get(metric);
        if (def != null) {
            return scores.compute(def, w);
        }
        if (MetricCatalog.ranking(metric)) {
            return ranking().compute(metric, w);
        }
        checkComputable(metric);
        if (total(w) <= 0) {
            throw new MetricUnavailableException("no rows");
        }
        return switch (metric) {
            case "accuracy" -> accuracy(w);
            case "balanced_accuracy" -> balancedAccuracy(w);
            case "precision", "recall", "f1" -> binary(metric, w);
            case "precision_macro", "recall_macro", "f1_macro" ->
                averaged(metric.substring(0, metric.indexOf('_')), w, false);
            case "precision_weighted", "recall_weighted", "f1_weighted" ->
                averaged(metric.substring(0, metric.indexOf('_')), w, true);
            case "roc_auc" -> rocAuc(w);
            case "pr_auc" -> prAuc(w);
            case "log_loss" -> logLoss(w);
            case "mse" -> mse(w);
            case "rmse" -> Math.sqrt(mse(w));
            case "mae" -> mae(w);
            case "r2" -> r2(w);
            default -> throw new MetricUnavailableException("unknown metric '" + metric + "'");
        };
    }

    // ---- what the resample kernels read (ResampledMetrics) ------------------------------------

    /** True classes, as indexes into the sorted class set. */
    int[] trueClasses() {
        return y;
    }

    /** Predicted classes, as indexes into the sorted class set. */
    int[] predictedClasses() {
        return yhat;
    }

    int classCount() {
        return classes.length;
    }

    /** The positive class's index, or why there is none. */
    int positiveClass() throws MetricUnavailableException {
        return positiveIndex();
    }

    /** The positive class's probability per row. */
    double[] positiveClassScores() throws MetricUnavailableException {
        return positiveScores(positiveIndex());
    }

    /** Labels as numbers (regression). */
    double[] numericLabels() throws MetricUnavailableException {
        numeric();
        return yNum;
    }

    /** Predictions as numbers (regression). */
    double[] numericPredictions() throws MetricUnavailableException {
        numeric();
        return yhatNum;
    }

    /** Fails as {@link #compute} would when the metric cannot be computed from these predictions at all. */
    void checkComputable(String metric) throws MetricUnavailableException {
        if (!MetricCatalog.computable(metric)) {
            throw new MetricUnavailableException("the gate cannot compute '" + metric + "' from predictions");
        }
        MetricCatalog.Task needed = MetricCatalog.lookup(metric).orElseThrow().task();
        if (needed != task) {
            throw new MetricUnavailableException(
                    "'" + metric + "' is a " + needed.name().toLowerCase(java.util.Locale.ROOT)
                            + " metric but the predictions are " + task.name().toLowerCase(java.util.Locale.ROOT)
                            + " (set gate.task if this is wrong)");
        }
        if (!labelled) {
            throw new MetricUnavailableException("'" + metric + "' needs the true label and the prediction of each"
                    + " row, and the predictions have "
                    + (p.labels() == null ? "no label field" : "no prediction field")
                    + " (train.predictions.label, train.predictions.prediction)");
        }
    }

    /**
     * The metric's value per example, for comparing two models example by example: for a metric
     * aggregated from a field, the row's value (for a rate: whether the row counts); for a ranking
     * metric, each query's value; for label metrics (accuracy, F1, ...), whether the row is right;
     * for probability metrics (ROC AUC, PR AUC, log loss), the probability given to the true class
     * (or, without probabilities, whether the row is right); for regression metrics, the absolute
     * error.
     *
     * @param direction which way is better for the metric itself (used for field metrics)
     */
    public ExampleValues perExample(String metric, Direction direction) throws MetricUnavailableException {
        int n = p.size();
        int[] rows = java.util.stream.IntStream.range(0, n).toArray();
        io.mlopsci.core.config.GateConfig.ScoreColumn def = definitions.scores().get(metric);
        if (def != null) {
            boolean rate = def.aggregate() == io.mlopsci.core.config.GateConfig.Aggregate.RATE;
            return new ExampleValues(
                    p.ids(),
                    rows,
                    scores.values(def),
                    direction,
                    def.where() == null
                            ? def.column()
                            : def.column() + " " + def.where().text(),
                    "example",
                    rate);
        }
        if (MetricCatalog.ranking(metric)) {
            RankingMetrics r = ranking();
            int[][] groups = r.rowsOfQueries();
            int[] first = new int[groups.length];
            for (int g = 0; g < groups.length; g++) {
                first[g] = groups[g][0];
            }
            return new ExampleValues(
                    r.queries(), first, r.perQuery(metric), Direction.HIGHER, metric + " of the query", "query", false);
        }
        if (!labelled) {
            throw new MetricUnavailableException("the predictions have no label or prediction field");
        }
        if (task == MetricCatalog.Task.REGRESSION) {
            numeric();
            double[] err = new double[n];
            for (int i = 0; i < n; i++) {
                err[i] = Math.abs(yNum[i] - yhatNum[i]);
            }
            return new ExampleValues(p.ids(), rows, err, Direction.LOWER, "absolute error", "example", false);
        }
        if (metric.equals("roc_auc") || metric.equals("pr_auc") || metric.equals("log_loss")) {
            double[] prob = trueClassProbability();
            if (prob != null) {
                return new ExampleValues(
                        p.ids(), rows, prob, Direction.HIGHER, "probability of the true class", "example", false);
            }
        }
        double[] correct = new double[n];
        for (int i = 0; i < n; i++) {
            correct[i] = y[i] == yhat[i] ? 1 : 0;
        }
        return new ExampleValues(p.ids(), rows, correct, Direction.HIGHER, "correct", "example", true);
    }

    /** The probability each row gives its true class, or null without probabilities. */
    private double[] trueClassProbability() {
        int n = p.size();
        double[] out = new double[n];
        if (classes.length <= 2 && p.score() != null && positive != null) {
            int pos = Arrays.asList(classes).indexOf(positive);
            if (pos < 0) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                out[i] = y[i] == pos ? p.score()[i] : 1 - p.score()[i];
            }
            return out;
        }
        for (String c : classes) {
            if (!p.classScores().containsKey(c)) {
                return null;
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] = p.classScores().get(classes[y[i]])[i];
        }
        return out;
    }

    // ---- classification -------------------------------------------------------------------

    private double accuracy(double[] w) {
        double correct = 0;
        double n = 0;
        for (int i = 0; i < y.length; i++) {
            double wi = weight(w, i);
            n += wi;
            if (y[i] == yhat[i]) {
                correct += wi;
            }
        }
        return correct / n;
    }

    /** Per class: [tp, predicted, true]. */
    private double[][] counts(double[] w) {
        double[][] c = new double[classes.length][3];
        for (int i = 0; i < y.length; i++) {
            double wi = weight(w, i);
            if (wi == 0) {
                continue;
            }
            c[yhat[i]][1] += wi;
            c[y[i]][2] += wi;
            if (y[i] == yhat[i]) {
                c[y[i]][0] += wi;
            }
        }
        return c;
    }

    private double balancedAccuracy(double[] w) {
        double[][] c = counts(w);
        double sum = 0;
        int k = 0;
        for (double[] cls : c) {
            if (cls[2] > 0) {
                sum += cls[0] / cls[2];
                k++;
            }
        }
        return sum / k;
    }

    private static double score(String kind, double[] cls) {
        double tp = cls[0];
        double pred = cls[1];
        double truth = cls[2];
        return switch (kind) {
            case "precision" -> pred == 0 ? 0 : tp / pred;
            case "recall" -> truth == 0 ? 0 : tp / truth;
            default -> (pred + truth) == 0 ? 0 : 2 * tp / (pred + truth);
        };
    }

    private double binary(String kind, double[] w) throws MetricUnavailableException {
        int pos = positiveIndex();
        return score(kind, counts(w)[pos]);
    }

    private double averaged(String kind, double[] w, boolean weighted) {
        double[][] c = counts(w);
        double sum = 0;
        double norm = 0;
        for (double[] cls : c) {
            if (cls[1] == 0 && cls[2] == 0) {
                continue; // not present among these rows
            }
            double weight = weighted ? cls[2] : 1;
            sum += weight * score(kind, cls);
            norm += weight;
        }
        return norm == 0 ? 0 : sum / norm;
    }

    private double rocAuc(double[] w) throws MetricUnavailableException {
        boolean binaryLabels = presentTrueClasses(w).size() <= 2 && classes.length <= 2;
        if (binaryLabels) {
            int pos = positiveIndex();
            double[] s = positiveScores(pos);
            return auc(w, s, i -> y[i] == pos, ascendingOrder(s));
        }
        // Multiclass: one-vs-rest, unweighted mean over classes present in the true labels.
        List<Integer> present = presentTrueClasses(w);
        double sum = 0;
        for (int c : present) {
            double[] s = p.classScores().get(classes[c]);
            if (s == null) {
                throw new MetricUnavailableException("multiclass roc_auc needs a probability column per class; '"
                        + classes[c] + "' has none (columns named score_<class>)");
            }
            final int cls = c;
            sum += auc(w, s, i -> y[i] == cls, ascendingOrder(s));
        }
        return sum / present.size();
    }

    private double prAuc(double[] w) throws MetricUnavailableException {
        boolean binaryLabels = presentTrueClasses(w).size() <= 2 && classes.length <= 2;
        if (binaryLabels) {
            int pos = positiveIndex();
            double[] s = positiveScores(pos);
            return averagePrecision(w, s, i -> y[i] == pos, ascendingOrder(s));
        }
        List<Integer> present = presentTrueClasses(w);
        double sum = 0;
        for (int c : present) {
            double[] s = p.classScores().get(classes[c]);
            if (s == null) {
                throw new MetricUnavailableException("multiclass pr_auc needs a probability column per class; '"
                        + classes[c] + "' has none (columns named score_<class>)");
            }
            final int cls = c;
            sum += averagePrecision(w, s, i -> y[i] == cls, ascendingOrder(s));
        }
        return sum / present.size();
    }

    /**
     * Weighted average precision: walking the distinct scores from the highest down, each threshold
     * adds (recall gained) × (precision at it), as scikit-learn's {@code average_precision_score}.
     */
    private double averagePrecision(double[] w, double[] s, RowTest isPositive, int[] ascending)
            throws MetricUnavailableException {
        double totalPos = 0;
        for (int i = 0; i < y.length; i++) {
            if (isPositive.test(i)) {
                totalPos += weight(w, i);
            }
        }
        if (totalPos == 0) {
            throw new MetricUnavailableException(
                    "pr_auc is undefined without a positive row (scikit-learn warns and returns 0)");
        }
        double tp = 0;
        double fp = 0;
        double recallBefore = 0;
        double ap = 0;
        int j = ascending.length - 1;
        while (j >= 0) {
            double value = s[ascending[j]];
            while (j >= 0 && s[ascending[j]] == value) {
                int row = ascending[j];
                if (isPositive.test(row)) {
                    tp += weight(w, row);
                } else {
                    fp += weight(w, row);
                }
                j--;
            }
            if (tp + fp == 0) {
                continue;
            }
            double recall = tp / totalPos;
            ap += (recall - recallBefore) * (tp / (tp + fp));
            recallBefore = recall;
        }
        return ap;
    }

    private interface RowTest {
        boolean test(int row);
    }

    /** Weighted Mann–Whitney AUC: pairs (positive, negative) with the positive scored higher, ties half. */
    private double auc(double[] w, double[] s, RowTest isPositive, int[] ascending) throws MetricUnavailableException {
        double negBelow = 0;
        double area = 0;
        double totalPos = 0;
        double totalNeg = 0;
        int i = 0;
        while (i < ascending.length) {
            int j = i;
            double groupPos = 0;
            double groupNeg = 0;
            double value = s[ascending[i]];
            while (j < ascending.length && s[ascending[j]] == value) {
                int row = ascending[j];
                double wi = weight(w, row);
                if (isPositive.test(row)) {
                    groupPos += wi;
                } else {
                    groupNeg += wi;
                }
                j++;
            }
            area += groupPos * (negBelow + 0.5 * groupNeg);
            negBelow += groupNeg;
            totalPos += groupPos;
            totalNeg += groupNeg;
            i = j;
        }
        if (totalPos == 0 || totalNeg == 0) {
            throw new MetricUnavailableException(
                    "roc_auc is undefined when only one class is present in the true labels");
        }
        return area / (totalPos * totalNeg);
    }

    private double logLoss(double[] w) throws MetricUnavailableException {
        boolean binaryLabels = classes.length <= 2;
        double sum = 0;
        double n = 0;
        if (binaryLabels && (p.score() != null || p.classScores().containsKey(positive))) {
            int pos = positiveIndex();
            double[] s = positiveScores(pos);
            for (int i = 0; i < y.length; i++) {
                double wi = weight(w, i);
                if (wi == 0) {
                    continue;
                }
                double prob = y[i] == pos ? s[i] : 1 - s[i];
                sum += wi * -Math.log(clip(prob));
                n += wi;
            }
            return sum / n;
        }
        for (String c : classes) {
            if (!p.classScores().containsKey(c)) {
                throw new MetricUnavailableException(
                        "log_loss needs a probability column per class; '" + c + "' has none");
            }
        }
        for (int i = 0; i < y.length; i++) {
            double wi = weight(w, i);
            if (wi == 0) {
                continue;
            }
            double rowSum = 0;
            for (String c : classes) {
                rowSum += p.classScores().get(c)[i];
            }
            if (Math.abs(rowSum - 1) > 1e-6) {
                throw new MetricUnavailableException(
                        "class probabilities of row '" + p.ids()[i] + "' sum to " + rowSum + ", not 1");
            }
            sum += wi * -Math.log(clip(p.classScores().get(classes[y[i]])[i]));
            n += wi;
        }
        return sum / n;
    }

    private static double clip(double prob) {
        return Math.min(Math.max(prob, EPS), 1 - EPS);
    }

    private double[] positiveScores(int pos) throws MetricUnavailableException {
        if (p.score() != null) {
            return p.score();
        }
        double[] s = p.classScores().get(classes[pos]);
        if (s == null) {
            throw new MetricUnavailableException("needs scores: a '" + "score" + "' column with the probability of '"
                    + classes[pos] + "', or a score_" + classes[pos] + " column");
        }
        return s;
    }

    private int positiveIndex() throws MetricUnavailableException {
        if (positive == null) {
            throw new MetricUnavailableException(
                    "cannot tell the positive class among " + Arrays.toString(classes) + "; set gate.positive_label");
        }
        int i = Arrays.asList(classes).indexOf(positive);
        if (i < 0) {
            throw new MetricUnavailableException(
                    "the positive label '" + positive + "' is not among the labels " + Arrays.toString(classes));
        }
        return i;
    }

    private List<Integer> presentTrueClasses(double[] w) {
        boolean[] present = new boolean[classes.length];
        for (int i = 0; i < y.length; i++) {
            if (weight(w, i) > 0) {
                present[y[i]] = true;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < present.length; c++) {
            if (present[c]) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The rows in ascending order of a score column, sorted once per column and kept (resamples and
     * slices reuse it). Synchronized: bootstrap workers share the computer.
     */
    synchronized int[] ascendingOrder(double[] s) {
        return ascending.computeIfAbsent(s, ScoreOrder::ascending);
    }

    // ---- regression -------------------------------------------------------------------------

    private double mse(double[] w) throws MetricUnavailableException {
        numeric();
        double sum = 0;
        double n = 0;
        for (int i = 0; i < yNum.length; i++) {
            double wi = weight(w, i);
            double d = yNum[i] - yhatNum[i];
            sum += wi * d * d;
            n += wi;
        }
        return sum / n;
    }

    private double mae(double[] w) throws MetricUnavailableException {
        numeric();
        double sum = 0;
        double n = 0;
        for (int i = 0; i < yNum.length; i++) {
            double wi = weight(w, i);
            sum += wi * Math.abs(yNum[i] - yhatNum[i]);
            n += wi;
        }
        return sum / n;
    }

    private double r2(double[] w) throws MetricUnavailableException {
        numeric();
        double n = 0;
        double mean = 0;
        for (int i = 0; i < yNum.length; i++) {
            double wi = weight(w, i);
            n += wi;
            mean += wi * yNum[i];
        }
        mean /= n;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < yNum.length; i++) {
            double wi = weight(w, i);
            double r = yNum[i] - yhatNum[i];
            double t = yNum[i] - mean;
            ssRes += wi * r * r;
            ssTot += wi * t * t;
        }
        if (ssTot == 0) {
            return ssRes == 0 ? 1.0 : 0.0;
        }
        return 1 - ssRes / ssTot;
    }

    /** Labels and predictions as numbers, parsed once. Synchronized: bootstrap workers share the computer. */
    private synchronized void numeric() throws MetricUnavailableException {
        if (yNum != null) {
            return;
        }
        double[] a = new double[p.size()];
        double[] b = new double[p.size()];
        for (int i = 0; i < a.length; i++) {
            try {
                a[i] = Double.parseDouble(p.labels()[i]);
                b[i] = Double.parseDouble(p.predicted()[i]);
            } catch (NumberFormatException e) {
                throw new MetricUnavailableException("regression metrics need numbers; row '" + p.ids()[i] + "' has '"
                        + p.labels()[i] + "' / '" + p.predicted()[i] + "'");
            }
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new MetricUnavailableException("row '" + p.ids()[i] + "' has a non-finite label or prediction");
            }
        }
        yNum = a;
        yhatNum = b;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static double weight(double[] w, int i) {
        return w == null ? 1 : w[i];
    }

    private double total(double[] w) {
        if (w == null) {
            return p.size();
        }
        double t = 0;
        for (double x : w) {
            t += x;
        }
        return t;
    }

    private int[] encode(String[] values) {
        int[] out = new int[values.length];
        if (classes.length == 0) {
            return out;
        }
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < classes.length; i++) {
            index.put(classes[i], i);
        }
        for (int i = 0; i < values.length; i++) {
            out[i] = index.get(values[i]);
        }
        return out;
    }

    /** Numeric labels sort as numbers (as numpy does for numeric arrays), others as text. */
    private static Comparator<String> labelOrder(Set<String> labels, Set<String> predicted) {
        boolean numeric = labels.stream().allMatch(MetricComputer::isNumber)
                && predicted.stream().allMatch(MetricComputer::isNumber);
        return numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Regression when labels are numbers and not all integral, or when there are many distinct values. */
    static MetricCatalog.Task inferTask(Predictions p) {
        return inferTask(new LinkedHashSet<>(Arrays.asList(p.labels())));
    }

    private static MetricCatalog.Task inferTask(Set<String> labels) {
        boolean numeric = labels.stream().allMatch(MetricComputer::isNumber);
        if (!numeric) {
            return MetricCatalog.Task.CLASSIFICATION;
        }
        boolean integral = labels.stream().allMatch(s -> Double.parseDouble(s) == Math.rint(Double.parseDouble(s)));
        return integral && labels.size() <= 50 ? MetricCatalog.Task.CLASSIFICATION : MetricCatalog.Task.REGRESSION;
    }

    private static String defaultPositive(String[] classes) {
        List<String> c = Arrays.asList(classes);
        for (String candidate : new String[] {"1", "true", "yes", "positive", "pos"}) {
            if (c.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
