package io.mlopsci.core.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulated production of a binary fraud classifier, deterministic from a seed: its training data
 * and eval predictions, then days of prediction records in the router's format (one JSON lines
 * file per day) and the labels of each day (written, like real labels, to a separate file per day,
 * so a test can let them "arrive" late).
 *
 * <p>The model scores {@code sigmoid(1.5·amount − 1.0·velocity + 0.8·[segment = web])}; labels
 * follow the same law before the drift. From {@code driftDay} on the world changes: {@code amount}
 * shifts by +1.5 and {@code segment} swings to {@code mobile} (covariate drift, which monitor's
 * feature drift sees at once), and the labels stop following the model (concept drift, which only
 * the labels reveal: ROC AUC falls to about 0.5). {@code velocity} stays as it was.
 */
public final class ProductionLogs {

    public static final List<String> SEGMENTS = List.of("web", "store", "mobile");
    private static final double[] PRE = {0.5, 0.3, 0.2};
    private static final double[] POST = {0.2, 0.2, 0.6};

    private final long seed;
    private final Instant start;
    private final int days;
    private final int perDay;
    private final int driftDay;
    private final String version;

    /**
     * @param start    the first day's start (UTC midnight)
     * @param days     days of records
     * @param perDay   records per day
     * @param driftDay the first drifting day (1-based; larger than {@code days}: none)
     * @param version  the model version the records carry
     */
    public ProductionLogs(long seed, Instant start, int days, int perDay, int driftDay, String version) {
        this.seed = seed;
        this.start = start;
        this.days = days;
        this.perDay = perDay;
        this.driftDay = driftDay;
        this.version = version;
    }

    /** The end of day {@code day} (1-based): when a daily monitor run checks it. */
    public Instant endOf(int day) {
        return start.plus(Duration.ofDays(day));
    }

    /** One drawn example. */
    private record Example(double amount, double velocity, String segment, int label, double score) {}

    private static Example draw(SplittableRandom r, boolean drift) {
        double amount = r.nextGaussian() + (drift ? 1.5 : 0);
        double velocity = r.nextGaussian();
        double u = r.nextDouble();
        double[] p = drift ? POST : PRE;
        String segment = u < p[0] ? "web" : u < p[0] + p[1] ? "store" : "mobile";
        double score = sigmoid(1.5 * amount - 1.0 * velocity + (segment.equals("web") ? 0.8 : 0) - 0.5);
        // Before the drift the labels follow the model's law; after it they are independent of it.
        double truth = drift ? 0.5 : score;
        int label = r.nextDouble() < truth ? 1 : 0;
        return new Example(amount, velocity, segment, label, score);
    }

    /** Writes {@code data/train.csv} (the training data) and {@code predictions.csv} (eval predictions). */
    public void writeTraining(Path train, Path predictions, int rows) {
        SplittableRandom r = new SplittableRandom(seed);
        try {
            Files.createDirectories(train.toAbsolutePath().getParent());
            Files.createDirectories(predictions.toAbsolutePath().getParent());
            try (BufferedWriter t = Files.newBufferedWriter(train, StandardCharsets.UTF_8);
                    BufferedWriter p = Files.newBufferedWriter(predictions, StandardCharsets.UTF_8)) {
                t.write("id,amount,velocity,segment,label\n");
                p.write("id,label,prediction,score\n");
                for (int i = 0; i < rows; i++) {
                    Example e = draw(r, false);
                    t.write(String.format(
                            Locale.ROOT, "%d,%.5f,%.5f,%s,%d%n", i, e.amount, e.velocity, e.segment, e.label));
                }
                for (int i = 0; i < rows / 2; i++) {
                    Example e = draw(r, false);
                    p.write(String.format(
                            Locale.ROOT, "e%d,%d,%d,%.6f%n", i, e.label, e.score >= 0.5 ? 1 : 0, e.score));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record file of a day in {@code dir}. */
    public static Path recordFile(Path dir, int day) {
        return dir.resolve(String.format(Locale.ROOT, "records-day%02d.jsonl", day));
    }

    /** The label file of a day in {@code dir}. */
    public static Path labelFile(Path dir, int day) {
        return dir.resolve(String.format(Locale.ROOT, "labels-day%02d.jsonl", day));
    }

    /**
     * Writes every day's records into {@code records} and its labels into {@code labels} (a test
     * moves label files where the monitor reads them as they "arrive").
     */
    public void writeDays(Path records, Path labels) {
        try {
            Files.createDirectories(records);
            Files.createDirectories(labels);
            for (int day = 1; day <= days; day++) {
                SplittableRandom r = new SplittableRandom(seed * 1000 + day);
                boolean drift = day >= driftDay;
                List<String> labelLines = new ArrayList<>();
                try (BufferedWriter w = Files.newBufferedWriter(recordFile(records, day), StandardCharsets.UTF_8)) {
                    for (int i = 0; i < perDay; i++) {
                        Example e = draw(r, drift);
                        Instant at = start.plus(Duration.ofDays(day - 1))
                                .plusMillis((long) ((double) i / perDay * 86_400_000L));
                        String id = String.format(Locale.ROOT, "d%02d-%05d", day, i);
                        w.write(String.format(
                                Locale.ROOT,
                                "{\"timestamp\":\"%s\",\"model\":\"fraud\",\"model_version\":\"%s\",\"role\":\"stable\","
                                        + "\"request_id\":\"%s\",\"id\":\"%s\",\"features\":{\"amount\":%.5f,"
                                        + "\"velocity\":%.5f,\"segment\":\"%s\"},\"prediction\":%d,\"score\":%.6f,"
                                        + "\"latency_ms\":1.5}%n",
                                at,
                                version,
                                id,
                                id,
                                e.amount,
                                e.velocity,
                                e.segment,
                                e.score >= 0.5 ? 1 : 0,
                                e.score));
                        labelLines.add("{\"id\":\"" + id + "\",\"label\":" + e.label + "}");
                    }
                }
                Files.write(labelFile(labels, day), labelLines, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
