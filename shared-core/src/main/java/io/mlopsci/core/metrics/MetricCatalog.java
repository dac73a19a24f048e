package io.mlopsci.core.metrics;

import io.mlopsci.contract.result.Direction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Metrics the engine knows: which way is better, which task they belong to, and whether the gate
 * can compute them from per-example predictions. Names follow scikit-learn's scorer names without
 * the {@code neg_} prefix; ranking metrics are named with their cut-off: {@code ndcg@10},
 * {@code map@10}, {@code recall@10}, {@code mrr} (and {@code ndcg}, {@code map}, {@code mrr@10}).
 */
public final class MetricCatalog {

    /** The learning task a metric belongs to. */
    public enum Task {
        CLASSIFICATION,
        REGRESSION,
        /** Per-query ranking metrics, from a query-id column. */
        RANKING
    }

    /** What the engine knows about one metric. */
    public record Known(String name, Direction direction, Task task, boolean computable, String description) {}

    private static final Map<String, Known> KNOWN = new LinkedHashMap<>();

    static {
        add("accuracy", Direction.HIGHER, Task.CLASSIFICATION, true, "fraction of correct predictions");
        add("balanced_accuracy", Direction.HIGHER, Task.CLASSIFICATION, true, "mean recall over classes");
        add("precision", Direction.HIGHER, Task.CLASSIFICATION, true, "precision of the positive class (binary)");
        add("recall", Direction.HIGHER, Task.CLASSIFICATION, true, "recall of the positive class (binary)");
        add("f1", Direction.HIGHER, Task.CLASSIFICATION, true, "F1 of the positive class (binary)");
        add("precision_macro", Direction.HIGHER, Task.CLASSIFICATION, true, "unweighted mean precision over classes");
        add("recall_macro", Direction.HIGHER, Task.CLASSIFICATION, true, "unweighted mean recall over classes");
        add("f1_macro", Direction.HIGHER, Task.CLASSIFICATION, true, "unweighted mean F1 over classes");
        add("precision_weighted", Direction.HIGHER, Task.CLASSIFICATION, true, "support-weighted mean precision");
        add("recall_weighted", Direction.HIGHER, Task.CLASSIFICATION, true, "support-weighted mean recall");
        add("f1_weighted", Direction.HIGHER, Task.CLASSIFICATION, true, "support-weighted mean F1");
        add(
                "roc_auc",
                Direction.HIGHER,
                Task.CLASSIFICATION,
                true,
                "area under the ROC curve (binary; one-vs-rest macro for multiclass)");
        add("log_loss", Direction.LOWER, Task.CLASSIFICATION, true, "cross-entropy of the predicted probabilities");
        add("rmse", Direction.LOWER, Task.REGRESSION, true, "root mean squared error");
        add("mse", Direction.LOWER, Task.REGRESSION, true, "mean squared error");
        add("mae", Direction.LOWER, Task.REGRESSION, true, "mean absolute error");
        add("r2", Direction.HIGHER, Task.REGRESSION, true, "coefficient of determination");
        add(
                "pr_auc",
                Direction.HIGHER,
                Task.CLASSIFICATION,
                true,
                "average precision: area under the precision-recall curve (binary; one-vs-rest macro for multiclass)");
        // Examples of the ranking family, for suggestions; any cut-off k >= 1 is valid.
        add("ndcg@10", Direction.HIGHER, Task.RANKING, true, "NDCG at 10, per query then averaged");
        add("map@10", Direction.HIGHER, Task.RANKING, true, "mean average precision at 10");
        add("mrr", Direction.HIGHER, Task.RANKING, true, "mean reciprocal rank of the first relevant item");
        add("recall@10", Direction.HIGHER, Task.RANKING, true, "share of a query's relevant items in the top 10");
        // Often reported by training code, never computed by the gate.
        add("loss", Direction.LOWER, null, false, "training or validation loss");
        add("latency_p50_ms", Direction.LOWER, null, false, "median prediction latency in milliseconds");
        add("latency_p95_ms", Direction.LOWER, null, false, "95th percentile prediction latency in milliseconds");
        add("latency_p99_ms", Direction.LOWER, null, false, "99th percentile prediction latency in milliseconds");
        add("model_size_mb", Direction.LOWER, null, false, "size of the model artifact in MiB");
    }

    private MetricCatalog() {}

    private static void add(String name, Direction d, Task t, boolean computable, String description) {
        KNOWN.put(name, new Known(name, d, t, computable, description));
    }

    public static Optional<Known> lookup(String name) {
        Known k = KNOWN.get(name);
        if (k != null) {
            return Optional.of(k);
        }
        return RankingName.parse(name).map(r -> new Known(name, Direction.HIGHER, Task.RANKING, true, r.describe()));
    }

    public static Map<String, Known> all() {
        return java.util.Collections.unmodifiableMap(KNOWN);
    }

    public static boolean computable(String name) {
        return lookup(name).map(Known::computable).orElse(false);
    }

    /** Whether {@code name} is a ranking metric ({@code ndcg@10}, {@code mrr}, ...). */
    public static boolean ranking(String name) {
        return RankingName.parse(name).isPresent();
    }
}
