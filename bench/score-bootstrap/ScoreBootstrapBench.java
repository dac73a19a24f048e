import io.mlopsci.contract.result.Direction;
import io.mlopsci.contract.result.Interval;
import io.mlopsci.core.config.GateConfig;
import io.mlopsci.core.scoring.MetricComputer;
import io.mlopsci.core.scoring.MetricDefinitions;
import io.mlopsci.core.scoring.PairedBootstrap;
import io.mlopsci.core.scoring.Predictions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The gate's paired bootstrap on N examples x R resamples (default 100,000 x 1,000), per kind of
 * metric: a catalogue metric (accuracy), metrics aggregated from a score column (mean, a rate of a
 * comparison, p95), and a ranking metric (NDCG@10, N/10 queries of 10 items, whole queries drawn).
 * Candidate and champion are synthetic but paired row by row, as the gate pairs them by id. Prints
 * the median wall time and the median CPU time of the computing thread (what the wall time is on an
 * otherwise idle machine: the loop is single-threaded) of RUNS timed runs after one warm-up.
 * Target: under 1 s each.
 *   java -cp shared-core/target/mlops.jar bench/score-bootstrap/ScoreBootstrapBench.java [N] [R] [RUNS]
 */
public final class ScoreBootstrapBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int resamples = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        SplittableRandom rng = new SplittableRandom(42);
        String[] ids = new String[n];
        String[] labels = new String[n];
        String[] query = new String[n];
        double[] relevance = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "r" + i;
            labels[i] = rng.nextDouble() < 0.4 ? "1" : "0";
            query[i] = "q" + (i / 10);
            relevance[i] = rng.nextInt(4) == 0 ? rng.nextInt(1, 4) : 0;
        }
        Predictions candidate = model(ids, labels, query, relevance, rng, 0.80);
        Predictions champion = model(ids, labels, query, relevance, rng, 0.82);

        Map<String, GateConfig.ScoreColumn> scores = new LinkedHashMap<>();
        scores.put("judge_mean", new GateConfig.ScoreColumn("judge", GateConfig.Aggregate.MEAN, null, null, "mean", null));
        scores.put("judge_pass", new GateConfig.ScoreColumn(
                "judge", GateConfig.Aggregate.RATE, null, new GateConfig.Condition(">=", 4.0, "4"), "rate", null));
        scores.put("latency_p95", new GateConfig.ScoreColumn(
                "latency", GateConfig.Aggregate.QUANTILE, 0.95, null, "p95", null));
        MetricDefinitions defs = new MetricDefinitions(scores, "query", "relevance", GateConfig.NoRelevant.ZERO, null);
        MetricComputer c = new MetricComputer(candidate, null, "1", defs);
        MetricComputer b = new MetricComputer(champion, null, "1", defs);
        int[] rows = java.util.stream.IntStream.range(0, n).toArray();

        System.out.printf(Locale.ROOT, "paired bootstrap, %,d examples x %,d resamples, median of %d runs (%d cores, %s)%n",
                n, resamples, runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        System.out.printf(Locale.ROOT, "%-34s %9s %9s  %s%n", "metric", "wall s", "cpu s", "interval of the improvement");
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String metric : new String[] {"accuracy", "judge_mean", "judge_pass", "latency_p95", "ndcg@10"}) {
            PairedBootstrap bootstrap = new PairedBootstrap(resamples, 0.95, 7);
            Direction dir = metric.equals("latency_p95") ? Direction.LOWER : Direction.HIGHER;
            Interval interval = null;
            double[] seconds = new double[runs];
            double[] cpu = new double[runs];
            for (int r = -1; r < runs; r++) {
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                // As the gate does: a ranking metric resamples whole queries, any other metric rows.
                interval = c.perQuery(metric)
                        ? bootstrap.interval(
                                w -> c.computeOverQueries(metric, w), w -> b.computeOverQueries(metric, w),
                                c.queriesIn(null), c.queries().length, dir, PairedBootstrap.Scale.ABSOLUTE)
                        : bootstrap.interval(
                                w -> c.compute(metric, w), w -> b.compute(metric, w), rows, n, dir,
                                PairedBootstrap.Scale.ABSOLUTE);
                if (r >= 0) {
                    seconds[r] = (System.nanoTime() - t0) / 1e9;
                    cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
                }
            }
            Arrays.sort(seconds);
            Arrays.sort(cpu);
            System.out.printf(Locale.ROOT, "%-34s %9.3f %9.3f  [%.5f, %.5f]%n",
                    metric + (metric.startsWith("ndcg") ? " (" + n / 10 + " queries)" : ""),
                    seconds[runs / 2], cpu[runs / 2], interval.low(), interval.high());
        }
        System.out.println("command: java -cp shared-core/target/mlops.jar bench/score-bootstrap/ScoreBootstrapBench.java "
                + n + " " + resamples + " " + runs);
    }

    /** A model's predictions: right with probability {@code skill}, a judge score, a latency, a ranking score. */
    static Predictions model(String[] ids, String[] labels, String[] query, double[] relevance, SplittableRandom rng,
            double skill) {
        int n = ids.length;
        String[] predicted = new String[n];
        double[] score = new double[n];
        double[] judge = new double[n];
        double[] latency = new double[n];
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            boolean right = rng.nextDouble() < skill;
            predicted[i] = right ? labels[i] : labels[i].equals("1") ? "0" : "1";
            score[i] = predicted[i].equals("1") ? 0.5 + rng.nextDouble() / 2 : rng.nextDouble() / 2;
            judge[i] = right ? rng.nextInt(3, 6) : rng.nextInt(1, 4);
            latency[i] = Math.exp(5 + rng.nextGaussian() * 0.5);
            rank[i] = relevance[i] * skill + rng.nextGaussian();
        }
        Map<String, double[]> numbers = new LinkedHashMap<>();
        numbers.put("judge", judge);
        numbers.put("latency", latency);
        numbers.put("relevance", relevance);
        Map<String, String[]> columns = new LinkedHashMap<>();
        columns.put("query", query);
        // For ranking the score column holds the ranking score; the classification metrics here do not use it.
        return new Predictions("bench", ids, labels, predicted, rank, Map.of(), columns, numbers, new int[n], true);
    }
}
