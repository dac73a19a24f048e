package io.mlopsci.core.scoring;

import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.error.MlopsException;
import io.mlopsci.core.metrics.RankingName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranking metrics computed per query, then averaged over queries. Rows are (query, item) pairs with
 * a graded relevance (the label; relevant means &gt; 0) and the ranking score (higher ranks first).
 *
 * <p>Definitions. <b>NDCG@k</b> is scikit-learn's {@code ndcg_score}: linear gain (the relevance),
 * discount 1/log2(rank + 1), items with tied scores share the average discount of the ranks they
 * span; a query whose items are all irrelevant scores 0; a one-item query scores 1 when that item
 * is relevant (scikit-learn refuses one-item queries). <b>AP@k</b> (averaged: MAP@k) is trec_eval's
 * {@code map_cut}: Σ over relevant items within the top k of precision at their rank, divided by
 * the query's number of relevant items. <b>MRR@k</b>: 1 / rank of the first relevant item (0 if
 * none within k). <b>recall@k</b>: relevant items within the top k / relevant items. Without k, the
 * whole list counts. AP, MRR and recall order tied scores as trec_eval does: by row id, descending.
 *
 * <p>A query with no relevant item scores 0 and counts ({@code no_relevant: zero}, the default:
 * scikit-learn's and trec_eval's convention), is left out of the average ({@code skip}), or is
 * refused as bad input ({@code error}). Weights are per row, as for every metric; a query's weight
 * is its rows' weight, which must be the same for all of them (a slice must not cut through a
 * query). A bootstrap resamples the queries themselves: {@link #computeOverQueries} takes a weight
 * per query.
 */
final class RankingMetrics {

    private final Predictions p;
    private final GateConfig.NoRelevant noRelevant;
    /** The queries, in order of first appearance. */
    private final String[] queries;
    /** Rows of each query. */
    private final int[][] rowsOf;

    private final double[] relevance;
    private final double[] score;
    private final Map<String, double[]> perQuery = new HashMap<>();

    RankingMetrics(Predictions p, MetricDefinitions defs) throws MetricUnavailableException {
        this.p = p;
        this.noRelevant = defs.noRelevant();
        String[] q = defs.query() == null ? null : p.columns().get(defs.query());
        double[] rel = defs.relevance() == null ? null : p.numbers().get(defs.relevance());
        if (q == null) {
            throw new MetricUnavailableException(
                    "ranking metrics need the query id of each row: set train.predictions.query");
        }
        if (rel == null) {
            throw new MetricUnavailableException(
                    "ranking metrics need the relevance of each row (train.predictions.label)");
        }
        if (p.score() == null) {
            throw new MetricUnavailableException(
                    "ranking metrics need the ranking score of each row (train.predictions.score)");
        }
        this.relevance = rel;
        this.score = p.score();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < q.length; i++) {
            groups.computeIfAbsent(q[i], k -> new ArrayList<>()).add(i);
        }
        this.queries = groups.keySet().toArray(new String[0]);
        this.rowsOf = new int[queries.length][];
        int g = 0;
        for (List<Integer> rows : groups.values()) {
            rowsOf[g++] = rows.stream().mapToInt(Integer::intValue).toArray();
        }
        if (noRelevant == GateConfig.NoRelevant.ERROR) {
            for (int i = 0; i < rowsOf.length; i++) {
                if (relevantCount(rowsOf[i]) == 0) {
                    int first = rowsOf[i][0];
                    throw MlopsException.input(p.source() + ":" + p.lines()[first] + ": query '" + queries[i]
                            + "' (field '" + defs.query() + "') has no relevant item (every '" + defs.relevance()
                            + "' is 0), and gate.ranking.no_relevant is error");
                }
            }
        }
    }

    /** The queries, in order of first appearance. */
    String[] queries() {
        return queries;
    }

    int[][] rowsOfQueries() {
        return rowsOf;
    }

    /** Each query's value of the metric; NaN for a query left out ({@code no_relevant: skip}). */
    double[] perQuery(String name) {
        return perQuery.computeIfAbsent(name, this::computePerQuery);
    }

    /** Queries in which no item is relevant. */
    int queriesWithoutRelevant() {
        int n = 0;
        for (int[] rows : rowsOf) {
            if (relevantCount(rows) == 0) {
                n++;
            }
        }
        return n;
    }

    double compute(String name, double[] w) throws MetricUnavailableException {
        double[] qw = null;
        if (w != null) {
            qw = new double[rowsOf.length];
            for (int g = 0; g < rowsOf.length; g++) {
                qw[g] = queryWeight(g, w);
            }
        }
        return computeOverQueries(name, qw);
    }

    /** The mean of the queries' values, each weighted by {@code qw} (null: each once). */
    double computeOverQueries(String name, double[] qw) throws MetricUnavailableException {
        double[] v = perQuery(name);
        double sum = 0;
        double n = 0;
        for (int g = 0; g < v.length; g++) {
            double wq = qw == null ? 1 : qw[g];
            if (wq == 0 || Double.isNaN(v[g])) {
                continue;
            }
            sum += wq * v[g];
            n += wq;
        }
        if (n == 0) {
            throw new MetricUnavailableException(
                    noRelevant == GateConfig.NoRelevant.SKIP
                            ? "no query with a relevant item among these rows (gate.ranking.no_relevant: skip)"
                            : "no queries");
        }
        return sum / n;
    }

    /** The queries whose rows have weight &gt; 0; every query for null. */
    int[] queriesIn(double[] w) throws MetricUnavailableException {
        List<Integer> out = new ArrayList<>();
        for (int g = 0; g < rowsOf.length; g++) {
            if (w == null || queryWeight(g, w) > 0) {
                out.add(g);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private double queryWeight(int g, double[] w) throws MetricUnavailableException {
        if (w == null) {
            return 1;
        }
        int[] rows = rowsOf[g];
        double wq = w[rows[0]];
        for (int i = 1; i < rows.length; i++) {
            if (w[rows[i]] != wq) {
                throw new MetricUnavailableException("the rows of query '" + queries[g]
                        + "' are not all selected: ranking metrics need whole queries (slice by a field that is the"
                        + " same for every row of a query)");
            }
        }
        return wq;
    }

    private int relevantCount(int[] rows) {
        int n = 0;
        for (int r : rows) {
            if (relevance[r] > 0) {
                n++;
            }
        }
        return n;
    }

    private double[] computePerQuery(String name) {
        RankingName r = RankingName.parse(name).orElseThrow();
        double[] out = new double[rowsOf.length];
        for (int g = 0; g < rowsOf.length; g++) {
            int[] rows = rowsOf[g];
            if (relevantCount(rows) == 0) {
                out[g] = noRelevant == GateConfig.NoRelevant.SKIP ? Double.NaN : 0;
                continue;
            }
            int k = r.k() == 0 ? rows.length : Math.min(r.k(), rows.length);
            out[g] = switch (r.measure()) {
                case NDCG -> ndcg(rows, k);
                case MAP -> averagePrecision(rows, k);
                case MRR -> reciprocalRank(rows, k);
                case RECALL -> recall(rows, k);
            };
        }
        return out;
    }

    // ---- NDCG, as scikit-learn's ndcg_score (ignore_ties=False) ---------------------------------

    private double ndcg(int[] rows, int k) {
        int n = rows.length;
        double[] discount = new double[n];
        for (int i = 0; i < k; i++) {
            discount[i] = 1 / (Math.log(i + 2) / Math.log(2));
        }
        // Ideal DCG: relevances in descending order (ties do not matter there).
        double[] ideal = new double[n];
        for (int i = 0; i < n; i++) {
            ideal[i] = relevance[rows[i]];
        }
        Arrays.sort(ideal);
        double idcg = 0;
        for (int i = 0; i < k; i++) {
            idcg += ideal[n - 1 - i] * discount[i];
        }
        if (idcg == 0) {
            return 0;
        }
        // DCG with tied scores sharing their ranks' discounts: groups of equal score, best first.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = rows[i];
        }
        Arrays.sort(order, (a, b) -> score[a] == score[b] ? 0 : score[a] > score[b] ? -1 : 1);
        double[] cumulative = new double[n];
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += discount[i];
            cumulative[i] = c;
        }
        double dcg = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            double gain = 0;
            while (end < n && score[order[end]] == score[order[start]]) {
                gain += relevance[order[end]];
                end++;
            }
            double meanGain = gain / (end - start);
            double discounts = cumulative[end - 1] - (start == 0 ? 0 : cumulative[start - 1]);
            dcg += meanGain * discounts;
            start = end;
        }
        return dcg / idcg;
    }

    // ---- AP, MRR, recall: trec_eval's order (score descending, then id descending) -------------

    private int[] trecOrder(int[] rows) {
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            order[i] = rows[i];
        }
        String[] ids = p.ids();
        // Compared as numbers (0.0 and -0.0 tie), as trec_eval compares its scores.
        Arrays.sort(order, (a, b) -> {
            if (score[a] != score[b]) {
                return score[a] > score[b] ? -1 : 1;
            }
            return ids[b].compareTo(ids[a]);
        });
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private double averagePrecision(int[] rows, int k) {
        int[] order = trecOrder(rows);
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < k; i++) {
            if (relevance[order[i]] > 0) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / relevantCount(rows);
    }

    private double reciprocalRank(int[] rows, int k) {
        int[] order = trecOrder(rows);
        for (int i = 0; i < k; i++) {
            if (relevance[order[i]] > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private double recall(int[] rows, int k) {
        int[] order = trecOrder(rows);
        int hits = 0;
        for (int i = 0; i < k; i++) {
            if (relevance[order[i]] > 0) {
                hits++;
            }
        }
        return (double) hits / relevantCount(rows);
    }
}
