package io.mlopsci.core.metrics;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ranking metric's name parsed: the measure and its cut-off k ({@code ndcg@10}: NDCG over each
 * query's top 10). Without a cut-off, every item of the query counts; {@code recall} needs one.
 *
 * @param measure which measure
 * @param k       the cut-off, or 0 for none
 */
public record RankingName(Measure measure, int k) {

    /** The ranking measures. */
    public enum Measure {
        NDCG,
        MAP,
        MRR,
        RECALL
    }

    private static final Pattern NAME = Pattern.compile("(ndcg|map|mrr|recall)(?:@([1-9][0-9]{0,5}))?");

    public static Optional<RankingName> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        Measure measure = Measure.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
        int k = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (measure == Measure.RECALL && k == 0) {
            return Optional.empty();
        }
        return Optional.of(new RankingName(measure, k));
    }

    /** What the metric is, in words. */
    public String describe() {
        String at = k == 0 ? "" : " at " + k;
        return switch (measure) {
            case NDCG -> "normalized discounted cumulative gain" + at + ", per query then averaged";
            case MAP -> "mean average precision" + at + ", per query then averaged";
            case MRR -> "mean reciprocal rank of the first relevant item" + (k == 0 ? "" : " within the top " + k);
            case RECALL -> "share of each query's relevant items in its top " + k + ", averaged";
        };
    }
}
